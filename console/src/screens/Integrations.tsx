import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { OneStopIntegration, OneStopSecret } from '../api/types';
import { confirmAction } from '../components/ConfirmDialog';
import { CopyValue } from '../components/CopyValue';
import { Field, Form, useForm } from '../components/Form';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { asApiError, useApi } from '../lib/use-api';

const BASE = '/api/admin/integrations/one-stop';

/** The secret of a new or rotated integration: shown once, with a copy button and a warning. */
function SecretOnce({ secret, onDone }: { secret: OneStopSecret; onDone: () => void }) {
  return (
    <section class="panel secret-box" role="alert" aria-labelledby="secret-title">
      <h2 id="secret-title">{t.integrations.secretTitle}</h2>
      <p>
        <strong>{t.integrations.secretWarning}</strong>
      </p>
      <CopyValue label={t.integrations.id} value={secret.id} />
      <CopyValue label={t.integrations.secretLabel(secret.name)} value={secret.secret} />
      <div class="actions">
        <button type="button" class="btn btn-primary" onClick={onDone}>
          {t.integrations.secretDone}
        </button>
      </div>
    </section>
  );
}

export default function Integrations(_props: ScreenProps) {
  usePageTitle(t.integrations.title);
  const [state, reload] = useApi<OneStopIntegration[] | { items: OneStopIntegration[] }>(BASE);
  const list = Array.isArray(state.data) ? state.data : (state.data?.items ?? []);
  const [secret, setSecret] = useState<OneStopSecret | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ name: '' });

  const rotate = async (item: OneStopIntegration) => {
    if (
      !(await confirmAction({
        message: t.integrations.rotateConfirm(item.name),
        confirmLabel: t.integrations.rotate,
        danger: true,
      }))
    )
      return;
    setBusy(true);
    try {
      const result = await api<OneStopSecret>(`${BASE}/${encodeURIComponent(item.id)}/rotate`, {
        method: 'POST',
      });
      setSecret({ ...result, id: result.id ?? item.id, name: result.name ?? item.name });
      toast(t.integrations.rotated);
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const setEnabled = async (item: OneStopIntegration, enabled: boolean) => {
    if (
      !enabled &&
      !(await confirmAction({
        message: t.integrations.disableConfirm(item.name),
        confirmLabel: t.integrations.disable,
        danger: true,
      }))
    )
      return;
    setBusy(true);
    try {
      await api(`${BASE}/${encodeURIComponent(item.id)}`, { method: 'PATCH', body: { enabled } });
      toast(enabled ? t.integrations.enabledDone : t.integrations.disabledDone);
      reload();
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t.integrations.title}</h1>
      <p>{t.integrations.intro}</p>
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      <section class="panel" aria-labelledby="signing-title">
        <h2 id="signing-title">{t.integrations.headersTitle}</h2>
        <ul>
          {t.integrations.headers.map((line) => (
            <li key={line}>
              <code>{line}</code>
            </li>
          ))}
        </ul>
        <p>{t.integrations.endpoints}</p>
        <p class="muted">{t.integrations.docs}</p>
      </section>
      <section class="panel" aria-labelledby="integrations-list-title">
        <h2 id="integrations-list-title">{t.integrations.title}</h2>
        {state.status === 'error' ? (
          <ErrorState error={state.error} onRetry={reload} />
        ) : !state.data ? (
          <Loading />
        ) : list.length === 0 ? (
          <p class="muted">{t.integrations.empty}</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t.integrations.title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.integrations.name}</th>
                  <th scope="col">{t.integrations.id}</th>
                  <th scope="col">{t.integrations.status}</th>
                  <th scope="col">{t.integrations.createdAt}</th>
                  <th scope="col">{t.integrations.actions}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{item.name}</th>
                    <td>
                      <code class="id">{item.id}</code>
                    </td>
                    <td>
                      <span class={item.enabled ? 'badge badge-on' : 'badge badge-off'}>
                        {item.enabled ? t.integrations.on : t.integrations.off}
                      </span>
                    </td>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>
                      <div class="actions">
                        <button type="button" class="btn" disabled={busy} onClick={() => void rotate(item)}>
                          {t.integrations.rotate}
                        </button>
                        <button
                          type="button"
                          class={item.enabled ? 'btn btn-danger' : 'btn'}
                          disabled={busy}
                          onClick={() => void setEnabled(item, !item.enabled)}
                        >
                          {item.enabled ? t.integrations.disable : t.integrations.enable}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="integration-create-title">
        <h2 id="integration-create-title">{t.integrations.createTitle}</h2>
        <Form
          form={form}
          submitLabel={t.integrations.create}
          onSubmit={async (values) => {
            const created = await api<OneStopSecret>(BASE, {
              method: 'POST',
              body: { name: values.name.trim() },
            });
            setSecret({ ...created, name: created.name ?? values.name });
            form.replace({ name: '' });
            toast(t.integrations.created);
            reload();
          }}
        >
          <Field
            form={form}
            name="name"
            label={t.integrations.name}
            hint={t.integrations.nameHint}
            required
          />
        </Form>
      </section>
    </>
  );
}
