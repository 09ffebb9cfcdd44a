import type { EmergencyAlert } from '../api/types';
import { t } from '../i18n/i18n';
import { Icon } from './Icon';
import { Link } from './Link';

/**
 * Active emergency alerts (storm, flood, outage) at the top of the home. The word "Cảnh báo khẩn"
 * and the icon carry the meaning; the colour only repeats it.
 */
export function AlertBanner(props: { alerts: EmergencyAlert[] }) {
  if (props.alerts.length === 0) return null;
  return (
    <section class="alert-banner" aria-labelledby="alert-banner-title">
      <h2 id="alert-banner-title" class="alert-label">
        <Icon name="alert" /> {t('alert.label')}
      </h2>
      <ul>
        {props.alerts.map((alert) => (
          <li key={alert.id}>
            <strong>{alert.title}</strong>
            {alert.body && <p>{alert.body}</p>}
            {alert.link && (
              <Link page={alert.link.page} params={alert.link.params}>
                {t('inbox.openLink')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
