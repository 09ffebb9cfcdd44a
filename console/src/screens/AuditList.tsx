import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import type { AuditEntry, OfficerView } from '../api/types';
import { DataTable, type Column } from '../components/DataTable';
import { auditActionLabel, entityTypeLabel, t } from '../i18n';
import { fetchAllPages } from '../lib/all-pages';
import { actorOf } from '../lib/audit';
import { dayEndIso, dayStartIso, formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { useApi } from '../lib/use-api';

const COLUMNS: Column<AuditEntry>[] = [
  { key: 'seq', label: t.audit.seq, sortable: true, primary: true, numeric: true },
  { key: 'at', label: t.audit.at, render: (e) => formatDateTime(e.at) },
  { key: 'actor', label: t.audit.actor, render: actorOf },
  { key: 'action', label: t.audit.action, render: (e) => auditActionLabel(e.action) },
  {
    key: 'entity',
    label: t.audit.entityType,
    render: (e) => (
      <>
        {entityTypeLabel(e.entityType)}
        {e.entityId && <span class="muted small"> {e.entityId.slice(0, 8)}</span>}
      </>
    ),
  },
];

/** Days picked in the filter are whole days in Viet Nam; the API takes instants. */
function toApi(filters: Record<string, string>): Record<string, string> {
  const { from, to, ...rest } = filters;
  return { ...rest, ...(from && { from: dayStartIso(from) }), ...(to && { to: dayEndIso(to) }) };
}

export default function AuditList(_props: ScreenProps) {
  usePageTitle(t.audit.title);
  const [actions] = useApi<{ items: string[] }>('/api/admin/audit/actions');
  const [officers, setOfficers] = useState<OfficerView[]>([]);
  useEffect(() => {
    fetchAllPages<OfficerView>('/api/admin/officers', { sort: 'fullName' }).then(setOfficers, () =>
      setOfficers([]),
    );
  }, []);
  return (
    <>
      <h1>{t.audit.title}</h1>
      <p class="muted">{t.audit.intro}</p>
      <DataTable<AuditEntry>
        id="audit"
        endpoint="/api/admin/audit"
        caption={t.audit.title}
        columns={COLUMNS}
        rowKey={(e) => String(e.seq)}
        rowHref={(e) => `/audit/${e.seq}`}
        defaultSort="-seq"
        exportable
        toApi={toApi}
        filters={[
          { kind: 'search', name: 'q', label: t.table.search },
          {
            kind: 'select',
            name: 'action',
            label: t.audit.action,
            options: (actions.data?.items ?? []).map((a) => ({ value: a, label: auditActionLabel(a) })),
          },
          {
            kind: 'select',
            name: 'actorId',
            label: t.audit.actor,
            options: officers.map((o) => ({ value: o.id, label: `${o.fullName} (${o.username})` })),
          },
          {
            kind: 'select',
            name: 'entityType',
            label: t.audit.entityType,
            options: Object.keys(t.audit.entityTypes).map((type) => ({
              value: type,
              label: entityTypeLabel(type),
            })),
          },
          { kind: 'date', name: 'from', label: t.table.from },
          { kind: 'date', name: 'to', label: t.table.to },
        ]}
      />
    </>
  );
}
