import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ReportCategory, SlaUnit } from '../../api/reports-types';
import { Dialog } from '../../components/Dialog';
import { Field, Form, useForm, type FormState } from '../../components/Form';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { invalidateReportCategories, useReportAgencyOptions } from '../../lib/reports-options';
import { rt } from '../../lib/reports-text';
import { useApi } from '../../lib/use-api';
import { itemsOf } from './ReportConfig';

const BASE = '/api/admin/report-categories';

interface Values {
  code: string;
  name: string;
  slaValue: string;
  slaUnit: SlaUnit;
  duplicateRadiusM: string;
  proofPhotoRequired: boolean;
  enabled: boolean;
  defaultAgencyId: string;
}

function valuesOf(c: ReportCategory | null): Values {
  return {
    code: c?.code ?? '',
    name: c?.name ?? '',
    slaValue: c ? String(c.slaValue) : '3',
    slaUnit: c?.slaUnit ?? 'days',
    duplicateRadiusM: c ? String(c.duplicateRadiusM) : '100',
    proofPhotoRequired: c?.proofPhotoRequired ?? true,
    enabled: c?.enabled ?? true,
    defaultAgencyId: c?.defaultAgencyId ?? '',
  };
}

/** Whole numbers typed by the officer; the server checks the ranges and answers per field. */
function validate(values: Values): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^\d+$/.test(values.slaValue.trim())) errors.slaValue = rt.wholeNumber;
  if (!/^\d+$/.test(values.duplicateRadiusM.trim())) errors.duplicateRadiusM = rt.wholeNumber;
  return errors;
}

function Check({
  form,
  name,
  label,
}: {
  form: FormState<Values>;
  name: 'proofPhotoRequired' | 'enabled';
  label: string;
}) {
  const id = `${form.id}-${name}`;
  return (
    <div class="field checkbox-field">
      <input
        id={id}
        type="checkbox"
        checked={form.values[name]}
        onChange={(e) => form.set(name, e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
    </div>
  );
}

function CategoryDialog({
  category,
  onClose,
  onSaved,
}: {
  category: ReportCategory | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const form = useForm<Values>(() => valuesOf(category));
  const agencies = useReportAgencyOptions();
  const submit = async (values: Values) => {
    const body = {
      ...(category ? {} : { code: values.code.trim() }),
      name: values.name.trim(),
      slaValue: Number(values.slaValue),
      slaUnit: values.slaUnit,
      duplicateRadiusM: Number(values.duplicateRadiusM),
      proofPhotoRequired: values.proofPhotoRequired,
      enabled: values.enabled,
      defaultAgencyId: values.defaultAgencyId || null,
    };
    if (category) await api(`${BASE}/${encodeURIComponent(category.id)}`, { method: 'PATCH', body });
    else await api(BASE, { method: 'POST', body });
    invalidateReportCategories();
    toast(category ? rt.saved : rt.created);
    onSaved();
  };
  return (
    <Dialog
      id="category-dialog"
      title={category ? rt.editCategory(category.name) : rt.newCategory}
      onClose={onClose}
    >
      <Form<Values>
        form={form}
        onSubmit={submit}
        submitLabel={t.save}
        validate={validate}
        codeFields={{ REPORT_CATEGORY_EXISTS: 'code' }}
        actions={
          <button type="button" class="btn" onClick={onClose}>
            {t.cancel}
          </button>
        }
      >
        {!category && (
          <Field
            form={form}
            name="code"
            label={rt.categoryCode}
            hint={rt.categoryCodeHint}
            required
            spellcheck={false}
          />
        )}
        <Field form={form} name="name" label={rt.categoryName} required maxLength={200} />
        <div class="grid-2">
          <Field form={form} name="slaValue" label={rt.slaValue} inputMode="numeric" required />
          <Field
            form={form}
            name="slaUnit"
            label={rt.slaUnit}
            as="select"
            options={[
              { value: 'hours', label: rt.slaUnits.hours! },
              { value: 'days', label: rt.slaUnits.days! },
            ]}
          />
        </div>
        <Field form={form} name="duplicateRadiusM" label={rt.duplicateRadius} inputMode="numeric" required />
        <Field
          form={form}
          name="defaultAgencyId"
          label={rt.defaultAgency}
          as="select"
          options={[{ value: '', label: rt.noDefaultAgency }, ...agencies]}
        />
        <Check form={form} name="proofPhotoRequired" label={rt.proofPhotoRequired} />
        <Check form={form} name="enabled" label={rt.enabled} />
      </Form>
    </Dialog>
  );
}

/** The tenant's categories: SLA, duplicate radius, proof photo, default agency, enabled. */
export function ConfigCategories() {
  const [state, reload] = useApi<ReportCategory[] | { items: ReportCategory[] }>(BASE);
  const agencies = useReportAgencyOptions();
  const [editing, setEditing] = useState<ReportCategory | 'new' | null>(null);
  const categories = itemsOf(state.data);
  const agencyName = (id: string | null | undefined) => agencies.find((a) => a.value === id)?.label ?? '—';

  return (
    <section class="panel" aria-labelledby="categories-title">
      <div class="panel-head">
        <h2 id="categories-title">{rt.categoriesTitle}</h2>
        <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
          {rt.newCategory}
        </button>
      </div>
      {state.status === 'error' && !state.data ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !state.data ? (
        <Loading />
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="categories-title">
          <table id="report-categories">
            <thead>
              <tr>
                <th scope="col">{rt.categoryName}</th>
                <th scope="col">{rt.slaValue}</th>
                <th scope="col" class="num">
                  {rt.duplicateRadius}
                </th>
                <th scope="col">{rt.proofPhotoRequired}</th>
                <th scope="col">{rt.defaultAgency}</th>
                <th scope="col">{rt.status}</th>
                <th scope="col">{rt.actionsCol}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} <span class="muted small">({c.code})</span>
                  </th>
                  <td>{rt.sla(c.slaValue, c.slaUnit)}</td>
                  <td class="num">{c.duplicateRadiusM}</td>
                  <td>{c.proofPhotoRequired ? rt.yes : rt.no}</td>
                  <td>{c.defaultAgency?.name ?? agencyName(c.defaultAgencyId)}</td>
                  <td>
                    <span class={c.enabled ? 'badge badge-on' : 'badge badge-off'}>
                      {c.enabled ? rt.enabled : rt.disabled}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="btn"
                      aria-label={`${rt.edit} ${c.name}`}
                      onClick={() => setEditing(c)}
                    >
                      {rt.edit}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <CategoryDialog
          category={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
