import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Open311Client, Open311ClientIssued } from '../../api/reports-types';
import { confirmAction } from '../../components/ConfirmDialog';
import { CopyValue } from '../../components/CopyValue';
import { Field, Form, useForm } from '../../components/Form';
import { ErrorState, Loading } from '../../components/States';
import { toast } from '../../components/Toast';
import { formatDateTime } from '../../lib/format';
import { rt } from '../../lib/reports-text';
import { asApiError, useApi } from '../../lib/use-api';
import { itemsOf } from './ReportConfig';

const BASE = '/api/admin/open311-clients';

/** Open311 clients: issue a key (shown once, with a copy button and a warning), revoke one. */
export function ConfigOpen311() {
  const [state, reload] = useApi<Open311Client[] | { items: Open311Client[] }>(BASE);
  const clients = itemsOf(state.data);
  const [issued, setIssued] = useState<Open311ClientIssued | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({ name: '' });

  const issue = async (values: { name: string }) => {
    const created = await api<Open311ClientIssued>(BASE, {
      method: 'POST',
      body: { name: values.name.trim() },
    });
    setIssued(created);
    form.replace({ name: '' });
    reload();
  };

  const revoke = async (client: Open311Client) => {
    if (
      !(await confirmAction({
        message: rt.revokeConfirm(client.name),
        confirmLabel: rt.revoke,
        danger: true,
      }))
    )
      return;
    setBusy(true);
    try {
      await api(`${BASE}/${encodeURIComponent(client.id)}`, { method: 'DELETE' });
      toast(rt.revoked);
      reload();
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const key = issued ? (issued.key ?? issued.apiKey ?? '') : '';
  return (
    <>
      {issued && key && (
        <section class="panel secret-box" role="alert" aria-labelledby="key-title">
          <h2 id="key-title">{rt.keyTitle}</h2>
          <p>
            <strong>{rt.keyWarning}</strong>
          </p>
          <CopyValue label={rt.keyLabel(issued.name)} value={key} />
          <div class="actions">
            <button type="button" class="btn btn-primary" onClick={() => setIssued(null)}>
              {rt.keyDone}
            </button>
          </div>
        </section>
      )}
      <section class="panel" aria-labelledby="clients-title">
        <h2 id="clients-title">{rt.clientsTitle}</h2>
        {state.status === 'error' && !state.data ? (
          <ErrorState error={state.error} onRetry={reload} />
        ) : !state.data ? (
          <Loading />
        ) : clients.length === 0 ? (
          <p class="muted">{rt.noClients}</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="clients-title">
            <table id="open311-clients">
              <thead>
                <tr>
                  <th scope="col">{rt.clientName}</th>
                  <th scope="col">{rt.createdAt}</th>
                  <th scope="col">{rt.lastUsed}</th>
                  <th scope="col">{rt.status}</th>
                  <th scope="col">{rt.actionsCol}</th>
                </tr>
              </thead>
              <tbody>
                {clients.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.name} {c.keyPrefix && <code class="small">{c.keyPrefix}…</code>}
                    </th>
                    <td>{formatDateTime(c.createdAt)}</td>
                    <td>{formatDateTime(c.lastUsedAt)}</td>
                    <td>
                      {c.revokedAt ? (
                        <span class="badge badge-off">{rt.revoked}</span>
                      ) : (
                        <span class="badge badge-on">{rt.active}</span>
                      )}
                    </td>
                    <td>
                      {!c.revokedAt && (
                        <button
                          type="button"
                          class="btn btn-danger"
                          disabled={busy}
                          onClick={() => void revoke(c)}
                        >
                          {rt.revoke}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="issue-title">
        <h2 id="issue-title">{rt.issueKey}</h2>
        <Form
          form={form}
          onSubmit={issue}
          submitLabel={rt.issueKey}
          codeFields={{ OPEN311_CLIENT_EXISTS: 'name' }}
        >
          <Field form={form} name="name" label={rt.clientName} required maxLength={200} />
        </Form>
      </section>
    </>
  );
}
