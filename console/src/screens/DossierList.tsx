import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import { api } from '../api/client';
import {
  DOSSIER_CHANNELS,
  type BulkReceiveResult,
  type DossierCounts,
  type DossierListItem,
} from '../api/types';
import { confirmAction } from '../components/ConfirmDialog';
import { DataTable, type Column } from '../components/DataTable';
import { DossierSlaBadge } from '../components/DossierSlaBadge';
import type { FilterDef } from '../components/FilterBar';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import {
  QUEUE_TABS,
  channelLabel,
  describeBulkFailure,
  dossierStatusLabel,
  parseQueueTab,
  queueParams,
  queueTabLabel,
  type QueueTab,
} from '../lib/dossier';
import { useDossierAgencyOptions, useOfficerOptions, useProcedureOptions } from '../lib/dossier-options';
import { dayEndIso, dayStartIso, formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { Link, useLocation } from '../lib/router';
import { asApiError, useApi } from '../lib/use-api';

const COLUMNS: Column<DossierListItem>[] = [
  { key: 'code', label: t.dossiers.code, sortable: true, primary: true },
  { key: 'procedure', label: t.dossiers.procedure, render: (d) => d.procedure.name },
  {
    key: 'applicant',
    label: t.dossiers.applicant,
    render: (d) => (
      <>
        {d.applicantName}
        {d.applicantPhone && <span class="muted small"> · {d.applicantPhone}</span>}
      </>
    ),
  },
  { key: 'status', label: t.dossiers.status, sortable: true, render: (d) => dossierStatusLabel(d.status) },
  {
    key: 'submittedAt',
    label: t.dossiers.submittedAt,
    sortable: true,
    render: (d) => formatDateTime(d.submittedAt),
  },
  { key: 'dueAt', label: t.dossiers.dueAt, sortable: true, render: (d) => <DossierSlaBadge dossier={d} /> },
  {
    key: 'assignee',
    label: t.dossiers.assignee,
    render: (d) => d.assignee?.name ?? <span class="muted">{t.dossiers.unassigned}</span>,
  },
];

/** The tab and the query string stay together: switching tab keeps the filters, not the page. */
function tabHref(tab: QueueTab, query: URLSearchParams): string {
  const params = new URLSearchParams(query);
  params.delete('page');
  if (tab === 'submitted') params.delete('tab');
  else params.set('tab', tab);
  const text = params.toString();
  return '/dossiers' + (text ? '?' + text : '');
}

export default function DossierList({ officer }: ScreenProps) {
  usePageTitle(t.dossiers.title);
  const { query } = useLocation();
  const tab = parseQueueTab(query.get('tab'));
  const agencyId = query.get('agencyId') ?? '';
  const [refresh, setRefresh] = useState(0);
  const [counts, reloadCounts] = useApi<DossierCounts>(
    '/api/admin/dossiers/counts' + (agencyId ? `?agencyId=${encodeURIComponent(agencyId)}` : ''),
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [codesById, setCodesById] = useState<Record<string, string>>({});
  const [report, setReport] = useState<{ dossier: string; reason: string }[] | null>(null);
  const [busy, setBusy] = useState(false);

  const agencies = useDossierAgencyOptions(officer);
  const procedures = useProcedureOptions();
  const officers = useOfficerOptions();

  const filters: FilterDef[] = [
    { kind: 'search', name: 'q', label: t.dossiers.searchLabel },
    ...(agencies.length > 1
      ? [{ kind: 'select' as const, name: 'agencyId', label: t.dossiers.agency, options: agencies }]
      : []),
    ...(procedures.length > 0
      ? [{ kind: 'select' as const, name: 'procedureId', label: t.dossiers.procedure, options: procedures }]
      : []),
    {
      kind: 'select',
      name: 'channel',
      label: t.dossiers.channel,
      options: DOSSIER_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
    },
    ...(officers && officers.length > 0
      ? [{ kind: 'select' as const, name: 'assigneeId', label: t.dossiers.assignee, options: officers }]
      : []),
    { kind: 'date', name: 'from', label: t.table.from },
    { kind: 'date', name: 'to', label: t.table.to },
  ];

  const toApi = (values: Record<string, string>): Record<string, string> => {
    const { from, to, ...rest } = values;
    return {
      ...rest,
      ...queueParams(tab),
      ...(from && { from: dayStartIso(from) }),
      ...(to && { to: dayEndIso(to) }),
    };
  };

  const bulkReceive = async () => {
    const ids = selected;
    if (ids.length === 0) return;
    if (
      !(await confirmAction({
        message: t.dossiers.bulkConfirm(ids.length),
        confirmLabel: t.dossiers.bulkReceive,
      }))
    )
      return;
    setBusy(true);
    try {
      const result = await api<BulkReceiveResult>('/api/admin/dossiers/bulk-receive', {
        method: 'POST',
        body: { ids },
      });
      if (result.received.length > 0) toast(t.dossiers.bulkDone(result.received.length));
      setReport(
        result.failed.length > 0 ? result.failed.map((f) => describeBulkFailure(f, codesById)) : null,
      );
      setSelected(result.failed.map((f) => f.id).filter((id) => ids.includes(id)));
      setRefresh((n) => n + 1);
      reloadCounts();
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t.dossiers.title}</h1>
      <nav aria-label={t.dossiers.queues}>
        <ul class="tabs">
          {QUEUE_TABS.map((item) => {
            const count = counts.data?.[item];
            return (
              <li key={item} class={item === 'late' ? 'tab-late' : undefined}>
                <Link
                  to={tabHref(item, query)}
                  aria-current={item === tab ? 'page' : undefined}
                  data-tab={item}
                  onClick={() => {
                    setSelected([]);
                    setReport(null);
                  }}
                >
                  {queueTabLabel(item)}
                  {count !== undefined && <span class="tab-count">{count.toLocaleString('vi-VN')}</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {tab === 'submitted' && (
        <div class="bulk-bar">
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy || selected.length === 0}
            onClick={() => void bulkReceive()}
          >
            {busy ? t.saving : t.dossiers.bulkReceive}
          </button>
          <span aria-live="polite">{selected.length > 0 && t.dossiers.selected(selected.length)}</span>
        </div>
      )}
      {report && (
        <section class="panel bulk-report" role="alert" aria-labelledby="bulk-report-title">
          <h2 id="bulk-report-title">{t.dossiers.bulkFailedTitle(report.length)}</h2>
          <ul>
            {report.map((r) => (
              <li key={r.dossier}>
                <strong>{r.dossier}</strong>: {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      <DataTable<DossierListItem>
        key={tab}
        id="dossiers"
        endpoint="/api/admin/dossiers"
        caption={`${t.dossiers.title}: ${queueTabLabel(tab)}`}
        columns={COLUMNS}
        rowKey={(d) => d.id}
        rowHref={(d) => `/dossiers/${d.id}`}
        defaultSort={tab === 'submitted' ? 'submittedAt' : 'dueAt'}
        exportable
        filters={filters}
        toApi={toApi}
        refresh={refresh}
        onRows={(rows) =>
          setCodesById((known) => ({ ...known, ...Object.fromEntries(rows.map((r) => [r.id, r.code])) }))
        }
        {...(tab === 'submitted' && {
          selection: {
            selected,
            onChange: (keys: string[]) => setSelected(keys),
            rowLabel: (d: DossierListItem) => t.dossiers.selectRow(d.code),
            pageLabel: t.dossiers.selectPage,
          },
        })}
      />
    </>
  );
}
