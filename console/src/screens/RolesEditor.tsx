import { ROLES, type Agency } from '../api/types';
import { FieldShell, type FormState } from '../components/Form';
import { roleLabel, t } from '../i18n';

export interface RoleRow {
  agencyId: string;
  role: string;
}

/**
 * Roles per agency: each row an agency and a role. An officer may hold several (a handler in one
 * department, a clerk at the service centre). Roles the signed-in admin cannot grant are not
 * offered (an agency admin never grants province_admin); the server checks anyway.
 */
export function RolesEditor<T extends { roles: RoleRow[] }>({
  form,
  agencies,
  canGrantProvinceAdmin,
}: {
  form: FormState<T>;
  agencies: Agency[];
  canGrantProvinceAdmin: boolean;
}) {
  const rows = form.values.roles;
  const update = (next: RoleRow[]) => form.set('roles', next);
  const roles = ROLES.filter((r) => canGrantProvinceAdmin || r !== 'province_admin');
  const shell = form as FormState<unknown>;
  const setRow = (index: number, patch: Partial<RoleRow>) =>
    update(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <fieldset class="roles-editor">
      <legend>{t.officers.roles}</legend>
      {form.errors.fields.roles && (
        <p class="field-error" id={`${form.id}-roles`} tabIndex={-1}>
          {form.errors.fields.roles}
        </p>
      )}
      {rows.length === 0 && <p class="muted">{t.officers.noRoles}</p>}
      {rows.map((row, index) => (
        <fieldset class="role-row" key={index}>
          <legend class="sr-only">{t.officers.roleRow(index + 1)}</legend>
          <FieldShell form={shell} name={`roles.${index}.agencyId`} label={t.officers.agency} required>
            {(control) => (
              <select
                {...control}
                value={row.agencyId}
                onChange={(e) => setRow(index, { agencyId: e.currentTarget.value })}
              >
                <option value="">{t.officers.chooseAgency}</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
          <FieldShell form={shell} name={`roles.${index}.role`} label={t.officers.role} required>
            {(control) => (
              <select
                {...control}
                value={row.role}
                onChange={(e) => setRow(index, { role: e.currentTarget.value })}
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
          <button
            type="button"
            class="btn btn-quiet"
            aria-label={t.officers.roleRemove(index + 1)}
            onClick={() => update(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        class="btn"
        onClick={() => {
          update([...rows, { agencyId: '', role: 'handler' }]);
          requestAnimationFrame(() =>
            document.getElementById(`${form.id}-roles-${rows.length}-agencyId`)?.focus(),
          );
        }}
      >
        {t.officers.roleAdd}
      </button>
    </fieldset>
  );
}

/** Rows without an agency are half-filled additions: a local message rather than a server 400. */
export function validateRoles(rows: RoleRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  rows.forEach((row, i) => {
    if (!row.agencyId) errors[`roles.${i}.agencyId`] = t.errors.rules.required!;
  });
  return errors;
}
