import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import type { ReportListItem } from '../../api/reports-types';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/page-title';
import { actionLabel, BULK_ACTIONS, type BulkAction } from '../../lib/reports';
import {
  useCommuneOptions,
  useReportAgencyOptions,
  useReportCategoryOptions,
} from '../../lib/reports-options';
import { rt } from '../../lib/reports-text';
import { useLocation } from '../../lib/router';
import { ReportBulkDialog } from './ReportBulkDialog';
import { EscalationMark, ReportSlaBadge } from './ReportSlaBadge';
import { ReportsNav } from './ReportsNav';
import { reportApiFilters, reportFilters } from './report-filters';
import './reports.css';

const COLUMNS: Column<ReportListItem>[] = [
  { key: 'code', label: rt.code, sortable: true, primary: true },
  { key: 'category', label: rt.category, render: (r) => r.category.name },
  { key: 'commune', label: rt.commune, render: (r) => r.commune?.name ?? '—' },
  {
    key: 'state',
    label: rt.state,
    render: (r) => (
      <span data-state={r.state}>
        {r.stateLabel}
        {r.inTriage && r.state !== 'submitted' && <span class="muted small"> · {rt.triageBadge}</span>}
      </span>
    ),
  },
  { key: 'agency', label: rt.agency, render: (r) => r.agency.name },
  {
    key: 'handler',
    label: rt.handler,
    render: (r) => r.handler?.fullName ?? <span class="muted">{rt.noHandler}</span>,
  },
  { key: 'submittedAt', label: rt.submittedAt, sortable: true, render: (r) => formatDateTime(r.submittedAt) },
  { key: 'dueAt', label: rt.dueAt, sortable: true, render: (r) => <ReportSlaBadge report={r} /> },
  { key: 'escalation', label: rt.escalation, render: (r) => <EscalationMark level={r.escalationLevel} /> },
];

/** The officer's inbox: the reports of their agencies (and the triage queue for the centre). */
export default function ReportList(_props: ScreenProps) {
  usePageTitle(rt.title);
  const { query } = useLocation();
  const categories = useReportCategoryOptions();
  const communes = useCommuneOptions();
  const agencies = useReportAgencyOptions();
  const [selected, setSelected] = useState<string[]>([]);
  const [rows, setRows] = useState<Record<string, ReportListItem>>({});
  const [bulk, setBulk] = useState<BulkAction | ''>('');
  const [open, setOpen] = useState(false);
  const [failures, setFailures] = useState<{ code: string; message: string }[] | null>(null);
  const [refresh, setRefresh] = useState(0);

  const chosen = selected.map((id) => rows[id]).filter((r): r is ReportListItem => r !== undefined);

  return (
    <>
      <h1>{rt.title}</h1>
      <ReportsNav current="list" />
      <section class="bulk-bar report-bulk" aria-label={rt.bulkTitle}>
        <label for="report-bulk-action">{rt.bulkAction}</label>
        <select
          id="report-bulk-action"
          value={bulk}
          onChange={(e) => setBulk(e.currentTarget.value as BulkAction | '')}
        >
          <option value="">—</option>
          {BULK_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="btn btn-primary"
          disabled={!bulk || selected.length === 0}
          onClick={() => setOpen(true)}
        >
          {rt.bulkRun}
        </button>
        <span aria-live="polite">{selected.length > 0 && rt.selected(selected.length)}</span>
      </section>
      {failures && (
        <section class="panel bulk-report" role="alert" aria-labelledby="bulk-report-title">
          <h2 id="bulk-report-title">{rt.bulkFailedTitle(failures.length)}</h2>
          <ul>
            {failures.map((f) => (
              <li key={f.code}>
                <strong>{f.code}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <DataTable<ReportListItem>
        id="reports"
        endpoint="/api/admin/reports"
        caption={rt.inbox}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        rowHref={(r) => `/reports/${r.id}`}
        defaultSort="dueAt"
        exportable
        filters={reportFilters({ categories, communes, agencies })}
        toApi={reportApiFilters}
        refresh={refresh}
        onRows={(items) =>
          setRows((known) => ({ ...known, ...Object.fromEntries(items.map((r) => [r.id, r])) }))
        }
        selection={{
          selected,
          onChange: (keys) => setSelected(keys),
          rowLabel: (r) => rt.selectRow(r.code),
          pageLabel: rt.selectPage,
        }}
      />
      {open && bulk && (
        <ReportBulkDialog
          action={bulk}
          reports={chosen}
          agencyFilter={query.get('agencyId')}
          onClose={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            const codeOf = (id: string) => rows[id]?.code ?? id;
            setFailures(
              result.failed.length > 0
                ? result.failed.map((f) => ({ code: codeOf(f.id), message: f.message }))
                : null,
            );
            setSelected(result.failed.map((f) => f.id));
            setRefresh((n) => n + 1);
          }}
        />
      )}
    </>
  );
}
