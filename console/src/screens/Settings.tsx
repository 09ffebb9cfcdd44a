import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { AdminTenant } from '../api/types';
import { Field, Form, useForm } from '../components/Form';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { AA_NORMAL_TEXT, contrastWithWhite } from '../lib/contrast';
import { usePageTitle } from '../lib/page-title';
import { useApi } from '../lib/use-api';
import { HotlinesEditor } from './HotlinesEditor';
import { UtilitiesEditor, type UtilityItem } from './UtilitiesEditor';

interface SettingsValues {
  name: string;
  shortName: string;
  utilities: UtilityItem[];
  branding: { appName: string; primaryColor: string; logoUrl: string };
  hotlines: { label: string; phone: string }[];
  zalo: { appId: string; oaId: string };
}

/** Enabled utilities first in the tenant's order, then the rest of the catalogue in its order. */
function valuesOf(tenant: AdminTenant): SettingsValues {
  const labels = new Map(tenant.availableUtilities.map((u) => [u.key, u.label]));
  const enabled = tenant.utilities.filter((key) => labels.has(key));
  const utilities: UtilityItem[] = [
    ...enabled.map((key) => ({ key, label: labels.get(key)!, enabled: true })),
    ...tenant.availableUtilities
      .filter((u) => !enabled.includes(u.key))
      .map((u) => ({ key: u.key, label: u.label, enabled: false })),
  ];
  return {
    name: tenant.name,
    shortName: tenant.shortName,
    utilities,
    branding: {
      appName: tenant.branding.appName ?? '',
      primaryColor: tenant.branding.primaryColor ?? '',
      logoUrl: tenant.branding.logoUrl ?? '',
    },
    hotlines: tenant.hotlines.map((h) => ({ ...h })),
    zalo: { appId: tenant.zalo.appId ?? '', oaId: tenant.zalo.oaId ?? '' },
  };
}

/** The PATCH body: the server replaces branding as a whole, so every branding field is sent. */
function patchOf(values: SettingsValues) {
  const branding = Object.fromEntries(
    Object.entries(values.branding)
      .map(([key, value]) => [key, value.trim()])
      .filter(([, value]) => value !== ''),
  );
  return {
    name: values.name.trim(),
    shortName: values.shortName.trim(),
    utilities: values.utilities.filter((u) => u.enabled).map((u) => u.key),
    branding,
    hotlines: values.hotlines.map((h) => ({ label: h.label.trim(), phone: h.phone.trim() })),
    zalo: { appId: values.zalo.appId.trim() || null, oaId: values.zalo.oaId.trim() || null },
  };
}

export default function Settings(_props: ScreenProps) {
  usePageTitle(t.settings.title);
  const [state, reload] = useApi<AdminTenant>('/api/admin/tenant');
  return (
    <>
      <h1>{t.settings.title}</h1>
      <p class="muted">{t.settings.intro}</p>
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : state.status === 'loading' || !state.data ? (
        <Loading />
      ) : (
        <SettingsForm tenant={state.data} />
      )}
    </>
  );
}

function SettingsForm({ tenant }: { tenant: AdminTenant }) {
  const form = useForm<SettingsValues>(() => valuesOf(tenant));
  const color = form.values.branding.primaryColor.trim();
  const ratio = color ? contrastWithWhite(color) : null;

  return (
    <Form
      form={form}
      class="form settings"
      submitLabel={t.save}
      onSubmit={async (values) => {
        const saved = await api<AdminTenant>('/api/admin/tenant', { method: 'PATCH', body: patchOf(values) });
        form.replace(valuesOf(saved));
        toast(t.settings.saved);
      }}
    >
      <section class="panel" aria-labelledby="settings-general">
        <h2 id="settings-general">{t.settings.general}</h2>
        <div class="grid-2">
          <Field form={form} name="name" label={t.settings.name} required />
          <Field form={form} name="shortName" label={t.settings.shortName} required />
        </div>
      </section>
      <section class="panel" aria-labelledby="settings-utilities">
        <h2 id="settings-utilities" class="sr-only">
          {t.settings.utilities}
        </h2>
        <UtilitiesEditor
          idPrefix={form.id}
          items={form.values.utilities}
          error={form.errors.fields.utilities}
          onChange={(items) => form.set('utilities', items)}
        />
      </section>
      <section class="panel" aria-labelledby="settings-branding">
        <h2 id="settings-branding">{t.settings.branding}</h2>
        <Field form={form} name="branding.appName" label={t.settings.appName} maxLength={60} />
        <div class="color-row">
          <Field
            form={form}
            name="branding.primaryColor"
            label={t.settings.primaryColor}
            hint={t.settings.primaryColorHint}
            spellcheck={false}
          />
          <span
            class="swatch"
            aria-hidden="true"
            style={ratio !== null ? { background: color } : undefined}
          />
        </div>
        {ratio !== null && (
          <p class={ratio < AA_NORMAL_TEXT ? 'warning' : 'muted'} role="status">
            {ratio < AA_NORMAL_TEXT
              ? t.settings.contrastLow(ratio.toFixed(1).replace('.', ','))
              : t.settings.contrastOk(ratio.toFixed(1).replace('.', ','))}
          </p>
        )}
        <Field
          form={form}
          name="branding.logoUrl"
          label={t.settings.logoUrl}
          hint={t.settings.logoUrlHint}
          spellcheck={false}
        />
      </section>
      <section class="panel" aria-labelledby="settings-hotlines">
        <h2 id="settings-hotlines" class="sr-only">
          {t.settings.hotlines}
        </h2>
        <HotlinesEditor form={form} />
      </section>
      <section class="panel" aria-labelledby="settings-zalo">
        <h2 id="settings-zalo">{t.settings.zalo}</h2>
        <div class="grid-2">
          <Field form={form} name="zalo.appId" label={t.settings.zaloAppId} spellcheck={false} />
          <Field form={form} name="zalo.oaId" label={t.settings.zaloOaId} spellcheck={false} />
        </div>
      </section>
    </Form>
  );
}
