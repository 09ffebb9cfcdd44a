import type { ScreenProps } from '../../app';
import type { NotificationTimeline } from '../../api/types';
import { DetailView } from '../../components/DetailView';
import { ErrorState, Loading } from '../../components/States';
import { Timeline, type TimelineEvent } from '../../components/Timeline';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import {
  channelLabel,
  explainErrorCode,
  formatMoney,
  messageTypeLabel,
  notifyStatusLabel,
} from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import { NotifyTabs } from './NotifyTabs';

/** One step of the timeline in words: the status, then what its detail says (channel, code, cost…). */
function eventOf(event: NotificationTimeline['events'][number], index: number): TimelineEvent {
  const d = event.detail;
  const lines: string[] = [];
  if (typeof d.channel === 'string') lines.push(t.notify.eventChannel(channelLabel(d.channel)));
  if (Array.isArray(d.plan) && d.plan.length > 0) {
    lines.push(t.notify.eventPlan((d.plan as string[]).map(channelLabel).join(' → ')));
  }
  if (typeof d.code === 'string') lines.push(`${explainErrorCode(d.code)} (${d.code})`);
  if (typeof d.attempt === 'number') lines.push(t.notify.eventAttempt(d.attempt));
  if (typeof d.nextAttemptAt === 'string')
    lines.push(t.notify.eventNextAttempt(formatDateTime(d.nextAttemptAt)));
  if (typeof d.segments === 'number' && d.segments > 1) lines.push(t.notify.eventSegments(d.segments));
  if (typeof d.cost === 'number') lines.push(t.notify.eventCost(formatMoney(d.cost)));
  if (d.uncertain === true) lines.push(t.notify.eventUncertain);
  return {
    id: `${index}`,
    at: event.at,
    actor: '',
    title: notifyStatusLabel(event.status),
    body:
      lines.length > 0 ? (
        <ul class="plain small">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : undefined,
  };
}

export default function NotificationDetail({ officer, params }: ScreenProps) {
  const [state, reload] = useApi<NotificationTimeline>(
    `/api/admin/notifications/${encodeURIComponent(params.id!)}`,
  );
  usePageTitle(t.notify.detailTitle);
  const n = state.data;

  let body;
  if (state.status === 'error') body = <ErrorState error={state.error} onRetry={reload} />;
  else if (!n) body = <Loading />;
  else {
    body = (
      <>
        <DetailView
          title={messageTypeLabel(n.type)}
          fields={[
            { label: t.notify.id, value: <code class="id">{n.id}</code> },
            { label: t.notify.createdAt, value: formatDateTime(n.createdAt) },
            {
              label: t.notify.status,
              value: <span class={`notify-status notify-${n.status}`}>{notifyStatusLabel(n.status)}</span>,
            },
            { label: t.notify.channel, value: channelLabel(n.channel) },
            {
              label: t.notify.remainingPlan,
              value: n.remainingPlan.length > 0 ? n.remainingPlan.map(channelLabel).join(' → ') : t.none,
            },
            { label: t.notify.legal, value: n.legal ? t.notify.legalYes : t.no },
            {
              label: t.notify.citizen,
              value: n.citizenId ? <code class="id">{n.citizenId}</code> : t.none,
            },
          ]}
        />
        <section class="panel" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">{t.notify.deliveries}</h2>
          {n.deliveries.length === 0 ? (
            <p class="muted">{t.notify.noDeliveries}</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={t.notify.deliveries}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.notify.channel}</th>
                    <th scope="col">{t.notify.status}</th>
                    <th scope="col" class="num">
                      {t.notify.attempts}
                    </th>
                    <th scope="col">{t.notify.errorCode}</th>
                    <th scope="col" class="num">
                      {t.notify.segments}
                    </th>
                    <th scope="col" class="num">
                      {t.notify.cost}
                    </th>
                    <th scope="col">{t.notify.createdAt}</th>
                    <th scope="col">{t.notify.sentAt}</th>
                    <th scope="col">{t.notify.deliveredAt}</th>
                  </tr>
                </thead>
                <tbody>
                  {n.deliveries.map((d) => (
                    <tr key={d.id} data-delivery={d.channel}>
                      <th scope="row">{channelLabel(d.channel)}</th>
                      <td>{notifyStatusLabel(d.status)}</td>
                      <td class="num">{d.attempts}</td>
                      <td>
                        {d.errorCode ? (
                          <>
                            {explainErrorCode(d.errorCode)} <code class="small">{d.errorCode}</code>
                          </>
                        ) : (
                          t.none
                        )}
                      </td>
                      <td class="num">{d.segments ?? t.none}</td>
                      <td class="num">{formatMoney(d.cost)}</td>
                      <td>{formatDateTime(d.createdAt)}</td>
                      <td>{formatDateTime(d.sentAt)}</td>
                      <td>{formatDateTime(d.deliveredAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section class="panel" aria-labelledby="notify-timeline-title">
          <h2 id="notify-timeline-title">{t.notify.timeline}</h2>
          <Timeline events={n.events.map(eventOf)} empty={t.notify.timelineEmpty} />
        </section>
      </>
    );
  }

  return (
    <>
      <p class="breadcrumb">
        <Link to="/notifications">← {t.notify.log}</Link>
      </p>
      <h1>{t.notify.detailTitle}</h1>
      <NotifyTabs officer={officer} />
      {body}
    </>
  );
}
