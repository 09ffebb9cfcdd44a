import type { FieldDefinition } from '@forms/definition';
import type { ComponentChildren } from 'preact';
import { isVisible } from '@forms/validate';
import { t } from '../../i18n/i18n';
import type { Commune } from './api';
import { AttachmentField, type FileInfo } from './AttachmentField';
import { todayInVietnam } from './format';

/** `name`, `name.street`, `rows[2].col` → an element id. */
export function domId(path: string): string {
  return `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

export interface FieldContext {
  /** Shown error message by path. */
  errors: Record<string, string>;
  communes: Commune[] | null;
  files: Record<string, FileInfo>;
  onFiles(added: Record<string, FileInfo>): void;
  /** A field lost focus: time to check it. */
  onBlur(topName: string): void;
}

function Label(props: { for?: string; field: FieldDefinition }) {
  return (
    <label for={props.for}>
      {props.field.label} {props.field.required && <span class="req">{t('form.required')}</span>}
    </label>
  );
}

function ErrorText(props: { id: string; text?: string }) {
  if (!props.text) return null;
  return (
    <p id={`${props.id}-error`} class="field-error">
      <strong>!</strong> {props.text}
    </p>
  );
}

function describedBy(id: string, help: boolean, error: boolean): string | undefined {
  return [help && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function Help(props: { id: string; text?: string }) {
  return props.text ? (
    <p id={`${props.id}-hint`} class="field-hint">
      {props.text}
    </p>
  ) : null;
}

const dateBound = (value: string | undefined) => (value === 'today' ? todayInVietnam() : value);

function asText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** One field of the form; `path` is where its errors are reported, `top` the top-level field name. */
export function FormField(props: {
  field: FieldDefinition;
  path: string;
  top: string;
  value: unknown;
  onChange(value: unknown): void;
  ctx: FieldContext;
}) {
  const { field, path, value, ctx } = props;
  const id = domId(path);
  const error = ctx.errors[path];
  const blur = () => ctx.onBlur(props.top);
  const set = (text: string) => props.onChange(text === '' ? undefined : text);
  const common = {
    id,
    name: path,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, Boolean(field.help), Boolean(error)),
    'aria-required': field.required ? ('true' as const) : undefined,
    onBlur: blur,
  };
  const wrap = (control: ComponentChildren, extra?: ComponentChildren) => (
    <div class={error ? 'field field-invalid' : 'field'} data-field={path}>
      <Label for={id} field={field} />
      <Help id={id} text={field.help} />
      {control}
      {extra}
      <ErrorText id={id} text={error} />
    </div>
  );

  switch (field.type) {
    case 'text':
    case 'phone':
    case 'email':
    case 'id_number': {
      const kind = {
        text: { type: 'text', inputMode: 'text', autoComplete: undefined },
        phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
        email: { type: 'email', inputMode: 'email', autoComplete: 'email' },
        id_number: { type: 'text', inputMode: 'numeric', autoComplete: 'off' },
      }[field.type];
      return wrap(
        <input
          {...common}
          type={kind.type}
          inputMode={kind.inputMode as 'text'}
          autoComplete={kind.autoComplete}
          maxLength={field.type === 'id_number' ? 12 : field.maxLength}
          pattern={field.type === 'id_number' ? '[0-9]*' : undefined}
          value={asText(value)}
          onInput={(e) => set(e.currentTarget.value)}
        />,
      );
    }
    case 'number':
      return wrap(
        <input
          {...common}
          type="text"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          value={asText(value)}
          onInput={(e) => {
            const text = e.currentTarget.value.trim().replace(',', '.');
            const number = Number(text);
            props.onChange(text === '' ? undefined : Number.isFinite(number) ? number : text);
          }}
        />,
      );
    case 'date':
      return wrap(
        <input
          {...common}
          type="date"
          min={dateBound(field.minDate)}
          max={dateBound(field.maxDate)}
          value={asText(value)}
          onInput={(e) => set(e.currentTarget.value)}
        />,
      );
    case 'textarea':
      return wrap(
        <textarea
          {...common}
          rows={4}
          maxLength={field.maxLength}
          value={asText(value)}
          onInput={(e) => set(e.currentTarget.value)}
        />,
      );
    case 'select': {
      const options = field.options ?? [];
      if (options.length > 5) {
        return wrap(
          <select {...common} value={asText(value)} onChange={(e) => set(e.currentTarget.value)}>
            <option value="">{t('form.choose')}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>,
        );
      }
      return (
        <Choices field={field} path={path} error={error} onBlur={blur}>
          {options.map((o, i) => (
            <div class="choice" key={o.value}>
              <input
                type="radio"
                id={i === 0 ? id : `${id}-${i}`}
                name={path}
                value={o.value}
                checked={value === o.value}
                onChange={() => props.onChange(o.value)}
              />
              <label for={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
            </div>
          ))}
        </Choices>
      );
    }
    case 'multiselect': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <Choices field={field} path={path} error={error} onBlur={blur}>
          {(field.options ?? []).map((o, i) => (
            <div class="choice" key={o.value}>
              <input
                type="checkbox"
                id={i === 0 ? id : `${id}-${i}`}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => {
                  const next = e.currentTarget.checked
                    ? [...chosen, o.value]
                    : chosen.filter((v) => v !== o.value);
                  props.onChange(next.length ? next : undefined);
                }}
              />
              <label for={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
            </div>
          ))}
        </Choices>
      );
    }
    case 'checkbox':
      return (
        <div class={error ? 'field field-invalid' : 'field'} data-field={path}>
          <Help id={id} text={field.help} />
          <div class="choice">
            <input
              {...common}
              type="checkbox"
              checked={value === true}
              onChange={(e) => props.onChange(e.currentTarget.checked ? true : undefined)}
            />
            <label for={id}>
              {field.label} {field.required && <span class="req">{t('form.required')}</span>}
            </label>
          </div>
          <ErrorText id={id} text={error} />
        </div>
      );
    case 'address':
      return <AddressField {...props} />;
    case 'attachment':
      return (
        <AttachmentField
          id={id}
          label={field.label}
          help={field.help}
          required={field.required}
          error={error}
          value={Array.isArray(value) ? (value as string[]) : []}
          maxFiles={field.maxFiles ?? 5}
          allowPdf={field.accept !== 'image'}
          files={ctx.files}
          onChange={(ids, added) => {
            if (added) ctx.onFiles(added);
            props.onChange(ids.length ? ids : undefined);
          }}
          onBlur={blur}
        />
      );
    case 'table':
      return <TableField {...props} />;
    default:
      return null;
  }
}

function Choices(props: {
  field: FieldDefinition;
  path: string;
  error?: string;
  onBlur(): void;
  children: ComponentChildren;
}) {
  const id = domId(props.path);
  return (
    <fieldset
      class={props.error ? 'field choices field-invalid' : 'field choices'}
      data-field={props.path}
      aria-describedby={describedBy(`${id}-set`, Boolean(props.field.help), Boolean(props.error))}
      onFocusOut={props.onBlur}
    >
      <legend>
        {props.field.label} {props.field.required && <span class="req">{t('form.required')}</span>}
      </legend>
      <Help id={`${id}-set`} text={props.field.help} />
      {props.children}
      <ErrorText id={`${id}-set`} text={props.error} />
    </fieldset>
  );
}

function AddressField(props: Parameters<typeof FormField>[0]) {
  const { field, path, ctx } = props;
  const value = (props.value ?? {}) as { communeId?: string; street?: string };
  const communeId = domId(`${path}.communeId`);
  const streetId = domId(`${path}.street`);
  const communeError = ctx.errors[`${path}.communeId`];
  const streetError = ctx.errors[`${path}.street`];
  const ownError = ctx.errors[path];
  const set = (patch: Partial<typeof value>) => {
    const next = { communeId: value.communeId ?? '', street: value.street ?? '', ...patch };
    props.onChange(next.communeId === '' && next.street === '' ? undefined : next);
  };
  const blur = () => ctx.onBlur(props.top);
  return (
    <fieldset
      class={ownError ? 'field address field-invalid' : 'field address'}
      data-field={path}
      id={domId(path)}
      tabIndex={-1}
    >
      <legend>
        {field.label} {field.required && <span class="req">{t('form.required')}</span>}
      </legend>
      <Help id={domId(path)} text={field.help} />
      <ErrorText id={domId(path)} text={ownError} />
      <div class={communeError ? 'field field-invalid' : 'field'}>
        <label for={communeId}>{t('form.commune')}</label>
        {ctx.communes ? (
          <select
            id={communeId}
            value={value.communeId ?? ''}
            aria-invalid={communeError ? 'true' : undefined}
            aria-describedby={communeError ? `${communeId}-error` : undefined}
            onChange={(e) => set({ communeId: e.currentTarget.value })}
            onBlur={blur}
          >
            <option value="">{t('form.chooseCommune')}</option>
            {ctx.communes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <p class="muted" id={communeId} tabIndex={-1}>
            {t('common.slow')}
          </p>
        )}
        <ErrorText id={communeId} text={communeError} />
      </div>
      <div class={streetError ? 'field field-invalid' : 'field'}>
        <label for={streetId}>{t('form.street')}</label>
        <p id={`${streetId}-hint`} class="field-hint">
          {t('form.streetHint')}
        </p>
        <input
          id={streetId}
          type="text"
          autoComplete="street-address"
          value={value.street ?? ''}
          aria-invalid={streetError ? 'true' : undefined}
          aria-describedby={describedBy(streetId, true, Boolean(streetError))}
          onInput={(e) => set({ street: e.currentTarget.value })}
          onBlur={blur}
        />
        <ErrorText id={streetId} text={streetError} />
      </div>
    </fieldset>
  );
}

function TableField(props: Parameters<typeof FormField>[0]) {
  const { field, path, ctx } = props;
  const rows = Array.isArray(props.value) ? (props.value as Record<string, unknown>[]) : [];
  const max = field.maxRows ?? 50;
  const error = ctx.errors[path];
  const setRows = (next: Record<string, unknown>[]) => props.onChange(next.length ? next : undefined);
  return (
    <fieldset
      class={error ? 'field table field-invalid' : 'field table'}
      data-field={path}
      id={domId(path)}
      tabIndex={-1}
    >
      <legend>
        {field.label} {field.required && <span class="req">{t('form.required')}</span>}
      </legend>
      <Help id={domId(path)} text={field.help} />
      {rows.length === 0 && <p class="muted">{t('form.noRows')}</p>}
      <ol class="table-rows">
        {rows.map((row, index) => (
          <li key={index} class="card table-row">
            <h3>{t('form.rowN', { n: index + 1 })}</h3>
            {(field.columns ?? [])
              .filter((column) => isVisible(column, row))
              .map((column) => (
                <FormField
                  key={column.name}
                  field={column}
                  path={`${path}[${index}].${column.name}`}
                  top={props.top}
                  value={row[column.name]}
                  ctx={ctx}
                  onChange={(value) => {
                    const nextRow = { ...row };
                    if (value === undefined) delete nextRow[column.name];
                    else nextRow[column.name] = value;
                    setRows(rows.map((r, i) => (i === index ? nextRow : r)));
                  }}
                />
              ))}
            <button
              type="button"
              class="btn btn-quiet"
              onClick={() => setRows(rows.filter((_, i) => i !== index))}
            >
              {t('form.removeRow', { n: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      {rows.length < max && (
        <button type="button" class="btn btn-secondary" onClick={() => setRows([...rows, {}])}>
          {t('form.addRow')}
        </button>
      )}
      <ErrorText id={domId(path)} text={error} />
    </fieldset>
  );
}
