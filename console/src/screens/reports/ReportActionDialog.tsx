import { useState } from 'preact/hooks';
import { ApiError, api, uploadFile, withQuery } from '../../api/client';
import type { PageOf } from '../../api/types';
import type { ReportDetail, ReportListItem } from '../../api/reports-types';
import { confirmAction } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { Field, FieldShell, Form, useForm } from '../../components/Form';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import {
  EMPTY_ACTION_VALUES,
  MAX_PROOF_PHOTOS,
  actionFields,
  actionLabel,
  buildActionBody,
  validateAction,
  type ActionValues,
} from '../../lib/reports';
import { useReportAgencyOptions, useReportHandlers } from '../../lib/reports-options';
import { REJECT_REASONS, REJECT_REASON_LABELS, rt } from '../../lib/reports-text';

/*
 * One workflow action on a report, in a dialog: the inputs that action takes, local checks first,
 * then the server's field errors beside the fields (business codes mapped below), a confirmation
 * for what the citizen is told about, and a toast once done.
 */

const CODE_FIELDS: Record<string, string> = {
  REPORT_ANSWER_REQUIRED: 'answer',
  REPORT_PROOF_PHOTO_REQUIRED: 'photoFileIds',
  REPORT_PHOTO_INVALID: 'photoFileIds',
  REPORT_REASON_REQUIRED: 'reason',
  REPORT_DUPLICATE_INVALID: 'duplicateCode',
  REPORT_AGENCY_INVALID: 'agencyId',
  REPORT_HANDLER_INVALID: 'handlerId',
};

/** The original of a duplicate, found by its code among the reports the officer can see. */
async function findByCode(code: string): Promise<string> {
  const wanted = code.trim().toUpperCase();
  const page = await api<PageOf<ReportListItem>>(
    withQuery('/api/admin/reports', { q: wanted, pageSize: 10 }),
  );
  const match = page.items.find((r) => r.code.toUpperCase() === wanted);
  if (!match) throw new ApiError(404, 'REPORT_DUPLICATE_INVALID', rt.duplicateNotFound);
  return match.id;
}

export function ReportActionDialog({
  report,
  action,
  onClose,
  onDone,
  proofRequired,
}: {
  report: ReportDetail;
  action: string;
  /** The category asks for a photo of the finished work (from the public category list). */
  proofRequired: boolean;
  onClose: () => void;
  /** The updated report, or null when it has left the officer's scope. */
  onDone: (updated: ReportDetail | null) => void;
}) {
  const form = useForm<ActionValues>({ ...EMPTY_ACTION_VALUES, handlerId: report.handler?.id ?? '' });
  const fields = actionFields(action);
  const agencies = useReportAgencyOptions();
  const handlers = useReportHandlers(fields.has('handlerId') ? report.agency.id : null);
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const label = actionLabel(action);

  const submit = async (values: ActionValues) => {
    if (action === 'reject' || action === 'resolve') {
      const message = action === 'reject' ? rt.confirmReject(report.code) : rt.confirmResolve(report.code);
      if (!(await confirmAction({ message, confirmLabel: label, danger: action === 'reject' }))) return;
    }
    const duplicateOf =
      action === 'reject' && values.reason === 'duplicate'
        ? await findByCode(values.duplicateCode)
        : undefined;
    let photoFileIds: string[] = [];
    if (fields.has('photos') && files.length > 0) {
      setUploading(true);
      try {
        photoFileIds = (await Promise.all(files.map((f) => uploadFile(f, 'image')))).map((f) => f.id);
      } finally {
        setUploading(false);
      }
    }
    const result = await api<ReportDetail | { handedOver: true }>(
      `/api/admin/reports/${encodeURIComponent(report.id)}/actions/${encodeURIComponent(action)}`,
      {
        method: 'POST',
        body: buildActionBody(action, values, { photoFileIds, ...(duplicateOf && { duplicateOf }) }),
      },
    );
    // Handing a report to another agency can take it out of the officer's scope: the server then
    // answers with a hand-over note instead of the detail.
    const updated = 'handedOver' in result ? null : result;
    toast(updated ? rt.done(label) : `${rt.done(label)} ${rt.leftScope}`);
    onDone(updated);
  };

  const agencyOptions = agencies.filter((a) => action !== 'transfer' || a.value !== report.agency.id);

  return (
    <Dialog id="action-dialog" title={`${label}: ${report.code}`} onClose={onClose}>
      <Form<ActionValues>
        form={form}
        onSubmit={submit}
        submitLabel={label}
        danger={action === 'reject'}
        busyLabel={uploading ? rt.uploading : t.saving}
        codeFields={CODE_FIELDS}
        validate={(values) => validateAction(action, values, { photoCount: files.length, proofRequired })}
        actions={
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
        }
      >
        {fields.has('agencyId') && (
          <Field
            form={form}
            name="agencyId"
            label={rt.agency}
            as="select"
            required
            options={[{ value: '', label: rt.chooseAgency }, ...agencyOptions]}
          />
        )}
        {fields.has('handlerId') &&
          (handlers.options === null ? (
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
        {fields.has('reason') && (
          <Field
            form={form}
            name="reason"
            label={rt.reason}
            as="select"
            required
            options={[
              { value: '', label: rt.chooseReason },
              ...REJECT_REASONS.map((r) => ({ value: r, label: REJECT_REASON_LABELS[r] })),
            ]}
          />
        )}
        {fields.has('duplicateCode') && form.values.reason === 'duplicate' && (
          <Field
            form={form}
            name="duplicateCode"
            label={rt.duplicateCode}
            hint={rt.duplicateHint}
            required
            spellcheck={false}
          />
        )}
        {fields.has('answer') && (
          <Field form={form} name="answer" label={rt.answer} hint={rt.answerHint} as="textarea" required />
        )}
        {fields.has('photos') && (
          <FieldShell
            form={form}
            name="photoFileIds"
            label={rt.proofPhotos}
            required={proofRequired}
            hint={proofRequired ? `${rt.proofRequired} ${rt.proofHint}` : rt.proofHint}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                multiple
                accept="image/jpeg,image/png,image/webp"
                onChange={(e) => setFiles([...(e.currentTarget.files ?? [])].slice(0, MAX_PROOF_PHOTOS + 1))}
              />
            )}
          </FieldShell>
        )}
        {fields.has('note') && (
          <Field
            form={form}
            name="note"
            label={action === 'transfer' ? rt.noteTransfer : action === 'refuse' ? rt.noteRefuse : rt.note}
            hint={rt.noteHint}
            as="textarea"
            required={action === 'transfer' || action === 'refuse'}
          />
        )}
      </Form>
    </Dialog>
  );
}
