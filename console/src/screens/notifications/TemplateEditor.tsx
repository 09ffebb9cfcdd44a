import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api/client';
import type { TemplateChannel, TemplatePreview, TypeTemplates } from '../../api/types';
import { FieldShell, Form, fieldId, useForm } from '../../components/Form';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { channelLabel, formatMoney, insertVariable, unknownVariables } from '../../lib/notify-format';
import { asApiError } from '../../lib/use-api';

interface TemplateValues {
  title: string;
  body: string;
}

interface TemplateEditorProps {
  item: TypeTemplates;
  channel: TemplateChannel;
  smsUnitCost: number | null;
  onSaved: (item: TypeTemplates) => void;
  onRestore: () => void;
}

/**
 * The server refuses a template naming a variable the type lacks (TEMPLATE_INVALID, with the names in
 * details.variables): say which ones and which are allowed, beside the field that names them.
 */
function templateError(error: ApiError, values: TemplateValues, allowed: string[]): ApiError {
  if (error.code !== 'TEMPLATE_INVALID') return error;
  const named = Array.isArray(error.details.variables) ? (error.details.variables as string[]) : [];
  const names = named.length > 0 ? named : unknownVariables(`${values.title}\n${values.body}`, allowed);
  const field = names.some((n) => unknownVariables(values.body, allowed).includes(n)) ? 'body' : 'title';
  const message = t.notify.unknownVariables(names.map((n) => `{{${n}}}`).join(', '), allowed.join(', '));
  return new ApiError(error.status, error.code, message, { field });
}

export function TemplateEditor({ item, channel, smsUnitCost, onSaved, onRestore }: TemplateEditorProps) {
  const current = item[channel];
  const hasTitle = channel === 'inbox';
  const form = useForm<TemplateValues>(() => ({
    title: channel === 'inbox' ? item.inbox.title : '',
    body: current.body,
  }));
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [lastField, setLastField] = useState<'title' | 'body'>('body');
  const headingId = `tpl-${channel}-title`;
  const label = channelLabel(channel);

  const insert = (name: string) => {
    const target = hasTitle ? lastField : 'body';
    const element = document.getElementById(fieldId(form, target)) as HTMLTextAreaElement | null;
    const text = form.values[target];
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? start;
    const next = insertVariable(text, name, start, end);
    form.set(target, next.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };

  const runPreview = async () => {
    setPreviewing(true);
    form.setErrors({ fields: {}, message: null });
    try {
      const result = await api<TemplatePreview>('/api/admin/notifications/templates/preview', {
        method: 'POST',
        body: {
          type: item.type,
          body: form.values.body,
          ...(hasTitle && form.values.title && { title: form.values.title }),
        },
      });
      setPreview(result);
    } catch (error) {
      const problem = templateError(asApiError(error), form.values, item.variables);
      const field = typeof problem.details.field === 'string' ? problem.details.field : null;
      form.setErrors(
        field
          ? { fields: { [field]: problem.message }, message: null }
          : { fields: {}, message: problem.message },
      );
      setPreview(null);
    } finally {
      setPreviewing(false);
    }
  };

  return (
    <section class="panel template-editor" aria-labelledby={headingId} data-channel={channel}>
      <div class="panel-head">
        <h2 id={headingId}>{label}</h2>
        <span class={current.overridden ? 'badge badge-on' : 'badge'}>
          {current.overridden ? t.notify.overridden : t.notify.usingDefault}
        </span>
      </div>
      <div class="variable-chips" role="group" aria-label={t.notify.variables}>
        <span class="muted small">{t.notify.variables}:</span>
        {item.variables.map((name) => (
          <button
            type="button"
            class="chip"
            key={name}
            aria-label={t.notify.insertVariable(name)}
            onClick={() => insert(name)}
          >
            {`{{${name}}}`}
          </button>
        ))}
      </div>
      <Form
        form={form}
        submitLabel={t.save}
        onSubmit={async (values) => {
          try {
            const saved = await api<TypeTemplates>(
              `/api/admin/notifications/templates/${encodeURIComponent(item.type)}/${channel}`,
              {
                method: 'PUT',
                body: { body: values.body, ...(hasTitle && { title: values.title }) },
              },
            );
            toast(t.notify.templateSaved);
            onSaved(saved);
          } catch (error) {
            throw templateError(asApiError(error), values, item.variables);
          }
        }}
        actions={
          <>
            <button type="button" class="btn" disabled={previewing} onClick={() => void runPreview()}>
              {previewing ? t.notify.previewing : t.notify.preview}
            </button>
            {current.overridden && (
              <button type="button" class="btn btn-quiet" onClick={onRestore}>
                {t.notify.useDefault}
              </button>
            )}
          </>
        }
      >
        {hasTitle && (
          <FieldShell form={form} name="title" label={t.notify.templateTitle} required>
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={200}
                value={form.values.title}
                onFocus={() => setLastField('title')}
                onInput={(e) => form.set('title', e.currentTarget.value)}
              />
            )}
          </FieldShell>
        )}
        <FieldShell form={form} name="body" label={t.notify.templateBody} required>
          {(control) => (
            <textarea
              {...control}
              rows={channel === 'sms' ? 3 : 4}
              maxLength={4000}
              value={form.values.body}
              onFocus={() => setLastField('body')}
              onInput={(e) => form.set('body', e.currentTarget.value)}
            />
          )}
        </FieldShell>
      </Form>
      {preview && (
        <div class="template-preview" role="status" aria-label={t.notify.previewTitle}>
          <h3>{t.notify.previewTitle}</h3>
          {preview.title && <p class="preview-title">{preview.title}</p>}
          <p class="preview-text">{preview.text}</p>
          {channel === 'sms' && (
            <p class="small" data-testid="sms-segments">
              {t.notify.smsSegments(preview.smsSegments)}
              {smsUnitCost !== null && (
                <>, {t.notify.smsCost(formatMoney(preview.smsSegments * smsUnitCost))}</>
              )}
            </p>
          )}
          <p class="muted small">{t.notify.previewHint}</p>
        </div>
      )}
    </section>
  );
}
