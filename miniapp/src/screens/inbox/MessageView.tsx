import { useEffect } from 'preact/hooks';
import { Icon } from '../../components/Icon';
import { Link } from '../../components/Link';
import { ScreenTitle } from '../../components/ScreenTitle';
import { EmptyState, RequestView } from '../../components/States';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime, t } from '../../i18n/i18n';
import { refreshUnread } from '../../state/unread';
import { findMessage, markRead } from './inbox-api';

/** One message in full; opening it marks it read. A message about a dossier links to that screen. */
export function MessageView(props: { id: string }) {
  const request = useRequest((signal) => findMessage(props.id, signal), [props.id]);
  const message = request.data;

  useEffect(() => {
    if (message && message.readAt === null) {
      markRead(message)
        .then(() => refreshUnread())
        .catch(() => {
          // Stays unread; it will be marked next time it is opened.
        });
    }
  }, [message]);

  return (
    <div class="screen">
      <RequestView request={request}>
        {(found) =>
          found ? (
            <article class="message-full">
              <ScreenTitle>{found.title}</ScreenTitle>
              <p class="muted">{formatDateTime(found.createdAt)}</p>
              <p class="message-body">{found.body}</p>
              {found.link && (
                <Link page={found.link.page} params={found.link.params} class="btn btn-primary">
                  <Icon name="forward" />
                  <span>{t('inbox.openLink')}</span>
                </Link>
              )}
            </article>
          ) : (
            <>
              <ScreenTitle>{t('inbox.title')}</ScreenTitle>
              <EmptyState>{t('inbox.notFound')}</EmptyState>
            </>
          )
        }
      </RequestView>
      <Link page="inbox" class="row-link">
        <Icon name="back" />
        <span>{t('inbox.backToList')}</span>
      </Link>
    </div>
  );
}
