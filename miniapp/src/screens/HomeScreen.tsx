import { useEffect, useState } from 'preact/hooks';
import { AlertBanner } from '../components/AlertBanner';
import { Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { Link } from '../components/Link';
import { ScreenTitle } from '../components/ScreenTitle';
import { ErrorState, Progress } from '../components/States';
import { enabledFeatures, tileTarget } from '../features/registry';
import { SLOW_AFTER_MS } from '../hooks/useRequest';
import { usePersistentState } from '../hooks/usePersistentState';
import { t } from '../i18n/i18n';
import { useStore } from '../lib/store';
import { loadTenant, tenantStore } from '../state/tenant';
import { unreadStore } from '../state/unread';
import { SearchResults } from './SearchResults';

/** The home: the province's name, alerts, search, and its utilities as large tiles in its order. */
export function HomeScreen() {
  const { data: tenant, error, loading } = useStore(tenantStore);
  const unread = useStore(unreadStore);
  const [query, setQuery] = usePersistentState('home.q', '');
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);

  if (!tenant) {
    if (error && !loading) return <ErrorState error={error} onRetry={() => void loadTenant()} />;
    return slow ? <Progress /> : null;
  }
  const features = enabledFeatures(tenant.utilities);
  const searching = query.trim() !== '';

  return (
    <div class="home">
      <div class="home-head">
        {tenant.branding.logoUrl && (
          <img class="home-logo" src={tenant.branding.logoUrl} alt="" width={56} height={56} />
        )}
        <ScreenTitle>{tenant.branding.appName ?? tenant.name}</ScreenTitle>
      </div>
      <AlertBanner alerts={tenant.alerts ?? []} />
      {unread ? (
        <Link page="inbox" class="notice-link">
          <Icon name="bell" />
          <span>{t('home.bellUnread', { n: unread })}</span>
        </Link>
      ) : null}
      <form role="search" class="home-search" onSubmit={(event) => event.preventDefault()}>
        <Field
          id="home-search"
          type="search"
          inputMode="search"
          label={t('home.search')}
          hint={t('home.searchHint')}
          value={query}
          onInput={setQuery}
          enterKeyHint="search"
        />
      </form>
      {searching ? (
        <SearchResults query={query} utilities={tenant.utilities} />
      ) : features.length === 0 ? (
        <p class="muted">{t('home.noUtilities')}</p>
      ) : (
        <nav aria-label={t('home.utilities')}>
          <ul class="tiles">
            {features.map((feature) => (
              <li key={feature.key}>
                <Link {...tileTarget(feature)} class="tile" data-utility={feature.key}>
                  <Icon name={feature.icon} size={48} />
                  <span class="tile-label">{t(feature.label)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Link page="about" class="row-link">
        <Icon name="phone" />
        <span>{t('home.aboutLink')}</span>
        <Icon name="forward" />
      </Link>
    </div>
  );
}
