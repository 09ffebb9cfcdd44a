import type { ScreenProps } from '../app';
import type { ProcedureListItem } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { t } from '../i18n';
import { useDossierAgencyOptions } from '../lib/dossier-options';
import { formatVnd } from '../lib/dossier';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { useApi } from '../lib/use-api';

const COLUMNS: Column<ProcedureListItem>[] = [
  { key: 'code', label: t.procedures.code, sortable: true, primary: true },
  { key: 'name', label: t.procedures.name, sortable: true },
  { key: 'field', label: t.procedures.field, sortable: true },
  { key: 'agency', label: t.procedures.agency, render: (p) => p.agency?.name ?? t.none },
  { key: 'level', label: t.procedures.level, render: (p) => t.procedures.levels[p.level] ?? p.level },
  {
    key: 'processingDays',
    label: t.procedures.processingDays,
    sortable: true,
    numeric: true,
    render: (p) => t.procedures.days(p.processingDays),
  },
  {
    key: 'feeTotal',
    label: t.procedures.feeTotal,
    numeric: true,
    render: (p) => (p.feeTotal === undefined ? t.none : formatVnd(p.feeTotal)),
  },
  {
    key: 'enabled',
    label: t.procedures.enabled,
    render: (p) => <ProcedureEnabled enabled={p.enabled !== false} />,
  },
];

export function ProcedureEnabled({ enabled }: { enabled: boolean }) {
  return (
    <span class={enabled ? 'badge badge-on' : 'badge badge-off'}>
      {enabled ? t.procedures.on : t.procedures.off}
    </span>
  );
}

export default function ProcedureList({ officer }: ScreenProps) {
  usePageTitle(t.procedures.title);
  const [fields] = useApi<{ field: string; count: number }[] | { items: { field: string; count: number }[] }>(
    '/api/procedures/fields',
  );
  const fieldList = Array.isArray(fields.data) ? fields.data : (fields.data?.items ?? []);
  const agencies = useDossierAgencyOptions(officer);
  return (
    <>
      <div class="page-head">
        <h1>{t.procedures.title}</h1>
        <Link to="/procedures/import" class="btn btn-primary">
          {t.procedures.import}
        </Link>
      </div>
      <DataTable<ProcedureListItem>
        id="procedures"
        endpoint="/api/admin/procedures"
        caption={t.procedures.title}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        rowHref={(p) => `/procedures/${p.id}`}
        defaultSort="name"
        exportable
        filters={[
          { kind: 'search', name: 'q', label: t.table.search },
          {
            kind: 'select',
            name: 'field',
            label: t.procedures.field,
            options: fieldList.map((f) => ({ value: f.field, label: `${f.field} (${f.count})` })),
          },
          { kind: 'select', name: 'agencyId', label: t.procedures.agency, options: agencies },
          {
            kind: 'select',
            name: 'enabled',
            label: t.procedures.enabled,
            options: [
              { value: 'true', label: t.procedures.on },
              { value: 'false', label: t.procedures.off },
            ],
          },
        ]}
      />
    </>
  );
}
