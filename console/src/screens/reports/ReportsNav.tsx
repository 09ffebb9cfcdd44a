import { Link, useLocation } from '../../lib/router';
import { rt } from '../../lib/reports-text';
import { filtersOnly } from './report-filters';

/** List, map and supervision of the same reports; list and map keep the filters between them. */
export function ReportsNav({ current }: { current: 'list' | 'map' | 'supervision' }) {
  const { query } = useLocation();
  const carry = current === 'supervision' ? '' : filtersOnly(query);
  const items = [
    { key: 'list', to: '/reports' + carry, label: rt.listView },
    { key: 'map', to: '/reports/map' + carry, label: rt.mapView },
    { key: 'supervision', to: '/reports/supervision', label: rt.supervisionTitle },
  ] as const;
  return (
    <nav aria-label={rt.views}>
      <ul class="tabs">
        {items.map((item) => (
          <li key={item.key}>
            <Link to={item.to} aria-current={item.key === current ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
