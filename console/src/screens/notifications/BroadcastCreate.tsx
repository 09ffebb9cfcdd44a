import type { ScreenProps } from '../../app';
import { api } from '../../api/client';
import { confirmAction } from '../../components/ConfirmDialog';
import { Field, FieldShell, Form, useForm } from '../../components/Form';
import { toast } from '../../components/Toast';
import { t } from '../../i18n';
import { useAdminUnits } from '../../lib/agency-options';
import { formatDateTime } from '../../lib/format';
import { localInputToIso, messageTypeLabel } from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { Link, navigate } from '../../lib/router';
import { CommunePicker } from '../CommunePicker';
import { NotifyTabs } from './NotifyTabs';

type BroadcastType = 'broadcast.news' | 'broadcast.emergency';

/** The variables each broadcast type's templates use (server/src/platform/notify/templates.ts). */
const VARIABLES: Record<BroadcastType, string[]> = {
  'broadcast.news': ['title', 'summary'],
  'broadcast.emergency': ['title', 'body'],
};

interface BroadcastValues {
  type: BroadcastType;
  data: Record<string, string>;
  audience: 'all' | 'communes';
  communeIds: string[];
  when: 'now' | 'later';
  runAt: string;
}

export default function BroadcastCreate({ officer }: ScreenProps) {
  usePageTitle(t.notify.newBroadcast);
  const units = useAdminUnits();
  const communes = (units ?? []).filter((u) => u.level === 'commune');
  const form = useForm<BroadcastValues>({
    type: 'broadcast.news',
    data: {},
    audience: 'all',
    communeIds: [],
    when: 'now',
    runAt: '',
  });
  const v = form.values;
  const variables = VARIABLES[v.type];

  const validate = (values: BroadcastValues) => {
    const errors: Record<string, string> = {};
    for (const name of VARIABLES[values.type]) {
      if (!values.data[name]?.trim()) errors[`data.${name}`] = t.errors.rules.required!;
    }
    if (values.audience === 'communes' && values.communeIds.length === 0) {
      errors.communeIds = t.notify.communesRequired;
    }
    if (values.when === 'later') {
      const iso = localInputToIso(values.runAt);
      if (!iso) errors.runAt = t.notify.whenRequired;
      else if (new Date(iso).getTime() <= Date.now()) errors.runAt = t.notify.whenPast;
    }
    return errors;
  };

  return (
    <>
      <p class="breadcrumb">
        <Link to="/notifications/broadcasts">← {t.notify.broadcasts}</Link>
      </p>
      <h1>{t.notify.newBroadcast}</h1>
      <NotifyTabs officer={officer} />
      <Form
        form={form}
        class="form panel"
        submitLabel={t.notify.createBroadcast}
        busyLabel={t.saving}
        validate={validate}
        onSubmit={async (values) => {
          const runAt = values.when === 'later' ? localInputToIso(values.runAt) : null;
          const audience =
            values.audience === 'all'
              ? t.notify.confirmAudienceAll
              : t.notify.confirmAudienceCommunes(values.communeIds.length);
          const ok = await confirmAction({
            title: t.notify.confirmBroadcastTitle,
            message: t.notify.confirmBroadcast(
              messageTypeLabel(values.type),
              audience,
              runAt ? t.notify.confirmAt(formatDateTime(runAt)) : t.notify.confirmNow,
            ),
            confirmLabel: t.notify.createBroadcast,
            danger: values.type === 'broadcast.emergency',
          });
          if (!ok) return;
          const data = Object.fromEntries(
            VARIABLES[values.type].map((name) => [name, (values.data[name] ?? '').trim()]),
          );
          const created = await api<{ id: string }>('/api/admin/broadcasts', {
            method: 'POST',
            body: {
              type: values.type,
              data,
              ...(values.audience === 'communes' && { communeIds: values.communeIds }),
              ...(runAt && { runAt }),
            },
          });
          toast(t.notify.broadcastCreated);
          navigate(`/notifications/broadcasts/${created.id}`);
        }}
      >
        <Field
          form={form}
          name="type"
          label={t.notify.broadcastType}
          as="select"
          options={(['broadcast.news', 'broadcast.emergency'] as const).map((type) => ({
            value: type,
            label: messageTypeLabel(type),
          }))}
          required
        />
        {variables.map((name) => (
          <FieldShell
            key={`${v.type}-${name}`}
            form={form}
            name={`data.${name}`}
            label={t.notify.variableLabels[name] ?? name}
            required
          >
            {(control) =>
              name === 'title' ? (
                <input
                  {...control}
                  type="text"
                  maxLength={1000}
                  value={v.data[name] ?? ''}
                  onInput={(e) => form.set('data', { ...v.data, [name]: e.currentTarget.value })}
                />
              ) : (
                <textarea
                  {...control}
                  rows={4}
                  maxLength={1000}
                  value={v.data[name] ?? ''}
                  onInput={(e) => form.set('data', { ...v.data, [name]: e.currentTarget.value })}
                />
              )
            }
          </FieldShell>
        ))}
        <fieldset class="radio-group">
          <legend>{t.notify.audience}</legend>
          {(['all', 'communes'] as const).map((value) => (
            <div class="radio" key={value}>
              <input
                type="radio"
                id={`${form.id}-audience-${value}`}
                name="audience"
                checked={v.audience === value}
                onChange={() => form.set('audience', value)}
              />
              <label for={`${form.id}-audience-${value}`}>
                {value === 'all' ? t.notify.audienceAll : t.notify.audienceCommunes}
              </label>
            </div>
          ))}
        </fieldset>
        {v.audience === 'communes' && (
          <CommunePicker
            idPrefix={form.id}
            communes={communes}
            selected={v.communeIds}
            error={form.errors.fields.communeIds}
            onChange={(ids) => form.set('communeIds', ids)}
          />
        )}
        <fieldset class="radio-group">
          <legend>{t.notify.when}</legend>
          {(['now', 'later'] as const).map((value) => (
            <div class="radio" key={value}>
              <input
                type="radio"
                id={`${form.id}-when-${value}`}
                name="when"
                checked={v.when === value}
                onChange={() => form.set('when', value)}
              />
              <label for={`${form.id}-when-${value}`}>
                {value === 'now' ? t.notify.whenNow : t.notify.whenLater}
              </label>
            </div>
          ))}
        </fieldset>
        {v.when === 'later' && (
          <FieldShell form={form} name="runAt" label={t.notify.whenAt} required>
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                value={v.runAt}
                onInput={(e) => form.set('runAt', e.currentTarget.value)}
              />
            )}
          </FieldShell>
        )}
      </Form>
    </>
  );
}
