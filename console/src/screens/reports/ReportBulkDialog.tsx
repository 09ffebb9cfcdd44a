import { api } from '../../api/client';
import type { BulkResult, RejectReason, ReportListItem } from '../../api/reports-types';
import { Dialog } from '../../components/Dialog';
import { Field, Form, useForm } from '../../components/Form';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { actionLabel, type BulkAction } from '../../lib/reports';
import { useReportHandlers } from '../../lib/reports-options';
import { REJECT_REASONS, REJECT_REASON_LABELS, rt } from '../../lib/reports-text';

/*
 * One action on the selected reports (POST /api/admin/reports/bulk). Each report is checked on its
 * own by the server; the ones it refused come back with the reason and stay selected.
 */

interface Values {
  handlerId: string;
  reason: RejectReason | '';
  note: string;
}

/** A handler belongs to one agency: the selection must share it (or the inbox be filtered to it). */
function commonAgency(reports: ReportListItem[], filter: string | null): string | null {
  const ids = new Set(reports.map((r) => r.agency.id));
  if (ids.size === 1) return [...ids][0]!;
  return ids.size === 0 ? filter : null;
}

export function ReportBulkDialog({
  action,
  reports,
  agencyFilter,
  onClose,
  onDone,
}: {
  action: BulkAction;
  reports: ReportListItem[];
  agencyFilter: string | null;
  onClose: () => void;
  onDone: (result: BulkResult) => void;
}) {
  const form = useForm<Values>({ handlerId: '', reason: '', note: '' });
  const agencyId = action === 'assign_handler' ? commonAgency(reports, agencyFilter) : null;
  const handlers = useReportHandlers(agencyId);
  const label = actionLabel(action);

  const submit = async (values: Values) => {
    const body: Record<string, unknown> = { ids: reports.map((r) => r.id), action };
    if (action === 'assign_handler') body.handlerId = values.handlerId;
    if (action === 'reject') body.reason = values.reason;
    if (values.note.trim()) body.note = values.note.trim();
    const result = await api<BulkResult>('/api/admin/reports/bulk', { method: 'POST', body });
    if (result.done.length > 0) toast(rt.bulkDone(result.done.length));
    onDone(result);
  };

  const validate = (values: Values): Record<string, string> => {
    if (action === 'assign_handler' && !values.handlerId) return { handlerId: rt.required.handlerId };
    if (action === 'reject' && !values.reason) return { reason: rt.required.reason };
    return {};
  };

  return (
    <Dialog id="bulk-dialog" title={`${label}: ${rt.selected(reports.length)}`} onClose={onClose}>
      <Form<Values>
        form={form}
        onSubmit={submit}
        submitLabel={label}
        danger={action === 'reject'}
        validate={validate}
        actions={
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
        }
      >
        <p>{rt.bulkConfirm(reports.length, label)}</p>
        <ul class="plain small">
          {reports.map((r) => (
            <li key={r.id}>
              {r.code} · {r.agency.name}
            </li>
          ))}
        </ul>
        {action === 'assign_handler' &&
          (agencyId === null ? (
            <p class="field-error" role="alert">
              {rt.bulkOneAgency}
            </p>
          ) : handlers.options === null ? (
            <p class="muted">{t.loading}</p>
          ) : handlers.options.length === 0 ? (
            <p class="muted">{handlers.error ? `${rt.handlersFailed} ${handlers.error}` : rt.noHandlers}</p>
          ) : (
            <Field
              form={form}
              name="handlerId"
              label={rt.handler}
              as="select"
              required
              options={[{ value: '', label: rt.chooseHandler }, ...handlers.options]}
            />
          ))}
        {action === 'reject' && (
          <Field
            form={form}
            name="reason"
            label={rt.reason}
            as="select"
            required
            hint={rt.bulkNoDuplicate}
            options={[
              { value: '', label: rt.chooseReason },
              ...REJECT_REASONS.filter((r) => r !== 'duplicate').map((r) => ({
                value: r,
                label: REJECT_REASON_LABELS[r],
              })),
            ]}
          />
        )}
        <Field form={form} name="note" label={rt.note} hint={rt.noteHint} as="textarea" />
      </Form>
    </Dialog>
  );
}
