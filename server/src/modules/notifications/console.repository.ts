import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { NotificationStatus, NotifyChannel } from '../../db/schema.js';
import { normalizeVietnamesePhone } from '../../integrations/sms/phone.js';
import { maskPersonalData } from '../../platform/logging/redact.js';

/** The console's view of notifications: the message log, one notice's timeline, the cost report. */
export interface LogFilter {
  status?: NotificationStatus;
  channel?: NotifyChannel;
  type?: string;
  /** A phone number (any form), part of a name, or a notification id. */
  q?: string;
  from?: string;
  to?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filtered(db: Db, tenantId: string, f: LogFilter) {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('citizens as c', 'c.id', 'n.citizen_id')
    .leftJoin('inbox_messages as m', 'm.id', 'n.inbox_message_id')
    .where('n.tenant_id', '=', tenantId);
  if (f.status) query = query.where('n.status', '=', f.status);
  if (f.channel) query = query.where('n.channel', '=', f.channel);
  if (f.type) query = query.where('n.type', '=', f.type);
  if (f.from) query = query.where('n.created_at', '>=', new Date(f.from));
  if (f.to) query = query.where('n.created_at', '<', new Date(f.to));
  const q = f.q?.trim();
  if (q) {
    const phone = normalizeVietnamesePhone(q);
    if (UUID.test(q)) query = query.where('n.id', '=', q);
    else if (phone) query = query.where('c.phone', '=', phone);
    else query = query.where('c.display_name', 'ilike', `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  }
  return query;
}

export async function listNotifications(
  db: Db,
  tenantId: string,
  f: LogFilter & { page: number; pageSize: number },
) {
  const [rows, total] = await Promise.all([
    filtered(db, tenantId, f)
      .select([
        'n.id',
        'n.type',
        'n.status',
        'n.channel',
        'n.legal',
        'n.citizen_id',
        'n.broadcast_id',
        'n.created_at',
        'n.updated_at',
        'c.display_name',
        'c.phone',
        'm.title',
      ])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    filtered(db, tenantId, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      status: r.status,
      channel: r.channel,
      legal: r.legal,
      citizenId: r.citizen_id,
      citizenName: r.display_name,
      // The log is read by many officers: the number is shown masked, search still takes it whole.
      phone: r.phone ? maskPersonalData(r.phone) : null,
      broadcastId: r.broadcast_id,
      title: r.title,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    })),
    total: toCount(total.n),
    page: f.page,
    pageSize: f.pageSize,
  };
}

export async function notificationTimeline(db: Db, tenantId: string, id: string) {
  const notification = await db
    .selectFrom('notifications')
    .select(['id', 'type', 'status', 'channel', 'legal', 'citizen_id', 'plan', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!notification) return undefined;
  const [deliveries, events] = await Promise.all([
    db
      .selectFrom('notification_deliveries')
      .select([
        'id',
        'channel',
        'status',
        'attempts',
        'error_code',
        'segments',
        'cost',
        'created_at',
        'sent_at',
        'delivered_at',
      ])
      .where('notification_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('notification_events')
      .select(['at', 'status', 'delivery_id', 'detail'])
      .where('notification_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: notification.id,
    type: notification.type,
    status: notification.status,
    channel: notification.channel,
    legal: notification.legal,
    citizenId: notification.citizen_id,
    remainingPlan: notification.plan,
    createdAt: notification.created_at.toISOString(),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      channel: d.channel,
      status: d.status,
      attempts: d.attempts,
      errorCode: d.error_code,
      segments: d.segments,
      cost: d.cost,
      createdAt: d.created_at.toISOString(),
      sentAt: iso(d.sent_at),
      deliveredAt: iso(d.delivered_at),
    })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      status: e.status,
      deliveryId: e.delivery_id,
      detail: e.detail ?? {},
    })),
  };
}

export interface CostLine {
  key: string;
  messages: number;
  delivered: number;
  segments: number;
  cost: number;
  allSmsCost: number;
}

/**
 * What was sent in [from, to) and what it cost, from the ledger alone (one row per accepted send),
 * grouped by channel and by type. The saving is what the same messages would have cost as SMS
 * minus what they cost: Long An's "4,694 messages × 350 VND" figure.
 */
export async function costReport(db: Db, tenantId: string, from: Date, to: Date) {
  const grouped = (column: 'channel' | 'type') =>
    db
      .selectFrom('notification_ledger as l')
      .innerJoin('notification_deliveries as d', 'd.id', 'l.delivery_id')
      .select([
        `l.${column} as key`,
        (eb) => eb.fn.countAll().as('messages'),
        sql<number>`count(*) filter (where d.status = 'delivered')`.as('delivered'),
        sql<number>`coalesce(sum(l.segments), 0)`.as('segments'),
        sql<number>`coalesce(sum(l.cost), 0)`.as('cost'),
        sql<number>`coalesce(sum(l.sms_equivalent_cost), 0)`.as('all_sms_cost'),
      ])
      .where('l.tenant_id', '=', tenantId)
      .where('l.at', '>=', from)
      .where('l.at', '<', to)
      .groupBy(`l.${column}`)
      .orderBy(`l.${column}`)
      .execute();
  const [byChannel, byType] = await Promise.all([grouped('channel'), grouped('type')]);
  const line = (r: (typeof byChannel)[number]): CostLine => ({
    key: String(r.key),
    messages: toCount(r.messages),
    delivered: Number(r.delivered),
    segments: Number(r.segments),
    cost: Number(r.cost),
    allSmsCost: Number(r.all_sms_cost),
  });
  const channels = byChannel.map(line);
  const total = channels.reduce(
    (t, c) => ({
      messages: t.messages + c.messages,
      delivered: t.delivered + c.delivered,
      segments: t.segments + c.segments,
      cost: t.cost + c.cost,
      allSmsCost: t.allSmsCost + c.allSmsCost,
    }),
    { messages: 0, delivered: 0, segments: 0, cost: 0, allSmsCost: 0 },
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    currency: 'VND' as const,
    totals: {
      ...total,
      deliveryRate:
        total.messages === 0 ? 0 : Math.round((total.delivered / total.messages) * 10_000) / 10_000,
      saving: total.allSmsCost - total.cost,
    },
    byChannel: channels.map((c) => ({ ...c, channel: c.key })),
    byType: byType.map(line).map((t) => ({ ...t, type: t.key })),
  };
}
