import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { OfficerWriteResponse } from '../api/types';
import { Field, Form, useForm } from '../components/Form';
import { Loading } from '../components/States';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { isProvinceAdmin } from '../lib/access';
import { useAgencyOptions } from '../lib/agency-options';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { OfficerFields, OFFICER_CODE_FIELDS, officerBody, type OfficerValues } from './officer-form';
import { validateRoles } from './RolesEditor';
import { TemporaryPassword } from './TemporaryPassword';

const EMPTY: OfficerValues = { username: '', fullName: '', email: '', phone: '', roles: [] };

/** A new officer account; the server generates the temporary password and returns it this once. */
export default function OfficerCreate({ officer }: ScreenProps) {
  usePageTitle(t.officers.createTitle);
  const form = useForm<OfficerValues>(EMPTY);
  const agencies = useAgencyOptions();
  const [created, setCreated] = useState<OfficerWriteResponse | null>(null);

  return (
    <>
      <p class="breadcrumb">
        <Link to="/officers">← {t.officers.title}</Link>
      </p>
      <h1>{t.officers.createTitle}</h1>
      {created ? (
        <>
          {created.temporaryPassword && (
            <TemporaryPassword username={created.officer.username} password={created.temporaryPassword} />
          )}
          <div class="actions">
            <Link to={`/officers/${created.officer.id}`} class="btn btn-primary">
              {t.officers.openDetail}
            </Link>
            <button
              type="button"
              class="btn"
              onClick={() => {
                form.replace(EMPTY);
                setCreated(null);
              }}
            >
              {t.officers.create}
            </button>
          </div>
        </>
      ) : !agencies ? (
        <Loading />
      ) : (
        <Form
          form={form}
          submitLabel={t.officers.create}
          codeFields={OFFICER_CODE_FIELDS}
          validate={(v) => validateRoles(v.roles)}
          actions={
            <Link to="/officers" class="btn">
              {t.cancel}
            </Link>
          }
          onSubmit={async (values) => {
            const result = await api<OfficerWriteResponse>('/api/admin/officers', {
              method: 'POST',
              body: { username: values.username.trim(), ...officerBody(values) },
            });
            toast(t.officers.created);
            setCreated(result);
          }}
        >
          <section class="panel">
            <Field
              form={form}
              name="username"
              label={t.officers.username}
              hint={t.officers.usernameHint}
              required
              autoComplete="off"
              spellcheck={false}
              maxLength={40}
            />
          </section>
          <OfficerFields form={form} agencies={agencies} canGrantProvinceAdmin={isProvinceAdmin(officer)} />
        </Form>
      )}
    </>
  );
}
