import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../../app';
import { api, isAbort } from '../../api/client';
import type { BroadcastProgress, PageOf } from '../../api/types';
import { ErrorState, Loading } from '../../components/States';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { broadcastStatusLabel, formatCount, messageTypeLabel } from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { Link } from '../../lib/router';
import { asApiError } from '../../lib/use-api';
import type { ApiError } from '../../api/client';
import { NotifyTabs } from './NotifyTabs';

const ACTIVE = new Set(['scheduled', 'running']);

export default function BroadcastList({ officer }: ScreenProps) {
  usePageTitle(t.notify.broadcasts);
  const [rows, setRows] = useState<BroadcastProgress[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const page = await api<PageOf<BroadcastProgress>>('/api/admin/broadcasts?pageSize=50', {
          signal: controller.signal,
        });
        const list = page.items;
        setRows(list);
        setError(null);
        // Keep the progress of running broadcasts fresh.
        if (list.some((b) => ACTIVE.has(b.status))) timer = setTimeout(() => void load(), 5000);
      } catch (e) {
        if (!isAbort(e)) setError(asApiError(e));
      }
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [attempt]);

  return (
    <>
      <div class="page-head">
        <h1>{t.notify.broadcasts}</h1>
        <Link to="/notifications/broadcasts/new" class="btn btn-primary">
          {t.notify.newBroadcast}
        </Link>
      </div>
      <NotifyTabs officer={officer} />
      <p class="muted">{t.notify.broadcastsIntro}</p>
      {error ? (
        <ErrorState error={error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : !rows ? (
        <Loading />
      ) : (
        <>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t.notify.broadcasts}>
            <table id="broadcasts">
              <thead>
                <tr>
                  <th scope="col">{t.notify.runAt}</th>
                  <th scope="col">{t.notify.broadcastType}</th>
                  <th scope="col">{t.notify.status}</th>
                  <th scope="col" class="num">
                    {t.notify.recipients}
                  </th>
                  <th scope="col" class="num">
                    {t.notify.sent}
                  </th>
                  <th scope="col" class="num">
                    {t.notify.failed}
                  </th>
                  <th scope="col" class="num">
                    {t.notify.pending}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={7} class="table-empty">
                      {t.notify.noBroadcasts}
                    </td>
                  </tr>
                )}
                {rows.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <Link to={`/notifications/broadcasts/${b.id}`}>{formatDateTime(b.runAt)}</Link>
                    </th>
                    <td>
                      {messageTypeLabel(b.type)}
                      {b.title && <div class="muted small">{b.title}</div>}
                    </td>
                    <td>{broadcastStatusLabel(b.status)}</td>
                    <td class="num">{formatCount(b.recipients)}</td>
                    <td class="num">{formatCount(b.sent)}</td>
                    <td class="num">{formatCount(b.failed)}</td>
                    <td class="num">{formatCount(b.pending)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
