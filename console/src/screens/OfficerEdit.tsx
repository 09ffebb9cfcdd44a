import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { OfficerView, OfficerWriteResponse } from '../api/types';
import { Form, useForm } from '../components/Form';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { isProvinceAdmin } from '../lib/access';
import { useAgencyOptions } from '../lib/agency-options';
import { usePageTitle } from '../lib/page-title';
import { Link, navigate } from '../lib/router';
import { useApi } from '../lib/use-api';
import {
  OfficerFields,
  OFFICER_CODE_FIELDS,
  officerBody,
  officerValues,
  type OfficerValues,
} from './officer-form';
import { validateRoles } from './RolesEditor';

export default function OfficerEdit({ officer, params }: ScreenProps) {
  const id = params.id!;
  const [state, reload] = useApi<OfficerView>(`/api/admin/officers/${encodeURIComponent(id)}`);
  const agencies = useAgencyOptions();
  const title = t.officers.editTitle(state.data?.fullName ?? '');
  usePageTitle(title);
  return (
    <>
      <p class="breadcrumb">
        <Link to={`/officers/${id}`}>← {t.back}</Link>
      </p>
      <h1>{title}</h1>
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !state.data || !agencies ? (
        <Loading />
      ) : (
        <EditForm
          initial={officerValues(state.data)}
          id={id}
          agencies={agencies}
          canGrant={isProvinceAdmin(officer)}
        />
      )}
    </>
  );
}

function EditForm(props: {
  initial: OfficerValues;
  id: string;
  agencies: Parameters<typeof OfficerFields>[0]['agencies'];
  canGrant: boolean;
}) {
  const form = useForm<OfficerValues>(props.initial);
  return (
    <Form
      form={form}
      submitLabel={t.save}
      codeFields={OFFICER_CODE_FIELDS}
      validate={(v) => validateRoles(v.roles)}
      actions={
        <Link to={`/officers/${props.id}`} class="btn">
          {t.cancel}
        </Link>
      }
      onSubmit={async (values) => {
        await api<OfficerWriteResponse>(`/api/admin/officers/${props.id}`, {
          method: 'PATCH',
          body: officerBody(values),
        });
        toast(t.officers.saved);
        navigate(`/officers/${props.id}`);
      }}
    >
      <p>
        {t.officers.username}: <strong>{props.initial.username}</strong>
      </p>
      <OfficerFields form={form} agencies={props.agencies} canGrantProvinceAdmin={props.canGrant} />
    </Form>
  );
}
