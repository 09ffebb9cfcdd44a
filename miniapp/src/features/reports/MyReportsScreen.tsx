import { useEffect } from 'preact/hooks';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, RequestView } from '../../components/States';
import { useAction, useRequest } from '../../hooks/useRequest';
import { formatDateTime, t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { listMyReports } from './api';
import { flushOutbox, listOutbox, outboxStore, removeFromOutbox, type OutboxEntry } from './outbox';
import { ReportImage, StateTag, useReportsStyles } from './parts';
import { r } from './strings';

function PendingList(props: { entries: OutboxEntry[]; onSent(): void }) {
  const action = useAction();
  if (props.entries.length === 0) return null;
  const sendNow = async () => {
    await action.run(() => flushOutbox());
    props.onSent();
  };
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{r('mine.pending')}</h2>
      <p class="muted">{r('mine.pendingHint')}</p>
      <ul class="list">
        {props.entries.map((entry) => (
          <li key={entry.key} class="list-row report-pending" data-pending={entry.key}>
            <strong>{entry.categoryName}</strong>
            <span>
              <StateTag state="pending" label={r('mine.pending')} />
            </span>
            <span>{entry.input.description}</span>
            <span class="muted">{formatDateTime(entry.savedAt)}</span>
            {entry.error && (
              <p class="field-error">
                <strong>!</strong> {entry.error}
              </p>
            )}
            {entry.error && (
              <Button variant="quiet" icon="trash" onClick={() => void removeFromOutbox(entry.key)}>
                {t('form.remove')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Button variant="secondary" icon="send" busy={action.busy} onClick={() => void sendNow()}>
        {r('mine.sendNow')}
      </Button>
    </section>
  );
}

/** Phản ánh của tôi: reports I sent or follow, with their status and the agency's answer. */
export default function MyReportsScreen() {
  useReportsStyles();
  const pending = useStore(outboxStore);
  const reports = useRequest((signal) => listMyReports(1, signal), []);

  useEffect(() => {
    // Something saved offline may go now; the list then shows it with its code.
    void listOutbox()
      .then((entries) => (entries.length ? flushOutbox().then(reports.retry) : undefined))
      .catch(() => undefined);
    const online = () => void flushOutbox().then(reports.retry);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  return (
    <div class="screen">
      <ScreenTitle>{r('mine.title')}</ScreenTitle>
      <Link page="gui-phan-anh" class="btn btn-primary">
        <Icon name="camera" />
        <span>{r('hub.new')}</span>
      </Link>
      <PendingList entries={pending} onSent={reports.retry} />
      <RequestView request={reports}>
        {(page) =>
          page.items.length === 0 && pending.length === 0 ? (
            <EmptyState>{r('mine.none')}</EmptyState>
          ) : (
            <ul class="list my-reports">
              {page.items.map((item) => (
                <li key={item.id} data-code={item.code}>
                  <Link class="list-link report-item" page="phan-anh" params={{ id: item.id }}>
                    {item.photoUrl && <ReportImage url={item.photoUrl} alt="" />}
                    <span class="list-text">
                      <strong>{item.category.name}</strong>
                      <span>
                        <span class="code">{item.code}</span>{' '}
                        <StateTag state={item.state} label={item.stateLabel} />
                        {!item.mine && item.following && (
                          <span class="tag tag-quiet">{r('mine.followed')}</span>
                        )}
                      </span>
                      {item.description && <span>{item.description}</span>}
                      <span class="muted">
                        {r('mine.submittedOn', { at: formatDateTime(item.submittedAt) })}
                      </span>
                      {item.answer && (
                        <span class="report-answer">
                          <strong>{r('mine.answer')}:</strong> {item.answer}
                        </span>
                      )}
                    </span>
                    <Icon name="forward" />
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </RequestView>
    </div>
  );
}
