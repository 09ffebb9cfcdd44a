import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { onSessionProblem } from './api/client';
import type { OfficerProfile } from './api/types';
import { ConfirmHost } from './components/ConfirmDialog';
import { Layout } from './components/Layout';
import { Forbidden, Loading, NotFound } from './components/States';
import { ToastRegion } from './components/Toast';
import { t } from './i18n';
import { canUse, type Section } from './lib/access';
import { lazyScreen } from './lib/lazy';
import { matchPath, navigate, useLocation } from './lib/router';
import { markPasswordChangeRequired, restoreSession, signedOut, useSession } from './lib/session';

export interface ScreenProps {
  officer: OfficerProfile;
  params: Record<string, string>;
}

const SignIn = lazyScreen(() => import('./screens/SignIn'));
const ForcedPasswordChange = lazyScreen(() => import('./screens/ForcedPasswordChange'));

/** Screens in match order ("/agencies/new" before "/agencies/:id"); each is its own chunk. */
const ROUTES: { pattern: string; section: Section; screen: ComponentType<ScreenProps> }[] = [
  { pattern: '/', section: 'home', screen: lazyScreen(() => import('./screens/Home')) },
  { pattern: '/account', section: 'account', screen: lazyScreen(() => import('./screens/Account')) },
  { pattern: '/settings', section: 'settings', screen: lazyScreen(() => import('./screens/Settings')) },
  { pattern: '/agencies', section: 'agencies', screen: lazyScreen(() => import('./screens/AgencyList')) },
  { pattern: '/agencies/new', section: 'agencies', screen: lazyScreen(() => import('./screens/AgencyEdit')) },
  {
    pattern: '/agencies/:id',
    section: 'agencies',
    screen: lazyScreen(() => import('./screens/AgencyDetail')),
  },
  {
    pattern: '/agencies/:id/edit',
    section: 'agencies',
    screen: lazyScreen(() => import('./screens/AgencyEdit')),
  },
  { pattern: '/officers', section: 'officers', screen: lazyScreen(() => import('./screens/OfficerList')) },
  {
    pattern: '/officers/new',
    section: 'officers',
    screen: lazyScreen(() => import('./screens/OfficerCreate')),
  },
  {
    pattern: '/officers/:id',
    section: 'officers',
    screen: lazyScreen(() => import('./screens/OfficerDetail')),
  },
  {
    pattern: '/officers/:id/edit',
    section: 'officers',
    screen: lazyScreen(() => import('./screens/OfficerEdit')),
  },
  { pattern: '/dossiers', section: 'dossiers', screen: lazyScreen(() => import('./screens/DossierList')) },
  {
    pattern: '/dossiers/:id',
    section: 'dossiers',
    screen: lazyScreen(() => import('./screens/DossierDetail')),
  },
  // Field incident reports: the officers who work on dossiers; configuration is the province's.
  {
    pattern: '/reports',
    section: 'dossiers',
    screen: lazyScreen(() => import('./screens/reports/ReportList')),
  },
  {
    pattern: '/reports/map',
    section: 'dossiers',
    screen: lazyScreen(() => import('./screens/reports/ReportMapView')),
  },
  {
    pattern: '/reports/supervision',
    section: 'dossiers',
    screen: lazyScreen(() => import('./screens/reports/ReportSupervision')),
  },
  {
    pattern: '/report-config',
    section: 'settings',
    screen: lazyScreen(() => import('./screens/reports/ReportConfig')),
  },
  {
    pattern: '/reports/:id',
    section: 'dossiers',
    screen: lazyScreen(() => import('./screens/reports/ReportDetail')),
  },
  {
    pattern: '/procedures',
    section: 'procedures',
    screen: lazyScreen(() => import('./screens/ProcedureList')),
  },
  {
    pattern: '/procedures/import',
    section: 'procedures',
    screen: lazyScreen(() => import('./screens/ProcedureImport')),
  },
  {
    pattern: '/procedures/:id',
    section: 'procedures',
    screen: lazyScreen(() => import('./screens/ProcedureDetail')),
  },
  {
    pattern: '/integrations',
    section: 'integrations',
    screen: lazyScreen(() => import('./screens/Integrations')),
  },
  {
    pattern: '/notifications',
    section: 'notifications',
    screen: lazyScreen(() => import('./screens/notifications/NotificationList')),
  },
  {
    pattern: '/notifications/templates',
    section: 'notifyTemplates',
    screen: lazyScreen(() => import('./screens/notifications/Templates')),
  },
  {
    pattern: '/notifications/settings',
    section: 'notifyAdmin',
    screen: lazyScreen(() => import('./screens/notifications/NotifySettings')),
  },
  {
    pattern: '/notifications/cost-report',
    section: 'notifyAdmin',
    screen: lazyScreen(() => import('./screens/notifications/CostReport')),
  },
  {
    pattern: '/notifications/broadcasts',
    section: 'broadcasts',
    screen: lazyScreen(() => import('./screens/notifications/BroadcastList')),
  },
  {
    pattern: '/notifications/broadcasts/new',
    section: 'broadcasts',
    screen: lazyScreen(() => import('./screens/notifications/BroadcastCreate')),
  },
  {
    pattern: '/notifications/broadcasts/:id',
    section: 'broadcasts',
    screen: lazyScreen(() => import('./screens/notifications/BroadcastDetail')),
  },
  {
    pattern: '/notifications/:id',
    section: 'notifications',
    screen: lazyScreen(() => import('./screens/notifications/NotificationDetail')),
  },
  { pattern: '/audit', section: 'audit', screen: lazyScreen(() => import('./screens/AuditList')) },
  { pattern: '/audit/:seq', section: 'audit', screen: lazyScreen(() => import('./screens/AuditDetail')) },
];

