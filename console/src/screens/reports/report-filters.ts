import type { FilterDef } from '../../components/FilterBar';
import type { Option } from '../../lib/dossier-options';
import { t } from '../../i18n';
import { dayEndIso, dayStartIso } from '../../lib/format';
import { rt } from '../../lib/reports-text';

/*
 * The inbox filters, shared by the list and the map so both show the same reports for the same
 * address (the filters live in the query string).
 */

/** The default workflow's states (docs/reports-api.md); the server also answers each row's label. */
export const STATE_OPTIONS: Option[] = [
  { value: 'submitted', label: 'Chờ phân loại' },
  { value: 'assigned', label: 'Đã chuyển cơ quan xử lý' },
  { value: 'in_progress', label: 'Đang xử lý' },
  { value: 'reopened', label: 'Mở lại' },
  { value: 'resolved', label: 'Đã xử lý' },
  { value: 'closed', label: 'Đã kết thúc' },
  { value: 'rejected', label: 'Từ chối' },
];

const YES: Option[] = [{ value: 'true', label: rt.yes }];

export function reportFilters(options: {
  categories: Option[];
  communes: Option[];
  agencies: Option[];
}): FilterDef[] {
  return [
    { kind: 'search', name: 'q', label: rt.search },
    { kind: 'select', name: 'state', label: rt.state, options: STATE_OPTIONS },
    ...(options.categories.length > 0
      ? [{ kind: 'select' as const, name: 'categoryId', label: rt.category, options: options.categories }]
      : []),
    ...(options.communes.length > 0
      ? [{ kind: 'select' as const, name: 'communeId', label: rt.commune, options: options.communes }]
      : []),
    ...(options.agencies.length > 1
      ? [{ kind: 'select' as const, name: 'agencyId', label: rt.agency, options: options.agencies }]
      : []),
    { kind: 'select', name: 'late', label: rt.filterLate, options: YES },
    { kind: 'select', name: 'escalated', label: rt.filterEscalated, options: YES },
    { kind: 'select', name: 'triage', label: rt.filterTriage, options: YES },
    { kind: 'date', name: 'from', label: t.table.from },
    { kind: 'date', name: 'to', label: t.table.to },
  ];
}

/** The URL's filter values as the API takes them (a picked day becomes an instant in Viet Nam). */
export function reportApiFilters(values: Record<string, string>): Record<string, string> {
  const { from, to, ...rest } = values;
  return { ...rest, ...(from && { from: dayStartIso(from) }), ...(to && { to: dayEndIso(to) }) };
}

/** The query string without paging and sorting, to carry the filters between list and map. */
export function filtersOnly(query: URLSearchParams): string {
  const params = new URLSearchParams(query);
  for (const key of ['page', 'pageSize', 'sort']) params.delete(key);
  const text = params.toString();
  return text ? '?' + text : '';
}
