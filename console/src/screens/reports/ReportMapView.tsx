import type { ScreenProps } from '../../app';
import { withQuery } from '../../api/client';
import type { ReportMapPoint } from '../../api/reports-types';
import { FilterBar } from '../../components/FilterBar';
import { ErrorState } from '../../components/States';
import { usePageTitle } from '../../lib/page-title';
import { MARKER_COLOURS } from '../../lib/reports';
import {
  useCommuneOptions,
  useReportAgencyOptions,
  useReportCategoryOptions,
} from '../../lib/reports-options';
import { rt } from '../../lib/reports-text';
import { Link, navigate, setQuery, useLocation } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { ReportsMap } from './ReportsMap';
import { ReportsNav } from './ReportsNav';
import './reports.css';
import { reportApiFilters, reportFilters } from './report-filters';

/** The inbox's reports on a map, with the same filters as the list (they live in the address). */
export default function ReportMapView(_props: ScreenProps) {
  usePageTitle(`${rt.title}: ${rt.mapView}`);
  const { query } = useLocation();
  const filters = reportFilters({
    categories: useReportCategoryOptions(),
    communes: useCommuneOptions(),
    agencies: useReportAgencyOptions(),
  });
  const values = Object.fromEntries(filters.map((f) => [f.name, query.get(f.name) ?? '']));
  const [state, reload] = useApi<ReportMapPoint[]>(
    withQuery('/api/admin/reports/map', reportApiFilters(values)),
  );
  const points = state.data ?? [];

  const apply = (next: Record<string, string>) => {
    const params = new URLSearchParams(query);
    for (const [key, value] of Object.entries(next)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    setQuery(params);
  };

  return (
    <>
      <h1>{rt.title}</h1>
      <ReportsNav current="map" />
      <FilterBar idPrefix="reports-map" filters={filters} values={values} onApply={apply} />
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : (
        <>
          <p class="table-total" aria-live="polite">
            {state.status === 'ready' ? rt.mapCount(points.length) : '\u00a0'}
          </p>
          <ul class="map-legend" aria-label={rt.mapLabel}>
            {(
              [
                ['late', rt.mapLegendLate],
                ['open', rt.mapLegendOpen],
                ['done', rt.mapLegendDone],
              ] as const
            ).map(([kind, text]) => (
              <li key={kind}>
                <span class="map-dot" style={{ background: MARKER_COLOURS[kind] }} aria-hidden="true" />{' '}
                {text}
              </li>
            ))}
          </ul>
          <ReportsMap
            points={points}
            label={rt.mapLabel}
            onSelect={(point) => navigate(`/reports/${point.id}`)}
          />
          {state.status === 'ready' && points.length === 0 && <p class="muted">{rt.mapEmpty}</p>}
          {points.length > 0 && (
            <details class="map-list">
              <summary>{rt.mapCount(points.length)}</summary>
              <ul class="plain">
                {points.map((p) => (
                  <li key={p.id}>
                    <Link to={`/reports/${p.id}`} aria-label={rt.openDetail(p.code)}>
                      {p.code}
                    </Link>
                    {p.late && <span class="badge badge-off">{rt.late}</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </>
  );
}