function safeNext(value: string | null): string {
  // Only paths inside the console: "?next=//evil.example" must not become an open redirect.
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function App() {
  const session = useSession();
  const location = useLocation();

  useEffect(() => {
    void restoreSession();
    return onSessionProblem((error) => {
      if (error.code === 'PASSWORD_CHANGE_REQUIRED') markPasswordChangeRequired();
      else signedOut(t.signIn.sessionEnded);
    });
  }, []);

  // Where the officer must be, given the session: sign-in, the forced password change, or anywhere.
  const { path, search } = location;
  let redirect: string | null = null;
  if (session.status === 'signed-out' && path !== '/sign-in') {
    redirect = `/sign-in?next=${encodeURIComponent(path + search)}`;
  } else if (session.status === 'signed-in') {
    const next =
      path === '/sign-in' || path === '/change-password' ? location.query.get('next') : path + search;
    if (session.officer.mustChangePassword && path !== '/change-password') {
      redirect = `/change-password?next=${encodeURIComponent(safeNext(next))}`;
    } else if (!session.officer.mustChangePassword && (path === '/sign-in' || path === '/change-password')) {
      redirect = safeNext(next);
    }
  }
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  return (
    <>
      {renderScreen()}
      <ToastRegion />
      <ConfirmHost />
    </>
  );

  function renderScreen() {
    if (session.status === 'loading' || redirect) return <Loading />;
    if (session.status === 'signed-out') {
      return <SignIn {...(session.reason !== undefined && { notice: session.reason })} />;
    }
    if (path === '/change-password') return <ForcedPasswordChange officer={session.officer} />;
    const officer = session.officer;
    for (const route of ROUTES) {
      const params = matchPath(route.pattern, path);
      if (!params) continue;
      const Screen = route.screen;
      return (
        <Layout officer={officer}>
          {canUse(officer, route.section) ? <Screen officer={officer} params={params} /> : <Forbidden />}
        </Layout>
      );
    }
    return (
      <Layout officer={officer}>
        <NotFound />
      </Layout>
    );
  }
}
