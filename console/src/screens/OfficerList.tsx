import type { ScreenProps } from '../app';
import { ROLES, type OfficerView } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { roleLabel, t } from '../i18n';
import { useAgencyOptions } from '../lib/agency-options';
import { formatDate } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { OfficerStatus, RoleList } from './officer-status';

const COLUMNS: Column<OfficerView>[] = [
  { key: 'username', label: t.officers.username, sortable: true, primary: true },
  { key: 'fullName', label: t.officers.fullName, sortable: true },
  { key: 'roles', label: t.officers.roles, render: (o) => <RoleList roles={o.roles} /> },
  { key: 'status', label: t.officers.status, render: (o) => <OfficerStatus officer={o} /> },
  { key: 'createdAt', label: t.officers.createdAt, sortable: true, render: (o) => formatDate(o.createdAt) },
];

export default function OfficerList(_props: ScreenProps) {
  usePageTitle(t.officers.title);
  const agencies = useAgencyOptions();
  return (
    <>
      <div class="page-head">
        <h1>{t.officers.title}</h1>
        <Link to="/officers/new" class="btn btn-primary">
          {t.officers.create}
        </Link>
      </div>
      <DataTable<OfficerView>
        id="officers"
        endpoint="/api/admin/officers"
        caption={t.officers.title}
        columns={COLUMNS}
        rowKey={(o) => o.id}
        rowHref={(o) => `/officers/${o.id}`}
        defaultSort="fullName"
        exportable
        filters={[
          { kind: 'search', name: 'q', label: t.table.search },
          {
            kind: 'select',
            name: 'agencyId',
            label: t.officers.agency,
            options: (agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
          },
          {
            kind: 'select',
            name: 'role',
            label: t.officers.role,
            options: ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
          },
        ]}
      />
    </>
  );
}
