import type { ScreenProps } from '../app';
import type { Agency } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { agencyKindLabel, t } from '../i18n';
import { useAgencyOptions } from '../lib/agency-options';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';

export default function AgencyList(_props: ScreenProps) {
  usePageTitle(t.agencies.title);
  const agencies = useAgencyOptions();
  const names = new Map((agencies ?? []).map((a) => [a.id, a.name]));
  const columns: Column<Agency>[] = [
    { key: 'code', label: t.agencies.code, sortable: true },
    { key: 'name', label: t.agencies.name, sortable: true, primary: true },
    { key: 'kind', label: t.agencies.kind, render: (a) => agencyKindLabel(a.kind) },
    {
      key: 'parentId',
      label: t.agencies.parent,
      render: (a) => (a.parentId ? (names.get(a.parentId) ?? t.none) : t.none),
    },
    { key: 'phone', label: t.agencies.phone, render: (a) => a.phone ?? t.none },
  ];
  return (
    <>
      <div class="page-head">
        <h1>{t.agencies.title}</h1>
        <Link to="/agencies/new" class="btn btn-primary">
          {t.agencies.create}
        </Link>
      </div>
      <DataTable<Agency>
        id="agencies"
        endpoint="/api/admin/agencies"
        caption={t.agencies.title}
        columns={columns}
        rowKey={(a) => a.id}
        rowHref={(a) => `/agencies/${a.id}`}
        exportable
        filters={[
          { kind: 'search', name: 'q', label: t.table.search },
          {
            kind: 'select',
            name: 'parentId',
            label: t.agencies.parent,
            options: (agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
          },
        ]}
      />
    </>
  );
}
