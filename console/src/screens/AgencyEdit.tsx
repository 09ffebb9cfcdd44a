import type { ScreenProps } from '../app';
import { api } from '../api/client';
import { AGENCY_KINDS, type Agency, type AgencyDetail } from '../api/types';
import { Field, Form, useForm } from '../components/Form';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/Toast';
import { agencyKindLabel, t } from '../i18n';
import { invalidateAgencyOptions, useAdminUnits, useAgencyOptions } from '../lib/agency-options';
import { usePageTitle } from '../lib/page-title';
import { Link, navigate } from '../lib/router';
import { useApi } from '../lib/use-api';
import { CommunePicker } from './CommunePicker';

interface AgencyValues {
  code: string;
  name: string;
  kind: string;
  parentId: string;
  adminUnitId: string;
  phone: string;
  address: string;
  communeIds: string[];
}

const EMPTY: AgencyValues = {
  code: '',
  name: '',
  kind: 'department',
  parentId: '',
  adminUnitId: '',
  phone: '',
  address: '',
  communeIds: [],
};

function valuesOf(agency: AgencyDetail): AgencyValues {
  return {
    code: agency.code,
    name: agency.name,
    kind: agency.kind,
    parentId: agency.parentId ?? '',
    adminUnitId: agency.adminUnitId ?? '',
    phone: agency.phone ?? '',
    address: agency.address ?? '',
    communeIds: agency.communes.map((c) => c.id),
  };
}

/** Empty optional fields are sent as null (cleared), which the server's schema expects. */
function bodyOf(v: AgencyValues) {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    kind: v.kind,
    parentId: v.parentId || null,
    adminUnitId: v.adminUnitId || null,
    phone: v.phone.trim() || null,
    address: v.address.trim() || null,
    communeIds: v.communeIds,
  };
}

/** Create (/agencies/new) and edit (/agencies/:id/edit) share one form. */
export default function AgencyEdit({ params }: ScreenProps) {
  const id = params.id;
  const [state, reload] = useApi<AgencyDetail>(id ? `/api/agencies/${encodeURIComponent(id)}` : null);
  const title = id ? t.agencies.editTitle(state.data?.name ?? '') : t.agencies.createTitle;
  usePageTitle(title);
  return (
    <>
      <p class="breadcrumb">
        <Link to={id ? `/agencies/${id}` : '/agencies'}>← {t.back}</Link>
      </p>
      <h1>{title}</h1>
      {!id ? (
        <AgencyForm initial={EMPTY} />
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !state.data ? (
        <Loading />
      ) : (
        <AgencyForm initial={valuesOf(state.data)} id={id} />
      )}
    </>
  );
}

function AgencyForm({ initial, id }: { initial: AgencyValues; id?: string }) {
  const form = useForm<AgencyValues>(initial);
  const agencies = useAgencyOptions();
  const units = useAdminUnits();
  if (!agencies || !units) return <Loading />;
  // An agency cannot be its own parent; the server also refuses its descendants.
  const parents = agencies.filter((a) => a.id !== id);
  const communes = units.filter((u) => u.level === 'commune');

  return (
    <Form
      form={form}
      submitLabel={id ? t.save : t.agencies.create}
      codeFields={{ AGENCY_CODE_TAKEN: 'code', AGENCY_PARENT_INVALID: 'parentId' }}
      actions={
        <Link to={id ? `/agencies/${id}` : '/agencies'} class="btn">
          {t.cancel}
        </Link>
      }
      onSubmit={async (values) => {
        const saved = await api<Agency>(id ? `/api/admin/agencies/${id}` : '/api/admin/agencies', {
          method: id ? 'PATCH' : 'POST',
          body: bodyOf(values),
        });
        invalidateAgencyOptions();
        toast(id ? t.agencies.saved : t.agencies.created);
        navigate(`/agencies/${saved.id}`);
      }}
    >
      <section class="panel">
        <div class="grid-2">
          <Field form={form} name="code" label={t.agencies.code} required spellcheck={false} maxLength={40} />
          <Field
            form={form}
            name="kind"
            label={t.agencies.kind}
            required
            as="select"
            options={AGENCY_KINDS.map((k) => ({ value: k, label: agencyKindLabel(k) }))}
          />
        </div>
        <Field form={form} name="name" label={t.agencies.name} required maxLength={200} />
        <div class="grid-2">
          <Field
            form={form}
            name="parentId"
            label={t.agencies.parent}
            as="select"
            options={[
              { value: '', label: t.agencies.noParent },
              ...parents.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <Field
            form={form}
            name="adminUnitId"
            label={t.agencies.adminUnit}
            as="select"
            options={[{ value: '', label: t.none }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
          />
        </div>
        <div class="grid-2">
          <Field form={form} name="phone" label={t.agencies.phone} type="tel" autoComplete="off" />
          <Field form={form} name="address" label={t.agencies.address} maxLength={300} />
        </div>
      </section>
      <section class="panel">
        <CommunePicker
          idPrefix={form.id}
          communes={communes}
          selected={form.values.communeIds}
          error={form.errors.fields.communeIds}
          onChange={(ids) => form.set('communeIds', ids)}
        />
      </section>
    </Form>
  );
}
