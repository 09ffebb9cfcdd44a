import type { ScreenProps } from '../../app';
import type { NotificationLogItem } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { channelLabel, messageTypeLabel, notifyStatusLabel, periodToApi } from '../../lib/notify-format';
import { usePageTitle } from '../../lib/page-title';
import { NotifyTabs } from './NotifyTabs';

const COLUMNS: Column<NotificationLogItem>[] = [
  { key: 'createdAt', label: t.notify.at, primary: true, render: (n) => formatDateTime(n.createdAt) },
  {
    key: 'type',
    label: t.notify.type,
    render: (n) => (
      <>
        {messageTypeLabel(n.type)}
        {n.title && <span class="muted small block">{n.title}</span>}
      </>
    ),
  },
  {
    key: 'citizen',
    label: t.notify.citizen,
    render: (n) =>
      n.citizenName || n.phone ? (
        <>
          {n.citizenName ?? t.none}
          {n.phone && <span class="muted small block">{n.phone}</span>}
        </>
      ) : (
        t.none
      ),
  },
  { key: 'channel', label: t.notify.channel, render: (n) => channelLabel(n.channel) },
  {
    key: 'status',
    label: t.notify.status,
    render: (n) => <span class={`notify-status notify-${n.status}`}>{notifyStatusLabel(n.status)}</span>,
  },
];

const STATUSES = ['created', 'sending', 'sent', 'delivered', 'failed', 'inbox_only'];

/** Days picked in the filter are whole days in Viet Nam; the API takes instants (to is exclusive). */
function toApi(filters: Record<string, string>): Record<string, string> {
  const { from, to, ...rest } = filters;
  const range = periodToApi(from || '2000-01-01', to || '2000-01-01');
  return { ...rest, ...(from && { from: range.from }), ...(to && { to: range.to }) };
}

/** The message log: every notice of the province, with its type, recipient, channel and status. */
export default function NotificationList({ officer }: ScreenProps) {
  usePageTitle(t.notify.log);
  return (
    <>
      <h1>{t.notify.title}</h1>
      <NotifyTabs officer={officer} />
      <p class="muted">{t.notify.logIntro}</p>
      <DataTable<NotificationLogItem>
        id="notifications"
        endpoint="/api/admin/notifications"
        caption={t.notify.log}
        columns={COLUMNS}
        rowKey={(n) => n.id}
        rowHref={(n) => `/notifications/${n.id}`}
        toApi={toApi}
        filters={[
          { kind: 'search', name: 'q', label: t.table.search, placeholder: t.notify.searchPlaceholder },
          {
            kind: 'select',
            name: 'type',
            label: t.notify.type,
            options: Object.entries(t.notify.types).map(([value, label]) => ({ value, label })),
          },
          {
            kind: 'select',
            name: 'channel',
            label: t.notify.channel,
            options: ['oa', 'zns', 'sms'].map((value) => ({ value, label: channelLabel(value) })),
          },
          {
            kind: 'select',
            name: 'status',
            label: t.notify.status,
            options: STATUSES.map((value) => ({ value, label: notifyStatusLabel(value) })),
          },
          { kind: 'date', name: 'from', label: t.table.from },
          { kind: 'date', name: 'to', label: t.table.to },
        ]}
      />
    </>
  );
}
