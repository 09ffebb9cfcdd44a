import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';

/*
 * Calling the server's API from browser tests, as the apps would: set-up that the test is not about
 * (a citizen filing a dossier before an officer handles it) goes through the API, not the screens.
 */

/** A 1×1 PNG: enough for an attachment field. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** What these helpers read of a form field (server/src/platform/forms/definition.ts). */
export interface FormField {
  name: string;
  type: string;
  required?: boolean;
  showIf?: { field: string; in: unknown[] };
  options?: { value: string }[];
  columns?: FormField[];
  minRows?: number;
  min?: number;
  minDate?: string;
  accept?: string;
}

export interface CallInit {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Applicant {
  zaloId: string;
  name: string;
  email: string;
}

export function apiClient(baseUrl: string) {
  async function call(path: string, init: CallInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    return fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  }

  /** The body of an answer with the expected status (the body is shown when the status differs). */
  async function json<T>(response: Response, status = 200): Promise<T> {
    const text = await response.text();
    expect(response.status, text).toBe(status);
    return JSON.parse(text) as T;
  }

  async function upload(token: string, kind: 'image' | 'document'): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'giay-to.png');
    const response = await fetch(`${baseUrl}/api/files?kind=${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return (await json<{ id: string }>(response, 201)).id;
  }

  /** A plausible value for any field of a procedure's form. */
  async function valueFor(
    field: FormField,
    token: string,
    communeId: string,
    who: Applicant,
  ): Promise<unknown> {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    switch (field.type) {
      case 'number':
        return field.min ?? 1;
      case 'date':
        return field.minDate === 'today' ? tomorrow : '2025-12-01';
      case 'select':
        return field.options?.[0]?.value ?? '';
      case 'multiselect':
        return field.options?.[0] ? [field.options[0].value] : [];
      case 'checkbox':
        return true;
      case 'phone':
        return '0912345678';
      case 'email':
        return who.email;
      case 'id_number':
        return '072190001234';
      case 'address':
        return { communeId, street: '12 đường 30/4' };
      case 'attachment':
        return [await upload(token, field.accept === 'image' ? 'image' : 'document')];
      case 'table': {
        const rows: Record<string, unknown>[] = [];
        for (let i = 0; i < Math.max(1, field.minRows ?? 1); i++) {
          const row: Record<string, unknown> = {};
          for (const column of field.columns ?? []) {
            row[column.name] = await valueFor(column, token, communeId, who);
          }
          rows.push(row);
        }
        return rows;
      }
      default:
        return who.name;
    }
  }

  /** Fills every field the form requires (and those its answers make appear). */
  async function fillForm(
    fields: FormField[],
    token: string,
    communeId: string,
    who: Applicant,
  ): Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = {};
    for (let pass = 0; pass < 3; pass++) {
      for (const field of fields) {
        if (field.name in data) continue;
        const shown = !field.showIf || field.showIf.in.includes(data[field.showIf.field]);
        if (shown && (field.required || field.type === 'attachment')) {
          data[field.name] = await valueFor(field, token, communeId, who);
        }
      }
    }
    return data;
  }

  /**
   * A citizen signs in (simulated Zalo identity) and files a dossier for the first procedure found
   * for `query`, through the API as the mini app does. `submit` sends it (again, with the same key).
   */
  async function prepareDossier(who: Applicant, query = 'khai sinh') {
    const citizen = await json<{ token: string }>(
      await call('/api/auth/dev-zalo', { method: 'POST', body: { zaloId: who.zaloId, name: who.name } }),
    );
    type Item = { id: string; agency: { id: string } };
    const list = await json<{ items: Item[] }>(
      await call(`/api/procedures?q=${encodeURIComponent(query)}&pageSize=50`),
    );
    expect(list.items.length).toBeGreaterThan(0);
    const procedure = list.items[0]!;
    const detail = await json<{ id: string; form: { fields: FormField[] } }>(
      await call(`/api/procedures/${procedure.id}`),
    );
    const units = await json<{ items: { id: string; level: string }[] }>(
      await call('/api/admin-units?level=commune&pageSize=5'),
    );
    const communeId = units.items.find((u) => u.level === 'commune')?.id ?? units.items[0]?.id ?? '';
    const data = await fillForm(detail.form.fields, citizen.token, communeId, who);
    const key = randomUUID();
    const submit = () =>
      call('/api/me/dossiers', {
        method: 'POST',
        token: citizen.token,
        headers: { 'idempotency-key': key },
        body: { procedureId: detail.id, data },
      });
    return { procedure, submit };
  }

  return { call, json, upload, prepareDossier };
}

export type ApiClient = ReturnType<typeof apiClient>;
