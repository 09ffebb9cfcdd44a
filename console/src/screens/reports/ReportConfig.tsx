import type { ScreenProps } from '../../app';
import { usePageTitle } from '../../lib/page-title';
import { rt } from '../../lib/reports-text';
import { Link, useLocation } from '../../lib/router';
import { ConfigCategories } from './ConfigCategories';
import { ConfigOpen311 } from './ConfigOpen311';
import { ConfigRouting } from './ConfigRouting';
import { ConfigSettings } from './ConfigSettings';
import './reports.css';

const TABS = [
  { key: 'categories', label: rt.categoriesTitle },
  { key: 'routing', label: rt.routingTitle },
  { key: 'settings', label: rt.settingsTitle },
  { key: 'open311', label: rt.clientsTitle },
] as const;
type Tab = (typeof TABS)[number]['key'];

/** The province's report configuration: categories, routing rules, workflow settings, Open311 keys. */
export default function ReportConfig(_props: ScreenProps) {
  const { query } = useLocation();
  const tab: Tab = TABS.find((x) => x.key === query.get('tab'))?.key ?? 'categories';
  const current = TABS.find((x) => x.key === tab)!;
  usePageTitle(`${rt.navConfig}: ${current.label}`);
  return (
    <>
      <h1>{rt.navConfig}</h1>
      <nav aria-label={rt.configTabs}>
        <ul class="tabs">
          {TABS.map((item) => (
            <li key={item.key}>
              <Link
                to={item.key === 'categories' ? '/report-config' : `/report-config?tab=${item.key}`}
                aria-current={item.key === tab ? 'page' : undefined}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'categories' && <ConfigCategories />}
      {tab === 'routing' && <ConfigRouting />}
      {tab === 'settings' && <ConfigSettings />}
      {tab === 'open311' && <ConfigOpen311 />}
    </>
  );
}

/** Lists answer a bare array or `{ items }`; both read the same. */
export function itemsOf<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}
