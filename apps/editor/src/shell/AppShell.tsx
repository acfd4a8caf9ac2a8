import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession, useUser } from '../auth/SessionContext.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { RuntimeStatusBar } from './RuntimeStatusBar.tsx';
import './shell.css';

const sections = [
  { href: '/flows', label: 'Flows' },
  { href: '/prompts', label: 'Prompts' },
  { href: '/calls', label: 'Calls' },
  { href: '/runtime', label: 'Runtime' },
];
/** Admins also manage the credentials store. */
const adminSections = [...sections, { href: '/secrets', label: 'Secrets' }];

/** The frame around every page: navigation, who is logged in, and the runtime's state at the bottom. */
export function AppShell({ children }: { children: ReactNode }) {
  const user = useUser();
  const { logout } = useSession();
  const [location] = useLocation();
  return (
    <div className="shell">
      <header className="shell__top">
        <Link href="/flows" className="shell__brand">
          <span className="brand-mark" aria-hidden="true" />
          Callflow
        </Link>
        <nav className="shell__nav" aria-label="Sections">
          {(user.role === 'admin' ? adminSections : sections).map((section) => (
            <Link
              key={section.href}
              href={section.href}
              className="shell__nav-link"
              aria-current={location.startsWith(section.href) ? 'page' : undefined}
            >
              {section.label}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <span className="shell__user">
          <span className="shell__username">{user.username}</span>
          <span className="badge">{user.role}</span>
        </span>
        <button type="button" className="button button--ghost button--small" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      <main className="shell__main">
        <PageErrorBoundary>{children}</PageErrorBoundary>
      </main>
      <RuntimeStatusBar />
    </div>
  );
}
