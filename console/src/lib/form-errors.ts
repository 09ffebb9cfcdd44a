import type { ApiError } from '../api/client';
import { t } from '../i18n';

/*
 * Turns a server error into messages beside the fields they concern. Three sources, as the server
 * reports them (server/src/platform/errors/error-handler.ts and the services):
 *  - VALIDATION_FAILED with details.fields [{ path: "/branding/primaryColor", rule: "pattern" }]
 *    (a missing property at the top level comes as its bare name, "username");
 *  - a business error naming its field in details.field (ADMIN_UNIT_NOT_FOUND { field: "adminUnitId" });
 *  - a business error that can only be about one field of this form (PASSWORD_TOO_WEAK → newPassword),
 *    listed by the form in `codeFields`.
 * Anything else is a message for the whole form.
 */

export interface FormErrors {
  /** Field path (dotted: "hotlines.0.phone") → message. */
  fields: Record<string, string>;
  /** A message for the top of the form (the server's own words). */
  message: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, message: null };

/** "/hotlines/0/phone" → "hotlines.0.phone"; "username" stays "username". */
export function fieldPath(serverPath: string): string {
  return serverPath.replace(/^\//, '').split('/').filter(Boolean).join('.');
}

export function errorsFromApi(error: ApiError, codeFields: Record<string, string> = {}): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of error.fieldIssues) {
    const path = fieldPath(issue.path);
    if (path && !fields[path]) fields[path] = t.errors.rules[issue.rule] ?? t.errors.rules.type!;
  }
  const named = typeof error.details.field === 'string' ? error.details.field : codeFields[error.code];
  if (named) fields[named] = error.message;
  const hasFields = Object.keys(fields).length > 0;
  // The summary heading already says how many fields to fix; repeat the server's message only when
  // it adds something (a business error) or when no field could be pointed at.
  const message = !hasFields || error.code !== 'VALIDATION_FAILED' ? error.message : null;
  return { fields, message };
}

/** Reads "hotlines.0.phone" out of nested values. */
export function getPath(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Returns a copy of `values` with "a.0.b" set, copying only the objects and arrays on the way. */
export function setPath<T>(values: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const container: Record<string, unknown> | unknown[] = Array.isArray(values)
    ? [...(values as unknown[])]
    : { ...(values as Record<string, unknown>) };
  const key = head!;
  const current = (container as Record<string, unknown>)[key];
  (container as Record<string, unknown>)[key] =
    rest.length === 0 ? value : setPath(current ?? {}, rest.join('.'), value);
  return container as T;
}
