import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { asApiError } from '../lib/use-api';
import { NO_ERRORS, errorsFromApi, getPath, setPath, type FormErrors } from '../lib/form-errors';

/*
 * Forms: labelled fields with required marks and hints, the server's validation errors beside each
 * field, and a summary at the top that takes focus after a failed submit and links to each field
 * (the pattern of GOV.UK's error summary, which works well for screen-reader and keyboard users).
 */

let formCounter = 0;

export interface FormState<T> {
  id: string;
  values: T;
  errors: FormErrors;
  submitting: boolean;
  set(path: string, value: unknown): void;
  replace(values: T): void;
  setErrors(errors: FormErrors): void;
  setSubmitting(submitting: boolean): void;
  /** Labels of the rendered fields, for the summary's links. Filled in by <Field>. */
  labels: Record<string, string>;
}

export function useForm<T>(initial: T | (() => T)): FormState<T> {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const id = useRef(`form${++formCounter}`).current;
  const labels = useRef<Record<string, string>>({}).current;
  const set = useCallback((path: string, value: unknown) => setValues((v) => setPath(v, path, value)), []);
  return { id, values, errors, submitting, set, replace: setValues, setErrors, setSubmitting, labels };
}

export function fieldId(form: { id: string }, name: string): string {
  return `${form.id}-${name.replace(/\./g, '-')}`;
}

interface FormProps<T> {
  form: FormState<T>;
  onSubmit: (values: T) => Promise<void>;
  submitLabel: string;
  /** Shown on the button while the request runs ("Đang lưu…" unless given). */
  busyLabel?: string;
  /** Business error codes that concern one field of this form (see form-errors.ts). */
  codeFields?: Record<string, string>;
  /** Checks the server cannot make (two password entries match); field → message. */
  validate?: (values: T) => Record<string, string>;
  /** Extra buttons beside the submit button (a cancel link). */
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
  /** The submit button as a destructive action (red). */
  danger?: boolean;
}

export function Form<T>(props: FormProps<T>) {
  const {
    form,
    onSubmit,
    submitLabel,
    busyLabel = t.saving,
    codeFields,
    validate,
    actions,
    children,
  } = props;
  const summary = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summary.current?.focus());

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.submitting) return;
    const local = validate?.(form.values) ?? {};
    if (Object.keys(local).length > 0) {
      form.setErrors({ fields: local, message: null });
      focusSummary();
      return;
    }
    form.setErrors(NO_ERRORS);
    form.setSubmitting(true);
    try {
      await onSubmit(form.values);
    } catch (error) {
      form.setErrors(errorsFromApi(asApiError(error), codeFields));
      focusSummary();
    } finally {
      form.setSubmitting(false);
    }
  };

  const fieldErrors = Object.entries(form.errors.fields);
  const hasErrors = fieldErrors.length > 0 || form.errors.message !== null;
  return (
    <form
      class={props.class ?? 'form'}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-busy={form.submitting}
    >
      <div ref={summary} tabIndex={-1} class={hasErrors ? 'error-summary' : 'sr-only'} role="alert">
        {hasErrors && (
          <>
            {form.errors.message && <p class="error-summary-message">{form.errors.message}</p>}
            {fieldErrors.length > 0 && (
              <>
                <p class="error-summary-title">{t.errors.summary(fieldErrors.length)}</p>
                <ul>
                  {fieldErrors.map(([name, message]) => (
                    <li key={name}>
                      <a
                        href={`#${fieldId(form, name)}`}
                        onClick={(event) => {
                          const target = document.getElementById(fieldId(form, name));
                          if (!target) return;
                          event.preventDefault();
                          target.focus();
                        }}
                      >
                        {form.labels[name] ? `${form.labels[name]}: ` : ''}
                        {message}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
      {children}
      <div class="actions">
        <button
          type="submit"
          class={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={form.submitting}
        >
          {form.submitting ? busyLabel : submitLabel}
        </button>
        {actions}
      </div>
    </form>
  );
}

interface ShellProps {
  form: FormState<unknown> | FormState<never>;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** Renders the control with the ids and ARIA attributes that tie it to its label, hint and error. */
  children: (control: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: 'true';
  }) => ComponentChildren;
}

/** Label, hint and error around any control (used directly for composite controls). */
export function FieldShell({ form, name, label, required, hint, children }: ShellProps) {
  const id = fieldId(form, name);
  form.labels[name] = label;
  const error = form.errors.fields[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {label}
        {required && (
          <span class="required">
            {' '}
            *<span class="sr-only"> ({t.required})</span>
          </span>
        )}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children({
        id,
        ...(described && { 'aria-describedby': described }),
        ...(error && { 'aria-invalid': 'true' as const }),
      })}
    </div>
  );
}

type FieldProps<T> = {
  form: FormState<T>;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'url' | 'date' | 'search';
  as?: 'input' | 'select' | 'textarea';
  options?: { value: string; label: string }[];
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  maxLength?: number;
  pattern?: string;
  spellcheck?: boolean;
};

/** A text input, select or textarea bound to `form.values[name]` (a dotted path). */
export function Field<T>(props: FieldProps<T>) {
  const { form, name, as = 'input', options = [] } = props;
  const value = (getPath(form.values, name) as string | null | undefined) ?? '';
  const onInput = (event: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    form.set(name, event.currentTarget.value);
  return (
    <FieldShell
      form={form as FormState<unknown>}
      name={name}
      label={props.label}
      {...(props.required !== undefined && { required: props.required })}
      {...(props.hint !== undefined && { hint: props.hint })}
    >
      {(control) =>
        as === 'select' ? (
          <select {...control} value={value} onChange={onInput} required={props.required}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : as === 'textarea' ? (
          <textarea {...control} value={value} onInput={onInput} required={props.required} rows={3} />
        ) : (
          <input
            {...control}
            type={props.type ?? 'text'}
            value={value}
            onInput={onInput}
            required={props.required}
            autoComplete={props.autoComplete}
            inputMode={props.inputMode}
            maxLength={props.maxLength}
            pattern={props.pattern}
            spellcheck={props.spellcheck}
          />
        )
      }
    </FieldShell>
  );
}
