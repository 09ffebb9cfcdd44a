import { useEffect } from 'preact/hooks';
import { CallOut } from './components/CallOut';
import { ConsentHost } from './components/ConsentSheet';
import { Icon } from './components/Icon';
import { LazyScreen } from './components/LazyScreen';
import { Link } from './components/Link';
import { ToastHost } from './components/Toast';
import { t } from './i18n/i18n';
import { useStore } from './lib/store';
import { HomeScreen } from './screens/HomeScreen';
import { screenFor } from './screens/registry';
import { prefsStore } from './state/prefs';
import { currentTarget, goBack, navigate, routeStore } from './state/router';
import { sessionStore } from './state/session';
import { tenantStore } from './state/tenant';
import { refreshUnread, unreadStore } from './state/unread';

function AppHeader(props: { home: boolean }) {
  const tenant = useStore(tenantStore).data;
  return (
    <header class="app-header">
      {!props.home && (
        <button type="button" class="header-back" onClick={goBack}>
          <Icon name="back" />
          <span>{t('common.back')}</span>
        </button>
      )}
      <span class="header-name">{tenant?.shortName ?? tenant?.name ?? t('app.name')}</span>
    </header>
  );
}

function BottomNav(props: { page: string }) {
  const unread = useStore(unreadStore);
  const current = (page: string) => (props.page === page ? 'page' : undefined);
  return (
    <nav class="bottom-nav" aria-label={t('nav.main')}>
      <Link page="home" aria-current={current('home')}>
        <Icon name="home" />
        <span>{t('nav.home')}</span>
      </Link>
      <Link page="inbox" aria-current={current('inbox')} data-unread={unread ?? undefined}>
        <span class="nav-icon">
          <Icon name="bell" />
          {unread ? (
            <span class="badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </span>
        <span>{t('nav.inbox')}</span>
        {/* The badge is for the eye; this is the same count in words, read as part of the link. */}
        {unread ? <span class="visually-hidden">{t('nav.unreadSuffix', { n: unread })}</span> : null}
      </Link>
      <Link page="profile" aria-current={current('profile') ?? current('my-data')}>
        <Icon name="user" />
        <span>{t('nav.account')}</span>
      </Link>
      <Link page="settings" aria-current={current('settings')}>
        <Icon name="settings" />
        <span>{t('nav.settings')}</span>
      </Link>
    </nav>
  );
}

export function App() {
  const route = useStore(routeStore);
  const session = useStore(sessionStore);
  const offline = useStore(tenantStore).offline;
  useStore(prefsStore); // a language change re-renders every screen
  const entry = route.page === 'home' ? undefined : screenFor(route.page);
  const unknownPage = route.page !== 'home' && !entry;
  const needsSignIn = Boolean(entry?.signedIn && !session);

  useEffect(() => {
    if (unknownPage) navigate('home', {}, true);
    else if (needsSignIn) navigate('sign-in', { next: currentTarget() }, true);
  }, [unknownPage, needsSignIn, route]);

  useEffect(() => {
    void refreshUnread();
  }, [route.page, session?.token]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <AppHeader home={route.page === 'home'} />
      <main id="main" tabIndex={-1}>
        {offline && <CallOut icon="info">{t('offline.notice')}</CallOut>}
        {entry ? !needsSignIn && <LazyScreen key={route.page} entry={entry} /> : <HomeScreen />}
      </main>
      <BottomNav page={route.page} />
      <ToastHost />
      <ConsentHost />
    </>
  );
}
