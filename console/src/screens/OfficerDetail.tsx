import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app';
import { api } from '../api/client';
import type { OfficerView, OfficerWriteResponse } from '../api/types';
import { confirmAction } from '../components/ConfirmDialog';
import { DetailView } from '../components/DetailView';
import { EntityHistory } from '../components/EntityHistory';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/Toast';
import { t } from '../i18n';
import { isProvinceAdmin } from '../lib/access';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/page-title';
import { Link } from '../lib/router';
import { asApiError, useApi } from '../lib/use-api';
import { OfficerStatus, RoleList } from './officer-status';
import { TemporaryPassword } from './TemporaryPassword';

export default function OfficerDetail({ officer: me, params }: ScreenProps) {
  const id = params.id!;
  const [state, reload] = useApi<OfficerView>(`/api/admin/officers/${encodeURIComponent(id)}`);
  const [busy, setBusy] = useState(false);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const officer = state.data;
  usePageTitle(officer?.fullName ?? t.officers.title);

  /** One PATCH after a confirmation; the server's refusal (last province admin…) becomes a toast. */
  const act = async (
    confirm: { message: string; confirmLabel: string; danger: boolean },
    body: object,
    done: (r: OfficerWriteResponse) => void,
  ) => {
    if (!(await confirmAction(confirm))) return;
    setBusy(true);
    try {
      done(await api<OfficerWriteResponse>(`/api/admin/officers/${id}`, { method: 'PATCH', body }));
      reload();
      setHistoryKey((k) => k + 1);
    } catch (error) {
      toast(asApiError(error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link to="/officers">← {t.officers.title}</Link>
      </p>
      <h1>{officer?.fullName ?? t.officers.title}</h1>
      {temporary && officer && <TemporaryPassword username={officer.username} password={temporary} />}
      {state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !officer ? (
        <Loading />
      ) : (
        <>
          <DetailView
            title={t.officers.openDetail}
            actions={
              <>
                <Link to={`/officers/${id}/edit`} class="btn btn-primary">
                  {t.edit}
                </Link>
                <button
                  type="button"
                  class="btn"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      {
                        message: t.officers.resetConfirm(officer.fullName),
                        confirmLabel: t.officers.resetPassword,
                        danger: true,
                      },
                      { resetPassword: true },
                      (r) => setTemporary(r.temporaryPassword ?? null),
                    )
                  }
                >
                  {t.officers.resetPassword}
                </button>
                {officer.id !== me.id && (
                  <button
                    type="button"
                    class={officer.disabled ? 'btn' : 'btn btn-danger'}
                    disabled={busy}
                    onClick={() =>
                      void (officer.disabled
                        ? act(
                            {
                              message: t.officers.enableConfirm(officer.fullName),
                              confirmLabel: t.officers.enable,
                              danger: false,
                            },
                            { disabled: false },
                            () => toast(t.officers.enabledDone),
                          )
                        : act(
                            {
                              message: t.officers.disableConfirm(officer.fullName),
                              confirmLabel: t.officers.disable,
                              danger: true,
                            },
                            { disabled: true },
                            () => toast(t.officers.disabledDone),
                          ))
                    }
                  >
                    {officer.disabled ? t.officers.enable : t.officers.disable}
                  </button>
                )}
              </>
            }
            fields={[
              { label: t.officers.username, value: officer.username },
              { label: t.officers.fullName, value: officer.fullName },
              { label: t.officers.email, value: officer.email ?? t.none },
              { label: t.officers.phone, value: officer.phone ?? t.none },
              { label: t.officers.status, value: <OfficerStatus officer={officer} /> },
              { label: t.officers.roles, value: <RoleList roles={officer.roles} /> },
              { label: t.officers.createdAt, value: formatDateTime(officer.createdAt) },
            ]}
          />
          {isProvinceAdmin(me) && (
            <EntityHistory
              key={historyKey}
              entityType="officer"
              entityId={officer.id}
              title={t.officers.history}
            />
          )}
        </>
      )}
    </>
  );
}
