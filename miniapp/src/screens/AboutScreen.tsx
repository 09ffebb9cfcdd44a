import { CallLink } from '../components/CallLink';
import { Card } from '../components/Card';
import { Icon } from '../components/Icon';
import { ScreenTitle } from '../components/ScreenTitle';
import { ErrorState } from '../components/States';
import { t } from '../i18n/i18n';
import { useStore } from '../lib/store';
import { loadTenant, tenantStore } from '../state/tenant';

/** Who runs the app, the province's hotlines (tap to call), the version and the privacy summary. */
export default function AboutScreen() {
  const { data: tenant, error } = useStore(tenantStore);
  return (
    <div class="screen">
      <ScreenTitle>{t('about.title')}</ScreenTitle>
      {tenant ? (
        <>
          <p class="lead">{t('about.operator', { name: tenant.name })}</p>
          <Card title={t('about.hotlines')}>
            {tenant.hotlines.length === 0 ? (
              <p class="muted">{t('about.noHotlines')}</p>
            ) : (
              <ul class="hotlines">
                {tenant.hotlines.map((hotline) => (
                  <li key={hotline.phone}>
                    <span class="hotline-label">{hotline.label}</span>
                    <CallLink
                      phone={hotline.phone}
                      label={t('about.callLabel', { label: hotline.label, phone: hotline.phone })}
                    >
                      <Icon name="phone" />
                      <span>{hotline.phone}</span>
                    </CallLink>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      ) : (
        error && <ErrorState error={error} onRetry={() => void loadTenant()} />
      )}
      <Card title={t('about.privacyTitle')}>
        <p>{t('about.privacy')}</p>
      </Card>
      <p class="muted">{t('about.version', { v: __APP_VERSION__ })}</p>
    </div>
  );
}
