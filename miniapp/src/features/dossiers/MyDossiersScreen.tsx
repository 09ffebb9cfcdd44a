import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { formatDateTime, t } from '../../i18n/i18n';
import { showToast } from '../../state/toast';
import { deleteDraft, listDrafts, listMyDossiers, nameOf } from './api';
import { formatDate } from './format';
import { StatusTag } from './parts';

/** Hồ sơ của tôi: my dossiers with their status in words, and the drafts I can continue. */
export default function MyDossiersScreen() {
  const dossiers = useRequest((signal) => listMyDossiers({ page: 1 }, signal), []);
  const drafts = useRequest((signal) => listDrafts(signal), []);
  const remove = useAction();
  const removeDraft = async (id: string) => {
    await remove.run(() => deleteDraft(id));
    showToast(t('dos.draftDeleted'));
    drafts.retry();
  };
  return (
    <div class="screen">
      <ScreenTitle>{t('dossiers.mine')}</ScreenTitle>
      <Link page="tra-cuu-thu-tuc" params={{ muc: 'nop' }} class="btn btn-primary">
        <Icon name="send" />
        <span>{t('dos.newDossier')}</span>
      </Link>
      <section aria-labelledby="dossiers-title">
        <h2 id="dossiers-title">{t('dos.submitted')}</h2>
        <RequestView request={dossiers}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{t('dos.none')}</EmptyState>
            ) : (
              <ul class="list dossiers">
                {page.items.map((d) => (
                  <li key={d.id} data-code={d.code}>
                    <Link class="list-link" page="ho-so" params={{ id: d.id }}>
                      <span class="list-text">
                        <strong>{nameOf(d.procedure)}</strong>
                        <span>
                          {t('dos.code')}: <span class="code">{d.code}</span>
                        </span>
                        <span>
                          {t('dos.statusLabel')} <StatusTag status={d.status} />
                        </span>
                        <span class="muted">
                          {t('dos.submittedOn', { date: formatDate(d.submittedAt) })}
                          {d.dueAt ? ` · ${t('dos.dueOn', { date: formatDate(d.dueAt) })}` : ''}
                        </span>
                      </span>
                      <Icon name="forward" />
                    </Link>
                  </li>
                ))}
              </ul>
            )
          }
        </RequestView>
      </section>
      <section aria-labelledby="drafts-title" id="drafts">
        <h2 id="drafts-title">{t('dos.drafts')}</h2>
        <RequestView request={drafts}>
          {(list) =>
            list.length === 0 ? (
              <p class="muted">{t('dos.noDrafts')}</p>
            ) : (
              <ul class="list drafts">
                {list.map((draft) => (
                  <li key={draft.id} class="list-row draft">
                    <strong>{draft.procedureName}</strong>
                    <span class="muted">{t('dos.draftSaved', { at: formatDateTime(draft.updatedAt) })}</span>
                    <div class="actions actions-row">
                      <Link
                        page="nop-ho-so"
                        params={{ procedureId: draft.procedureId, draftId: draft.id }}
                        class="btn btn-secondary"
                      >
                        <span>
                          {t('dos.continueDraft')}
                          <span class="visually-hidden">: {draft.procedureName}</span>
                        </span>
                      </Link>
                      <Button
                        variant="quiet"
                        icon="trash"
                        busy={remove.busy}
                        onClick={() => void removeDraft(draft.id)}
                      >
                        {t('dos.deleteDraft')}
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </RequestView>
        {remove.error && (
          <p class="form-error" role="alert">
            {remove.error.message}
          </p>
        )}
      </section>
    </div>
  );
}
