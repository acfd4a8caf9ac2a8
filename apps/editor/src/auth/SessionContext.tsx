import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { whenPasswordChangeRequired, whenSessionLost } from '../api/callEndpoint.ts';
import { type SessionUser, sessionApi } from '../api/sessionApi.ts';
import { unsavedBackups } from '../canvas/unsavedBackups.ts';

interface SessionState {
  /** Undefined while the first check runs; null when logged out. */
  readonly user: SessionUser | null | undefined;
  readonly setUser: (user: SessionUser | null) => void;
  readonly logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Knows who is logged in; any request that finds the session gone logs the page out, and any request
 * refused until the password is changed shows the change-password page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<SessionUser | null | undefined>(undefined);
  // Before anyone's pages render: unsaved drafts another person left in this browser are removed.
  const setUser = useCallback((next: SessionUser | null) => {
    if (next !== null) unsavedBackups.keepOnlyFor(next.id);
    setUserState(next);
  }, []);
  useEffect(() => {
    let active = true;
    sessionApi
      .current()
      .then((current) => active && setUser(current))
      .catch(() => active && setUser(null));
    // An expired session keeps the person's unsaved drafts: logging in again brings them back.
    whenSessionLost(() => setUserState(null));
    whenPasswordChangeRequired(() =>
      setUserState((current) =>
        current === null || current === undefined ? current : { ...current, mustChangePassword: true },
      ),
    );
    return () => {
      active = false;
      whenSessionLost(null);
      whenPasswordChangeRequired(null);
    };
  }, [setUser]);
  const logout = useCallback(async () => {
    await sessionApi.logout().catch(() => undefined);
    unsavedBackups.clearAll();
    setUserState(null);
  }, []);
  const value = useMemo(() => ({ user, setUser, logout }), [user, setUser, logout]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The logged-in user; only for pages behind the login. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (user === null || user === undefined) throw new Error('useUser on a page without a logged-in user');
  return user;
}

export function canEdit(user: SessionUser): boolean {
  return user.role === 'editor' || user.role === 'admin';
}
