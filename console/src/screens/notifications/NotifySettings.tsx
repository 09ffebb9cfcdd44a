import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import { api } from '../../api/client';
import type { NotifySettings as Settings, TypeTemplates } from '../../api/types';
import { Field, Form, useForm } from '../../components/Form';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { routingToSave, slotsOf, type ChannelSlot } from '../../lib/notify-routing';
import { usePageTitle } from '../../lib/page-title';
import { useApi } from '../../lib/use-api';
import { NotifyTabs } from './NotifyTabs';
import { ChannelOrderEditor } from './ChannelOrderEditor';

interface SettingsValues {
  oaRatePerMinute: string;
  smsUnitCost: string;
  znsUnitCost: string;
  oaUnitCost: string;
  routing: Record<string, ChannelSlot[]>;
}

/** A whole number typed by the officer; anything else goes to the server as typed, which names the field. */
function numberOf(value: string): number | string {
  const trimmed = value.trim().replace(/\./g, '');
  return /^\d+$/.test(trimmed) ? Number(trimmed) : value;
}

export default function NotifySettings({ officer }: ScreenProps) {
  usePageTitle(t.notify.settings);
  const [settings, reloadSettings] = useApi<Settings>('/api/admin/notifications/settings');
  const [types, reloadTypes] = useApi<{ items: TypeTemplates[] }>('/api/admin/notifications/templates');
  const error = settings.status === 'error' ? settings.error : types.status === 'error' ? types.error : null;
  return (
    <>
      <h1>{t.notify.settings}</h1>
      <NotifyTabs officer={officer} />
      <p class="muted">{t.notify.settingsIntro}</p>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            reloadSettings();
            reloadTypes();
          }}
        />
      ) : !settings.data || !types.data ? (
        <Loading />
      ) : (
        <SettingsForm settings={settings.data} types={types.data.items} />
      )}
      <OaTokenForm />
    </>
  );
}

function SettingsForm({ settings, types }: { settings: Settings; types: TypeTemplates[] }) {
  const [loaded, setLoaded] = useState(() => Object.fromEntries(types.map((ty) => [ty.type, ty.channels])));
  const [existing, setExisting] = useState(settings.routing);
  const form = useForm<SettingsValues>(() => ({
    oaRatePerMinute: String(settings.oaRatePerMinute),
    smsUnitCost: String(settings.smsUnitCost),
    znsUnitCost: String(settings.znsUnitCost),
    oaUnitCost: String(settings.oaUnitCost),
    routing: Object.fromEntries(types.map((ty) => [ty.type, slotsOf(ty.channels)])),
  }));
  return (
    <Form
      form={form}
      class="form settings"
      submitLabel={t.save}
      onSubmit={async (values) => {
        const saved = await api<Settings>('/api/admin/notifications/settings', {
          method: 'PUT',
          body: {
            oaRatePerMinute: numberOf(values.oaRatePerMinute),
            smsUnitCost: numberOf(values.smsUnitCost),
            znsUnitCost: numberOf(values.znsUnitCost),
            oaUnitCost: numberOf(values.oaUnitCost),
            routing: routingToSave(existing, loaded, values.routing),
          },
        });
        setExisting(saved.routing);
        setLoaded(
          Object.fromEntries(
            types.map((ty) => [
              ty.type,
              saved.routing[ty.type] ??
                values.routing[ty.type]!.filter((s) => s.enabled).map((s) => s.channel),
            ]),
          ),
        );
        toast(t.notify.settingsSaved);
      }}
    >
      <section class="panel" aria-labelledby="notify-costs">
        <h2 id="notify-costs">{t.notify.costs}</h2>
        <div class="grid-2">
          <Field
            form={form}
            name="smsUnitCost"
            label={t.notify.smsUnitCost}
            hint={t.notify.smsUnitCostHint}
            inputMode="numeric"
            required
          />
          <Field form={form} name="znsUnitCost" label={t.notify.znsUnitCost} inputMode="numeric" required />
          <Field form={form} name="oaUnitCost" label={t.notify.oaUnitCost} inputMode="numeric" required />
          <Field
            form={form}
            name="oaRatePerMinute"
            label={t.notify.oaRate}
            hint={t.notify.oaRateHint}
            inputMode="numeric"
            required
          />
        </div>
      </section>
      <section class="panel" aria-labelledby="notify-routing">
        <h2 id="notify-routing">{t.notify.routing}</h2>
        <p class="hint">{t.notify.routingHint}</p>
        {form.errors.fields.routing && <p class="field-error">{form.errors.fields.routing}</p>}
        <div class="channel-orders">
          {types.map((ty) => (
            <ChannelOrderEditor
              key={ty.type}
              idPrefix={form.id}
              type={ty.type}
              label={ty.label}
              slots={form.values.routing[ty.type]!}
              onChange={(slots) => form.set('routing', { ...form.values.routing, [ty.type]: slots })}
            />
          ))}
        </div>
      </section>
    </Form>
  );
}

/** Write-only: the token is exchanged with Zalo at once and stored sealed; nobody can read it back. */
function OaTokenForm() {
  const form = useForm({ refreshToken: '' });
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  return (
    <section class="panel" aria-labelledby="oa-token-title">
      <h2 id="oa-token-title">{t.notify.oaToken}</h2>
      <p class="muted">{t.notify.oaTokenIntro}</p>
      <Form
        form={form}
        submitLabel={t.notify.oaTokenSubmit}
        codeFields={{ ZALO_OA_TOKEN_REFUSED: 'refreshToken' }}
        onSubmit={async (values) => {
          const result = await api<{ accessTokenExpiresAt: string }>('/api/admin/notifications/oa-token', {
            method: 'PUT',
            body: { refreshToken: values.refreshToken.trim() },
          });
          form.replace({ refreshToken: '' });
          setExpiresAt(result.accessTokenExpiresAt);
          toast(t.notify.oaTokenSaved(formatDateTime(result.accessTokenExpiresAt)));
        }}
      >
        <Field
          form={form}
          name="refreshToken"
          label={t.notify.oaTokenField}
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
        />
      </Form>
      {expiresAt && (
        <p class="notice" role="status">
          {t.notify.oaTokenSaved(formatDateTime(expiresAt))}
        </p>
      )}
    </section>
  );
}
