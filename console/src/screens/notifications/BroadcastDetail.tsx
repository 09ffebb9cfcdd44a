import { useEffect } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import type { BroadcastProgress } from '../../api/types';
import { DetailView } from '../../components/DetailView';
import { ErrorState, Loading } from '../../components/States';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { messageTypeLabel } from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { BroadcastProgressView } from './BroadcastProgressView';
import { NotifyTabs } from './NotifyTabs';

const POLL_MS = 3000;

/** One broadcast's progress, read again every few seconds while it is scheduled or running. */
export default function BroadcastDetail({ officer, params }: ScreenProps) {
  usePageTitle(t.notify.broadcastTitle);
  const [state, reload] = useApi<BroadcastProgress>(
    `/api/admin/broadcasts/${encodeURIComponent(params.id!)}`,
  );
  const b = state.data;
  const active = !!b && (b.status === 'scheduled' || b.status === 'running');
  useEffect(() => {
    if (!active || state.status === 'loading') return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, state]);

  return (
    <>
      <p class="breadcrumb">
        <Link to="/notifications/broadcasts">← {t.notify.broadcasts}</Link>
      </p>
      <h1>{t.notify.broadcastTitle}</h1>
      <NotifyTabs officer={officer} />
      {state.status === 'error' && !b ? (
        <ErrorState error={state.error} onRetry={reload} />
      ) : !b ? (
        <Loading />
      ) : (
        <DetailView
          title={messageTypeLabel(b.type)}
          fields={[
            { label: t.notify.runAt, value: formatDateTime(b.runAt) },
            { label: t.notify.createdAt, value: formatDateTime(b.createdAt) },
            { label: t.notify.finishedAt, value: formatDateTime(b.finishedAt) },
          ]}
        >
          <BroadcastProgressView progress={b} id="broadcast" />
          {active && <p class="muted small">{t.notify.polling}</p>}
        </DetailView>
      )}
    </>
  );
}
