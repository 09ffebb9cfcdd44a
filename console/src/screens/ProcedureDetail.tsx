import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { FormField, ProcedureDetail as Detail } from '../api/types';
import { confirmAction } from '../components/ConfirmDialog';
import { DetailView } from '../components/DetailView';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { formatVnd } from '../lib/dossier';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { asApiError, useApi } from '../lib/use-api';
import { ProcedureEnabled } from './ProcedureList';

function fieldExtra(field: FormField): string {
  if (field.options?.length) return field.options.map((o) => o.label).join(', ');
  if (field.columns?.length) return field.columns.map((c) => c.label).join(', ');
  return '';
}

export default function ProcedureDetail({ params }: ScreenProps) {
  const id = params.id!;
  const [state, reload] = useApi<Detail>(`/api/admin/procedures/${encodeURIComponent(id)}`);
  const [busy, setBusy] = useState(false);
  const p = state.data;
  usePageTitle(p?.name ?? t.procedures.title);

  const toggle = async () => {
    if (!p) return;
    const enabled = p.enabled === false;
    if (
      !enabled &&
      !(await confirmAction({
        message: t.procedures.disableConfirm(p.name),
        confirmLabel: t.procedures.disable,
        danger: true,
      }))
    )
      return;
    setBusy(true);
    try {
      await api(`/api/admin/procedures/${encodeURIComponent(id)}`, { method: 'PATCH', body: { enabled } });
      toast(enabled ? t.procedures.enabledDone : t.procedures.disabledDone);
      reload();
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link to="/procedures">← {t.procedures.title}</Link>
      </p>
      <h1>{p?.name ?? t.procedures.title}</h1>
      {state.status === 'error' && !p ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !p ? (
        <Loading />
      ) : (
        <>
          <DetailView
            title={t.procedures.title}
            actions={
              <button
                type="button"
                class={p.enabled === false ? 'btn btn-primary' : 'btn btn-danger'}
                disabled={busy}
                onClick={() => void toggle()}
              >
                {p.enabled === false ? t.procedures.enable : t.procedures.disable}
              </button>
            }
            fields={[
              { label: t.procedures.code, value: p.code },
              { label: t.procedures.field, value: p.field },
              { label: t.procedures.agency, value: p.agency?.name ?? t.none },
              { label: t.procedures.level, value: t.procedures.levels[p.level] ?? p.level },
              { label: t.procedures.processingDays, value: t.procedures.days(p.processingDays) },
              { label: t.procedures.enabled, value: <ProcedureEnabled enabled={p.enabled !== false} /> },
              { label: t.procedures.result, value: p.result || t.none },
              { label: t.procedures.legalBasis, value: p.legalBasis || t.none },
            ]}
          />
          <section class="panel" aria-labelledby="documents-title">
            <h2 id="documents-title">{t.procedures.documents}</h2>
            {p.documents.length === 0 ? (
              <p class="muted">{t.procedures.noDocuments}</p>
            ) : (
              <div class="table-scroll" tabIndex={0} role="region" aria-label={t.procedures.documents}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.procedures.docName}</th>
                      <th scope="col" class="num">
                        {t.procedures.copies}
                      </th>
                      <th scope="col">{t.procedures.original}</th>
                      <th scope="col">{t.procedures.required}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.documents.map((d, i) => (
                      <tr key={i}>
                        <td>
                          {d.name}
                          {d.note && <span class="muted small"> — {d.note}</span>}
                        </td>
                        <td class="num">{d.copies}</td>
                        <td>{d.original ? t.yes : t.no}</td>
                        <td>{d.required ? t.yes : t.no}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section class="panel" aria-labelledby="fees-title">
            <h2 id="fees-title">{t.procedures.fees}</h2>
            {p.fees.length === 0 ? (
              <p class="muted">{t.procedures.noFees}</p>
            ) : (
              <dl class="fields">
                {p.fees.map((f, i) => (
                  <div class="field-row" key={i}>
                    <dt>{f.label}</dt>
                    <dd>{formatVnd(f.amount)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <section class="panel" aria-labelledby="form-title">
            <h2 id="form-title">{t.procedures.formPreview}</h2>
            {(p.form?.fields ?? []).length === 0 ? (
              <p class="muted">{t.procedures.noFields}</p>
            ) : (
              <div class="table-scroll" tabIndex={0} role="region" aria-label={t.procedures.formPreview}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.procedures.fieldLabel}</th>
                      <th scope="col">{t.procedures.fieldType}</th>
                      <th scope="col">{t.procedures.required}</th>
                      <th scope="col">{t.procedures.fieldOptions}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.form.fields.map((f) => (
                      <tr key={f.name}>
                        <td>
                          {f.label}
                          {f.help && <span class="muted small"> — {f.help}</span>}
                        </td>
                        <td>{t.procedures.fieldTypes[f.type] ?? f.type}</td>
                        <td>{f.required ? t.yes : t.no}</td>
                        <td>{fieldExtra(f) || t.none}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
