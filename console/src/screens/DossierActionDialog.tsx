import { useState } from 'preact/hooks';
import { api, uploadFile } from '../api/client';
import type { DossierAction, DossierDetail } from '../api/types';
import { confirmAction } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { Field, FieldShell, Form, useForm } from '../components/Form';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { dossierActionLabel, isDestructive } from '../lib/dossier';
import {
  buildActionBody,
  takesFiles,
  validateAction,
  type ActionValues as Values,
} from '../lib/dossier-actions';
import { useAssignableOfficers } from '../lib/dossier-options';

/*
 * One officer action on a dossier, in a dialog: the fields that action takes, the server's field
 * errors beside them, a confirmation first for what cannot be undone, and a toast once done.
 */

function AssigneeField({ form, dossierId }: { form: ReturnType<typeof useForm<Values>>; dossierId: string }) {
  const { options: officers, error } = useAssignableOfficers(dossierId);
  if (officers === null) return <p class="muted">{t.loading}</p>;
  if (error) {
    return (
      <p class="field-error" role="alert">
        {t.dossiers.officersFailed} {error}
      </p>
    );
  }
  if (officers.length === 0) return <p class="muted">{t.dossiers.noOfficers}</p>;
  return (
    <Field
      form={form}
      name="assigneeId"
      label={t.dossiers.officer}
      as="select"
      required
      options={[{ value: '', label: t.dossiers.chooseOfficer }, ...officers]}
    />
  );
}

export function DossierActionDialog({
  dossier,
  action,
  onClose,
  onDone,
}: {
  dossier: DossierDetail;
  action: DossierAction;
  onClose: () => void;
  onDone: (updated: DossierDetail | null) => void;
}) {
  const form = useForm<Values>({
    note: '',
    items: [''],
    amount: dossier.feeAmount ? String(dossier.feeAmount) : '',
    reason: '',
    assigneeId: dossier.assignee?.id ?? '',
  });
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const label = dossierActionLabel(action);

  const submit = async (values: Values) => {
    if (isDestructive(action)) {
      const message =
        action === 'refuse'
          ? t.dossiers.confirmRefuse(dossier.code)
          : action === 'return'
            ? t.dossiers.confirmReturn(dossier.code)
            : t.dossiers.confirmComplete(dossier.code);
      if (!(await confirmAction({ message, confirmLabel: label, danger: action === 'refuse' }))) return;
    }
    let fileIds: string[] = [];
    if (takesFiles(action) && files.length > 0) {
      setUploading(true);
      try {
        fileIds = (await Promise.all(files.map((f) => uploadFile(f, 'document')))).map((f) => f.id);
      } finally {
        setUploading(false);
      }
    }
    const updated = await api<DossierDetail>(
      `/api/admin/dossiers/${encodeURIComponent(dossier.id)}/actions`,
      {
        method: 'POST',
        body: buildActionBody(action, values, fileIds),
      },
    );
    toast(t.dossiers.done(label));
    onDone(updated ?? null);
  };

  return (
    <Dialog id="action-dialog" title={`${label}: ${dossier.code}`} onClose={onClose}>
      <Form<Values>
        form={form}
        onSubmit={submit}
        submitLabel={label}
        danger={action === 'refuse'}
        busyLabel={uploading ? t.dossiers.uploading : t.saving}
        validate={(values) => validateAction(action, values)}
        actions={
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
        }
      >
        {action === 'refuse' && (
          <Field
            form={form}
            name="reason"
            label={t.dossiers.reason}
            hint={t.dossiers.reasonHint}
            as="textarea"
            required
          />
        )}
        {action === 'request_supplement' && (
          <fieldset class="fieldset">
            <legend>{t.dossiers.items}</legend>
            <p class="hint">{t.dossiers.itemsHint}</p>
            {form.values.items.map((_, index) => (
              <div class="list-row" key={index}>
                <Field form={form} name={`items.${index}`} label={t.dossiers.itemLabel(index + 1)} />
                {form.values.items.length > 1 && (
                  <button
                    type="button"
                    class="btn"
                    onClick={() =>
                      form.set(
                        'items',
                        form.values.items.filter((__, i) => i !== index),
                      )
                    }
                  >
                    {t.dossiers.itemRemove(index + 1)}
                  </button>
                )}
              </div>
            ))}
            <button type="button" class="btn" onClick={() => form.set('items', [...form.values.items, ''])}>
              {t.dossiers.itemAdd}
            </button>
          </fieldset>
        )}
        {action === 'request_payment' && (
          <Field
            form={form}
            name="amount"
            label={t.dossiers.amount}
            hint={t.dossiers.amountHint}
            inputMode="numeric"
            required
          />
        )}
        {action === 'assign' && <AssigneeField form={form} dossierId={dossier.id} />}
        {takesFiles(action) && (
          <FieldShell
            form={form}
            name={action === 'complete' ? 'resultFileIds' : 'fileIds'}
            label={action === 'complete' ? t.dossiers.resultFiles : t.dossiers.supplementFiles}
            hint={action === 'complete' ? t.dossiers.resultFilesHint : t.dossiers.supplementFilesHint}
          >
            {(control) => (
              <input
                {...control}
                type="file"
                multiple
                accept="application/pdf,image/jpeg,image/png,image/webp"
                onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
              />
            )}
          </FieldShell>
        )}
        <Field form={form} name="note" label={t.dossiers.note} hint={t.dossiers.noteHint} as="textarea" />
      </Form>
    </Dialog>
  );
}
