import { useState } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import { ApiError, api } from '../../api/client';
import type { NotifySettings, TemplateChannel, TypeTemplates } from '../../api/types';
import { confirmAction } from '../../components/ConfirmDialog';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { isProvinceAdmin } from '../../lib/access';
import { channelLabel } from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { setQuery, useLocation } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { NotifyTabs } from './NotifyTabs';
import { TemplateEditor } from './TemplateEditor';
import { ZnsEditor } from './ZnsEditor';

const CHANNELS: TemplateChannel[] = ['inbox', 'oa', 'sms'];

/**
 * The template editor: one message type at a time (chosen in the address, ?type=), its variables,
 * and for each channel the text in force with an editor, a preview and a way back to the default;
 * then the type's ZNS template (admins only may change it).
 */
export default function Templates({ officer }: ScreenProps) {
  usePageTitle(t.notify.templates);
  const admin = isProvinceAdmin(officer);
  const [state, reload] = useApi<{ items: TypeTemplates[] }>('/api/admin/notifications/templates');
  // The SMS unit cost, for the preview's cost line; editors may not read settings, and do without.
  const [settings] = useApi<NotifySettings>(admin ? '/api/admin/notifications/settings' : null);
  const { query } = useLocation();
  const [local, setLocal] = useState<Record<string, TypeTemplates>>({});

  const items = (state.data?.items ?? []).map((item) => local[item.type] ?? item);
  const selected = items.find((i) => i.type === query.get('type')) ?? items[0];
  const update = (next: TypeTemplates) => setLocal((all) => ({ ...all, [next.type]: next }));

  const restoreDefault = async (item: TypeTemplates, channel: TemplateChannel) => {
    const ok = await confirmAction({
      title: t.notify.useDefault,
      message: t.notify.useDefaultConfirm(channelLabel(channel), item.label),
      confirmLabel: t.notify.useDefault,
      danger: true,
    });
    if (!ok) return;
    try {
      await api(`/api/admin/notifications/templates/${encodeURIComponent(item.type)}/${channel}`, {
        method: 'DELETE',
      });
      setLocal((all) => {
        const { [item.type]: _dropped, ...rest } = all;
        return rest;
      });
      reload();
      toast(t.notify.defaultRestored);
    } catch (error) {
      toast((error as ApiError).message ?? t.errors.unknown, 'error');
    }
  };

  return (
    <>
      <h1>{t.notify.templates}</h1>
      <NotifyTabs officer={officer} />
      <p class="muted">{t.notify.templatesIntro}</p>
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !selected ? (
        <Loading />
      ) : (
        <>
          <div class="panel notify-type-picker">
            <label for="notify-type">{t.notify.pickType}</label>
            <select
              id="notify-type"
              value={selected.type}
              onChange={(e) => {
                const params = new URLSearchParams(query);
                params.set('type', e.currentTarget.value);
                setQuery(params, { replace: true });
              }}
            >
              {items.map((item) => (
                <option key={item.type} value={item.type}>
                  {item.label}
                </option>
              ))}
            </select>
            <p class="muted small">
              <code>{selected.type}</code>
              {selected.legal && <> · {t.notify.legalType}</>}
            </p>
          </div>
          {CHANNELS.map((channel) => {
            const current = selected[channel];
            return (
              <TemplateEditor
                key={`${selected.type}:${channel}:${current.overridden ? 'own' : 'default'}:${current.body}`}
                item={selected}
                channel={channel}
                smsUnitCost={settings.data?.smsUnitCost ?? null}
                onSaved={update}
                onRestore={() => void restoreDefault(selected, channel)}
              />
            );
          })}
          <ZnsEditor
            key={`${selected.type}:zns:${JSON.stringify(selected.zns)}`}
            item={selected}
            canEdit={admin}
            onSaved={update}
          />
        </>
      )}
    </>
  );
}
