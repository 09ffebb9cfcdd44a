import type { Agency, OfficerView } from '../api/types';
import { Field, type FormState } from '../components/Form';
import { t } from '../i18n';
import { RolesEditor, type RoleRow } from './RolesEditor';

/** Fields shared by creating and editing an officer. */
export interface OfficerValues {
  username: string;
  fullName: string;
  email: string;
  phone: string;
  roles: RoleRow[];
}

export const OFFICER_CODE_FIELDS = {
  OFFICER_USERNAME_TAKEN: 'username',
  ROLE_NOT_GRANTABLE: 'roles',
};

export function officerValues(officer: OfficerView): OfficerValues {
  return {
    username: officer.username,
    fullName: officer.fullName,
    email: officer.email ?? '',
    phone: officer.phone ?? '',
    roles: officer.roles.map((r) => ({ agencyId: r.agencyId, role: r.role })),
  };
}

export function officerBody(values: OfficerValues) {
  return {
    fullName: values.fullName.trim(),
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    roles: values.roles,
  };
}

export function OfficerFields({
  form,
  agencies,
  canGrantProvinceAdmin,
}: {
  form: FormState<OfficerValues>;
  agencies: Agency[];
  canGrantProvinceAdmin: boolean;
}) {
  return (
    <>
      <section class="panel">
        <div class="grid-2">
          <Field
            form={form}
            name="fullName"
            label={t.officers.fullName}
            required
            maxLength={120}
            autoComplete="off"
          />
          <Field form={form} name="email" label={t.officers.email} type="email" autoComplete="off" />
        </div>
        <div class="grid-2">
          <Field form={form} name="phone" label={t.officers.phone} type="tel" autoComplete="off" />
        </div>
      </section>
      <section class="panel">
        <RolesEditor form={form} agencies={agencies} canGrantProvinceAdmin={canGrantProvinceAdmin} />
      </section>
    </>
  );
}
