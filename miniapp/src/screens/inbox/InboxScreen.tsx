import { useState } from 'preact/hooks';
import type { InboxMessage } from '../../api/types';
import { Button } from '../../components/Button';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, RequestView } from '../../components/States';
import { Tabs } from '../../components/Tabs';
import { useAction, useRequest } from '../../hooks/useRequest';
import { usePersistentState } from '../../hooks/usePersistentState';
import { formatDateTime, t } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { routeStore } from '../../state/router';
import { showToast } from '../../state/toast';
import { refreshUnread } from '../../state/unread';
import { fetchInbox, markAllRead } from './inbox-api';
import { MessageView } from './MessageView';

type Tab = 'all' | 'unread';

/** Unread: bold title AND the words "Chưa đọc", never colour alone. */
function MessageRow(props: { message: InboxMessage }) {
  const { message } = props;
  const unread = message.readAt === null;
  return (
    <li class={unread ? 'message message-unread' : 'message'}>
      <Link page="inbox" params={{ id: message.id }} class="message-link">
        {unread && <span class="tag">{t('inbox.unreadBadge')}</span>}
        <span class="message-title">{message.title}</span>
        <span class="muted">{formatDateTime(message.createdAt)}</span>
      </Link>
    </li>
  );
}

function InboxList() {
  const [tab, setTab] = usePersistentState<Tab>('inbox.tab', 'all');
  const [more, setMore] = useState<InboxMessage[][]>([]);
  const [version, setVersion] = useState(0);
  const first = useRequest(
    (signal) => {
      setMore([]);
      return fetchInbox(1, tab === 'unread', signal);
    },
    [tab, version],
  );
  const loadMore = useAction();
  const readAll = useAction();

  const showMore = async () => {
    const reply = await loadMore.run(() => fetchInbox(more.length + 2, tab === 'unread'));
    if (reply) setMore((pages) => [...pages, reply.items]);
  };
  const markAll = async () => {
    const done = await readAll.run(async () => {
      await markAllRead();
      return true;
    });
    if (done) {
      showToast(t('inbox.readAllDone'));
      setVersion((v) => v + 1);
      void refreshUnread();
    }
  };

  return (
    <div class="screen">
      <ScreenTitle>{t('inbox.title')}</ScreenTitle>
      <Tabs
        id="inbox-tabs"
        label={t('inbox.title')}
        items={[
          { key: 'all', label: t('inbox.all') },
          { key: 'unread', label: t('inbox.unreadTab') },
        ]}
        selected={tab}
        onSelect={setTab}
      />
      <div id="inbox-tabs-panel" role="tabpanel" aria-labelledby={`inbox-tabs-${tab}`}>
        <RequestView request={first}>
          {(page) => {
            const items = [page.items, ...more].flat();
            if (items.length === 0) {
              return <EmptyState>{t(tab === 'unread' ? 'inbox.emptyUnread' : 'inbox.empty')}</EmptyState>;
            }
            return (
              <>
                {page.unread > 0 && (
                  <Button variant="secondary" icon="check" busy={readAll.busy} onClick={() => void markAll()}>
                    {t('inbox.readAll')}
                  </Button>
                )}
                <ul class="messages">
                  {items.map((message) => (
                    <MessageRow key={message.id} message={message} />
                  ))}
                </ul>
                {items.length < page.total && (
                  <Button variant="secondary" busy={loadMore.busy} onClick={() => void showMore()}>
                    {t('common.loadMore')}
                  </Button>
                )}
                {(loadMore.error ?? readAll.error) && (
                  <p class="form-error" role="alert">
                    {(loadMore.error ?? readAll.error)!.message}
                  </p>
                )}
              </>
            );
          }}
        </RequestView>
      </div>
    </div>
  );
}

/** `?page=inbox` lists messages; `?page=inbox&id=…` opens one (a link that survives reloads and shares). */
export default function InboxScreen() {
  const { params } = useStore(routeStore);
  return params.id ? <MessageView key={params.id} id={params.id} /> : <InboxList />;
}
