import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { ImportReport } from '../api/types';
import { confirmAction } from '../components/ConfirmDialog';
import { FieldShell, Form, useForm } from '../components/Form';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { detectFormat, importChanges } from '../lib/procedure-import';

interface Values {
  format: 'json' | 'csv';
  content: string;
}

function Report({ report, applied }: { report: ImportReport; applied: boolean }) {
  const title = applied ? t.procedures.reportApplied : t.procedures.reportTitle;
  return (
    <section class="panel" aria-labelledby="report-title" data-testid="import-report">
      <h2 id="report-title">{title}</h2>
      <dl class="stat-row">
        {(
          [
            [t.procedures.created, report.created],
            [t.procedures.updated, report.updated],
            [t.procedures.unchanged, report.unchanged],
            [t.procedures.rejected, report.rejected.length],
          ] as const
        ).map(([label, n]) => (
          <div class="panel" key={label}>
            <dt>{label}</dt>
            <dd class="stat">{n.toLocaleString('vi-VN')}</dd>
          </div>
        ))}
      </dl>
      <h3>{t.procedures.rejectedTitle}</h3>
      {report.rejected.length === 0 ? (
        <p class="muted">{t.procedures.noRejected}</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.procedures.rejectedTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t.procedures.row}
                </th>
                <th scope="col">{t.procedures.code}</th>
                <th scope="col">{t.procedures.issues}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r) => (
                <tr key={r.row}>
                  <td class="num">{r.row}</td>
                  <td>{r.code ?? t.none}</td>
                  <td>
                    <ul class="plain">
                      {r.issues.map((issue, i) => (
                        <li key={i}>
                          {issue.path && <code>{issue.path}</code>} {issue.message}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function ProcedureImport(_props: ScreenProps) {
  usePageTitle(t.procedures.importTitle);
  const form = useForm<Values>({ format: 'json', content: '' });
  const [report, setReport] = useState<{ report: ImportReport; applied: boolean; checked: string } | null>(
    null,
  );
  const [applying, setApplying] = useState(false);
  const [fileStatus, setFileStatus] = useState('');

  const run = (values: Values, dryRun: boolean) =>
    api<ImportReport>('/api/admin/procedures/import', {
      method: 'POST',
      body: { format: values.format, content: values.content, dryRun },
    });

  const checkedKey = `${form.values.format}\n${form.values.content}`;
  const canApply = report !== null && !report.applied && report.checked === checkedKey;

  const apply = async () => {
    if (!report || !canApply) {
      toast(t.procedures.importNeedsCheck, 'info');
      return;
    }
    const ok = await confirmAction({
      message: t.procedures.importConfirm(importChanges(report.report)),
      confirmLabel: t.procedures.importApply,
    });
    if (!ok) return;
    setApplying(true);
    try {
      const result = await run(form.values, false);
      setReport({ report: result, applied: true, checked: checkedKey });
      toast(t.procedures.importDone);
    } catch (error) {
      form.setErrors({ fields: {}, message: (error as Error).message });
    } finally {
      setApplying(false);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const text = await file.text();
      form.replace({ format: detectFormat(text, file.name), content: text });
      setFileStatus(t.procedures.fileRead(file.name));
    } catch {
      setFileStatus(t.procedures.fileReadFailed);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link to="/procedures">← {t.procedures.title}</Link>
      </p>
      <h1>{t.procedures.importTitle}</h1>
      <p>{t.procedures.importIntro}</p>
      <section class="panel">
        <Form<Values>
          form={form}
          submitLabel={t.procedures.importCheck}
          busyLabel={t.procedures.importChecking}
          codeFields={{ PROCEDURE_IMPORT_INVALID: 'content' }}
          validate={(v): Record<string, string> =>
            v.content.trim() ? {} : { content: t.procedures.importContentRequired }
          }
          onSubmit={async (values) => {
            const result = await run(values, true);
            setReport({ report: result, applied: false, checked: `${values.format}\n${values.content}` });
          }}
          actions={
            <button
              type="button"
              class="btn"
              disabled={applying || form.submitting || !canApply}
              onClick={() => void apply()}
            >
              {applying ? t.procedures.importApplying : t.procedures.importApply}
            </button>
          }
        >
          <FieldShell form={form} name="file" label={t.procedures.importFile}>
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".json,.csv,application/json,text/csv"
                onChange={(e) => void readFile(e.currentTarget.files?.[0])}
              />
            )}
          </FieldShell>
          <p role="status" class="muted small">
            {fileStatus}
          </p>
          <fieldset class="fieldset">
            <legend>{t.procedures.importFormat}</legend>
            {(['json', 'csv'] as const).map((format) => (
              <label key={format} class="radio">
                <input
                  type="radio"
                  name="import-format"
                  value={format}
                  checked={form.values.format === format}
                  onChange={() => form.set('format', format)}
                />{' '}
                {format.toUpperCase()}
              </label>
            ))}
          </fieldset>
          <FieldShell form={form} name="content" label={t.procedures.importContent} required>
            {(control) => (
              <textarea
                {...control}
                rows={12}
                class="code-input"
                spellcheck={false}
                value={form.values.content}
                onInput={(e) => form.set('content', e.currentTarget.value)}
              />
            )}
          </FieldShell>
        </Form>
      </section>
      {report && <Report report={report.report} applied={report.applied} />}
    </>
  );
}
