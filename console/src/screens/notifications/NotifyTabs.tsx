import type { OfficerProfile } from '../../api/types';
import { t } from '../../i18n';
import { canUse, type Section } from '../../lib/access';
import { Link, useLocation } from '../../lib/router';

/** The notification pages as tabs, listing only those the officer's roles may open. */
const TABS: { section: Section; to: string; label: string }[] = [
  { section: 'notifications', to: '/notifications', label: t.notify.log },
  { section: 'notifyTemplates', to: '/notifications/templates', label: t.notify.templates },
  { section: 'broadcasts', to: '/notifications/broadcasts', label: t.notify.broadcasts },
  { section: 'notifyAdmin', to: '/notifications/cost-report', label: t.notify.costReport },
  { section: 'notifyAdmin', to: '/notifications/settings', label: t.notify.settings },
];

export function NotifyTabs({ officer }: { officer: OfficerProfile }) {
  const { path } = useLocation();
  const current = (to: string) =>
    to === '/notifications'
      ? path === to || !TABS.some((tab) => tab.to !== to && path.startsWith(tab.to))
      : path === to || path.startsWith(to + '/');
  return (
    <nav aria-label={t.notify.sections}>
      <ul class="tabs">
        {TABS.filter((tab) => canUse(officer, tab.section)).map((tab) => (
          <li key={tab.to}>
            <Link to={tab.to} aria-current={current(tab.to) ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
