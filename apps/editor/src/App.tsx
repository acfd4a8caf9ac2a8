import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Switch } from 'wouter';
import { z } from 'zod';
import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { SessionProvider, useSession } from './auth/SessionContext.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { EmptyState } from './shell/EmptyState.tsx';
import { PageLoading } from './shell/PageLoading.tsx';

// Pages load when first opened, so the login page downloads only the app's frame.
const FlowEditorPage = lazy(() => import('./canvas/FlowEditorPage.tsx'));
const FlowsPage = lazy(() => import('./flows/FlowsPage.tsx'));
const CallsPage = lazy(() => import('./calls/CallsPage.tsx'));
const RuntimeEventsPage = lazy(() => import('./runtime/RuntimeEventsPage.tsx'));
const SecretsPage = lazy(() => import('./secrets/SecretsPage.tsx'));
const PromptsPage = lazy(() => import('./prompts/PromptsPage.tsx'));

/** Version numbers in addresses are typed by people too: `/versions/latest` is not a page. */
const versionNumber = z.coerce.number().int().positive();

const notFound = (
  <div className="page">
    <EmptyState title="Nothing here" action={<Link href="/flows">Go to the flows</Link>}>
      This address is not a page of Callflow.
    </EmptyState>
  </div>
);

function Routes() {
  const { user } = useSession();
  if (user === undefined) return <PageLoading />;
  if (user === null) return <LoginPage />;
  if (user.mustChangePassword) return <ChangePasswordPage />;
  return (
    <AppShell>
      <Suspense fallback={<PageLoading />}>
        <Switch>
          <Route path="/">
            <Redirect to="/flows" replace />
          </Route>
          <Route path="/flows" component={FlowsPage} />
          <Route path="/flows/:flowId">{(params) => <FlowEditorPage flowId={params.flowId} />}</Route>
          <Route path="/flows/:flowId/versions/:versionNumber">
            {(params) => {
              const version = versionNumber.safeParse(params.versionNumber);
              return version.success ? (
                <FlowEditorPage flowId={params.flowId} versionNumber={version.data} />
              ) : (
                notFound
              );
            }}
          </Route>
          <Route path="/prompts" component={PromptsPage} />
          <Route path="/calls" component={CallsPage} />
          <Route path="/calls/:callId">{(params) => <CallsPage callId={params.callId} />}</Route>
          <Route path="/runtime" component={RuntimeEventsPage} />
          <Route path="/secrets" component={SecretsPage} />
          <Route>{notFound}</Route>
        </Switch>
      </Suspense>
    </AppShell>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}
