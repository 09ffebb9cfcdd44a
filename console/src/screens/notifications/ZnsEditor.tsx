import { api } from '../../api/client';
import { confirmAction } from '../../components/ConfirmDialog';
import type { TypeTemplates } from '../../api/types';
import { Field, FieldShell, Form, useForm } from '../../components/Form';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { asApiError } from '../../lib/use-api';

interface ZnsValues {
  templateId: string;
  approved: boolean;
  params: { name: string; variable: string }[];
}

function valuesOf(item: TypeTemplates): ZnsValues {
  const params = Object.entries(item.zns?.params ?? {}).map(([name, variable]) => ({ name, variable }));
  return {
    templateId: item.zns?.templateId ?? '',
    approved: item.zns?.approved ?? true,
    params: params.length > 0 ? params : [{ name: '', variable: item.variables[0] ?? '' }],
  };
}

/** The approved ZNS template of a type and which variable fills each of its parameters. */
export function ZnsEditor({
  item,
  canEdit,
  onSaved,
}: {
  item: TypeTemplates;
  canEdit: boolean;
  onSaved: (item: TypeTemplates) => void;
}) {
  const form = useForm<ZnsValues>(() => valuesOf(item));
  const rows = form.values.params;

  if (!canEdit) {
    return (
      <section class="panel" aria-labelledby="zns-title">
        <h2 id="zns-title">{t.notify.zns}</h2>
        {item.zns ? (
          <dl class="fields">
            <div class="field-row">
              <dt>{t.notify.znsTemplateId}</dt>
              <dd>
                <code>{item.zns.templateId}</code>
              </dd>
            </div>
            {Object.entries(item.zns.params).map(([name, variable]) => (
              <div class="field-row" key={name}>
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>
                  <code>{`{{${variable}}}`}</code>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p class="muted">{t.notify.znsNone}</p>
        )}
        <p class="muted small">{t.notify.znsAdminOnly}</p>
      </section>
    );
  }

  async function removeMapping() {
    const ok = await confirmAction({
      message: t.notify.znsRemoveConfirm,
      confirmLabel: t.notify.znsRemove,
      danger: true,
    });
    if (!ok) return;
    try {
      const saved = await api<TypeTemplates>(
        `/api/admin/notifications/zns-templates/${encodeURIComponent(item.type)}`,
        { method: 'DELETE' },
      );
      toast(t.notify.znsRemoved);
      onSaved(saved);
    } catch (error) {
      toast(asApiError(error).message, 'error');
    }
  }

  return (
    <section class="panel" aria-labelledby="zns-title">
      <h2 id="zns-title">{t.notify.zns}</h2>
      <p class="muted">{t.notify.znsIntro}</p>
      {!item.zns && <p class="muted small">{t.notify.znsNone}</p>}
      {item.zns && (
        <p>
          <button type="button" class="btn btn-danger" onClick={() => void removeMapping()}>
            {t.notify.znsRemove}
          </button>
        </p>
      )}
      <Form
        form={form}
        submitLabel={t.save}
        codeFields={{ TEMPLATE_INVALID: 'params' }}
        onSubmit={async (values) => {
          const saved = await api<TypeTemplates>(
            `/api/admin/notifications/zns-templates/${encodeURIComponent(item.type)}`,
            {
              method: 'PUT',
              body: {
                templateId: values.templateId.trim(),
                approved: values.approved,
                params: Object.fromEntries(
                  values.params.filter((p) => p.name.trim() !== '').map((p) => [p.name.trim(), p.variable]),
                ),
              },
            },
          );
          toast(t.notify.znsSaved);
          onSaved(saved);
        }}
      >
        <Field
          form={form}
          name="templateId"
          label={t.notify.znsTemplateId}
          hint={t.notify.znsTemplateIdHint}
          inputMode="numeric"
          required
        />
        <div class="field checkbox-field">
          <input
            type="checkbox"
            id={`${form.id}-approved`}
            checked={form.values.approved}
            onChange={(e) => form.set('approved', e.currentTarget.checked)}
          />
          <label for={`${form.id}-approved`}>{t.notify.znsApproved}</label>
        </div>
        <fieldset class="zns-params">
          <legend>{t.notify.znsParam}</legend>
          {form.errors.fields.params && <p class="field-error">{form.errors.fields.params}</p>}
          {rows.map((row, index) => (
            <div class="list-row" key={index}>
              <FieldShell
                form={form}
                name={`params.${index}.name`}
                label={t.notify.znsParam}
                hint={index === 0 ? t.notify.znsParamHint : undefined}
              >
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    spellcheck={false}
                    value={row.name}
                    onInput={(e) => form.set(`params.${index}.name`, e.currentTarget.value)}
                  />
                )}
              </FieldShell>
              <FieldShell form={form} name={`params.${index}.variable`} label={t.notify.znsVariable}>
                {(control) => (
                  <select
                    {...control}
                    value={row.variable}
                    onChange={(e) => form.set(`params.${index}.variable`, e.currentTarget.value)}
                  >
                    {item.variables.map((v) => (
                      <option key={v} value={v}>
                        {`{{${v}}}`}
                      </option>
                    ))}
                  </select>
                )}
              </FieldShell>
              <button
                type="button"
                class="btn btn-quiet"
                aria-label={t.notify.znsRemoveParam(row.name)}
                disabled={rows.length === 1}
                onClick={() =>
                  form.set(
                    'params',
                    rows.filter((_, i) => i !== index),
                  )
                }
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            class="btn"
            onClick={() => form.set('params', [...rows, { name: '', variable: item.variables[0] ?? '' }])}
          >
            {t.notify.znsAddParam}
          </button>
        </fieldset>
      </Form>
    </section>
  );
}
