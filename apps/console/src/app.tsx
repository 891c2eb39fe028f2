import { GatehouseProvider } from '@gatehouse/react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { AuthedApiProvider } from './api/api-context.tsx';
import { AuthGate, useConsoleSession } from './auth/auth-gate.tsx';
import { consoleConfig } from './auth/console-config.ts';
import { ApplicationDetailPage } from './pages/applications/application-detail-page.tsx';
import { ApplicationsPage } from './pages/applications/applications-page.tsx';
import { ConnectorDetailPage } from './pages/connectors/connector-detail-page.tsx';
import { ConnectorsPage } from './pages/connectors/connectors-page.tsx';
import { SsoConnectorDetailPage } from './pages/connectors/sso-connector-detail-page.tsx';
import { SsoConnectorsPage } from './pages/connectors/sso-connectors-page.tsx';
import { GetStartedPage } from './pages/get-started/get-started-page.tsx';
import { HasuraPage } from './pages/hasura/hasura-page.tsx';
import { HookDetailPage } from './pages/hooks/hook-detail-page.tsx';
import { HooksPage } from './pages/hooks/hooks-page.tsx';
import { LogDetailPage } from './pages/logs/log-detail-page.tsx';
import { LogsPage } from './pages/logs/logs-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OrganizationDetailPage } from './pages/organizations/organization-detail-page.tsx';
import { OrganizationRoleDetailPage } from './pages/organizations/organization-role-detail-page.tsx';
import { OrganizationTemplatePage } from './pages/organizations/organization-template-page.tsx';
import { OrganizationsPage } from './pages/organizations/organizations-page.tsx';
import { ResourceDetailPage } from './pages/resources/resource-detail-page.tsx';
import { ResourcesPage } from './pages/resources/resources-page.tsx';
import { RoleDetailPage } from './pages/roles/role-detail-page.tsx';
import { RolesPage } from './pages/roles/roles-page.tsx';
import { UserDetailPage } from './pages/users/user-detail-page.tsx';
import { UsersPage } from './pages/users/users-page.tsx';
import { appPath, Link, Routes, usePath, type Route } from './router/router.tsx';
import { TryItCallbackPage } from './pages/try-it/try-it-callback-page.tsx';
import { SignInExperiencePage } from './pages/sign-in-experience/sign-in-experience-page.tsx';
import { Button } from './ui/button.tsx';
import { Loading } from './ui/states.tsx';
import { ThemePicker } from './ui/theme-picker.tsx';

// CodeMirror is most of the bundle: load it only when the Custom JWT page opens.
const JwtPage = lazy(() => import('./pages/jwt/jwt-page.tsx').then((m) => ({ default: m.JwtPage })));

const nav = [
  { to: '/', label: 'Get started' },
  { to: '/resources', label: 'API resources' },
  { to: '/roles', label: 'Roles' },
  { to: '/users', label: 'Users' },
  { to: '/applications', label: 'Applications' },
  { to: '/organizations', label: 'Organizations' },
  { to: '/sign-in-experience', label: 'Sign-in experience' },
  { to: '/connectors', label: 'Connectors' },
  { to: '/sso-connectors', label: 'Enterprise SSO' },
  { to: '/hooks', label: 'Webhooks' },
  { to: '/logs', label: 'Audit log' },
  { to: '/jwt', label: 'Custom JWT' },
  { to: '/hasura', label: 'Hasura' },
];

const routes: Route[] = [
  { path: '/', render: () => <GetStartedPage /> },
  { path: '/resources', render: () => <ResourcesPage /> },
  { path: '/resources/:id', render: (p) => <ResourceDetailPage key={p.id} id={p.id} /> },
  { path: '/roles', render: () => <RolesPage /> },
  { path: '/roles/:id', render: (p) => <RoleDetailPage key={p.id} id={p.id} /> },
  { path: '/users', render: () => <UsersPage /> },
  { path: '/users/:id', render: (p) => <UserDetailPage key={p.id} id={p.id} /> },
  { path: '/applications', render: () => <ApplicationsPage /> },
  { path: '/applications/:id', render: (p) => <ApplicationDetailPage key={p.id} id={p.id} /> },
  { path: '/organizations', render: () => <OrganizationsPage /> },
  { path: '/organizations/:id', render: (p) => <OrganizationDetailPage key={p.id} id={p.id} /> },
  { path: '/organization-template', render: () => <OrganizationTemplatePage /> },
  { path: '/organization-roles/:id', render: (p) => <OrganizationRoleDetailPage key={p.id} id={p.id} /> },
  { path: '/connectors', render: () => <ConnectorsPage /> },
  { path: '/connectors/:id', render: (p) => <ConnectorDetailPage key={p.id} id={p.id} /> },
  { path: '/sso-connectors', render: () => <SsoConnectorsPage /> },
  { path: '/sso-connectors/:id', render: (p) => <SsoConnectorDetailPage key={p.id} id={p.id} /> },
  { path: '/hooks', render: () => <HooksPage /> },
  { path: '/hooks/:id', render: (p) => <HookDetailPage key={p.id} id={p.id} /> },
  { path: '/logs', render: () => <LogsPage /> },
  { path: '/logs/:id', render: (p) => <LogDetailPage key={p.id} id={p.id} /> },
  { path: '/jwt', render: () => <JwtPage /> },
  { path: '/hasura', render: () => <HasuraPage /> },
  { path: '/sign-in-experience', render: () => <SignInExperiencePage /> },
];

function Shell() {
  const auth = useConsoleSession();
  const path = usePath();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // On phones the navigation folds behind a Menu button; it folds again after each navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  // After a client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setMenuOpen(false);
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [path]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="sidebar-top">
          <div className="brand">
            <img src="/console/favicon.svg" alt="" /> Gatehouse
          </div>
          <Button
            size="sm"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="console-menu"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
          </Button>
        </div>
        <div id="console-menu" className="sidebar-menu" data-open={menuOpen}>
          <nav aria-label="Console">
            <ul className="nav">
              {nav.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} activePrefix>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li>
                <a href="/api/docs" target="_blank" rel="noopener">
                  API docs <span className="visually-hidden">(opens in a new tab)</span>
                </a>
              </li>
            </ul>
          </nav>
          <div className="sidebar-footer">
            <ThemePicker />
            <span className="who">Signed in as {auth.user.username ?? auth.user.name ?? auth.user.sub}</span>
            <Button size="sm" onClick={() => void auth.signOut()}>
              Sign out
            </Button>
          </div>
        </div>
      </aside>
      <main id="main" className="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes routes={routes} fallback={<NotFoundPage />} />
        </Suspense>
      </main>
    </div>
  );
}

export function App() {
  // A "Try it" sign-in comes back here in its popup: no console session involved (pages/try-it).
  if (appPath() === '/try-it/callback') return <TryItCallbackPage />;
  return (
    <GatehouseProvider config={consoleConfig(window.location.origin)}>
      <AuthGate>
        <AuthedApiProvider>
          <Shell />
        </AuthedApiProvider>
      </AuthGate>
    </GatehouseProvider>
  );
}
