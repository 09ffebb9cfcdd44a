import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { DeliveryContent, DeliveryStatus, NotifyChannel } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { sendContent, type NotifyServices, type SendOutcome } from './channels.js';
import { createDelivery, deliveryContent, enqueueRetry, znsTemplateFor } from './notify.js';
import { loadRecipient } from './routing.js';
import { loadTemplates } from './templates.js';

/**
 * One delivery attempt, run by the `notify.deliver` job:
 *   created | temporary_failure → sending → sent (→ delivered by the webhook)
 *                                        → temporary_failure (retried with backoff and jitter, 72 h)
 *                                        → permanent_failure (the next channel of the plan gets a delivery)
 * "sending" is committed before the provider is called. Finding a delivery still "sending" means a
 * worker died after calling the provider and before recording the answer. ZNS and SMS then send
 * again with the same idempotency key (our delivery id as ZNS tracking_id / SMS reference), which
 * the provider answers with the first message instead of a second one. The OA message API has no
 * such key, so an OA attempt in that state is recorded as sent with its outcome unknown and never
 * repeated: for a notice, one possibly-missing copy on OA (the inbox still has it) is better than
 * a duplicate.
 */
export const RETRY_FOR_MS = 72 * 3600_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3600_000;

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out. */
export function retryDelayMs(attempt: number, random: () => number): number {
  const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(attempt - 1, 0));
  return Math.round(delay / 2 + (random() * delay) / 2);
}

interface DeliveryRow {
  id: string;
  tenant_id: string;
  notification_id: string;
  channel: NotifyChannel;
  status: DeliveryStatus;
  content: DeliveryContent;
  attempts: number;
  type: string;
  citizen_id: string | null;
  plan: NotifyChannel[];
  notification_created_at: Date;
}

async function loadDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select([
      'd.id',
      'd.tenant_id',
      'd.notification_id',
      'd.channel',
      'd.status',
      'd.content',
      'd.attempts',
      'n.type',
      'n.citizen_id',
      'n.plan',
      'n.created_at as notification_created_at',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

async function event(
  db: Db,
  d: Pick<DeliveryRow, 'tenant_id' | 'notification_id' | 'id'>,
  status: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('notification_events')
    .values({
      tenant_id: d.tenant_id,
      notification_id: d.notification_id,
      delivery_id: d.id,
      status,
      detail: JSON.stringify(detail),
    })
    .execute();
}

export async function deliver(s: NotifyServices, deliveryId: string): Promise<void> {
  const d = await loadDelivery(s.db, deliveryId);
  if (!d || d.status === 'sent' || d.status === 'delivered' || d.status === 'permanent_failure') return;
  const uncertain = d.status === 'sending';
  if (uncertain && d.channel === 'oa') {
    await recordSent(s, d, { kind: 'sent', providerMessageId: '', segments: 1, detail: { uncertain: true } });
    return;
  }
  const claimed = await s.db
    .updateTable('notification_deliveries')
    .set({ status: 'sending', attempts: sql`attempts + 1`, updated_at: sql`now()` })
    .where('id', '=', d.id)
    .where('status', '=', d.status)
    .returning('attempts')
    .executeTakeFirst();
  if (!claimed) return;
  const attempt = claimed.attempts;
  await event(s.db, d, 'sending', { attempt, ...(uncertain ? { sameKeyAfterLostAnswer: true } : {}) });

  let lastInteractionAt: Date | null = null;
  if (d.channel === 'oa') {
    const follower = await s.db
      .selectFrom('oa_followers')
      .select('last_interaction_at')
      .where('tenant_id', '=', d.tenant_id)
      .where('oa_user_id', '=', d.content.to)
      .executeTakeFirst();
    lastInteractionAt = follower?.last_interaction_at ?? null;
  }
  const probe = { providerCalled: false };
  let outcome;
  try {
    outcome = await sendContent(
      s,
      { tenantId: d.tenant_id, deliveryId: d.id, channel: d.channel, content: d.content, lastInteractionAt },
      probe,
    );
  } catch (error) {
    // Failed before any request left (token store, limiter, database): nothing is uncertain yet.
    if (!probe.providerCalled) {
      await s.db
        .updateTable('notification_deliveries')
        .set({ status: d.status === 'sending' ? 'created' : d.status, attempts: sql`attempts - 1` })
        .where('id', '=', d.id)
        .where('status', '=', 'sending')
        .execute();
    }
    throw error;
  }
  if (outcome.kind === 'sent') return recordSent(s, d, outcome);
  const expired = s.now() - d.notification_created_at.getTime() >= RETRY_FOR_MS;
  if (outcome.kind === 'temporary' && !expired) return recordRetry(s, d, outcome.code, attempt);
  return recordPermanent(s, d, expired ? `${outcome.code} (retried for 72 h)` : outcome.code);
}

export async function recordSent(
  s: NotifyServices,
  d: DeliveryRow,
  outcome: Extract<SendOutcome, { kind: 'sent' }>,
): Promise<void> {
  const settings = await s.settings.get(d.tenant_id);
  const unit =
    d.channel === 'sms'
      ? settings.smsUnitCost
      : d.channel === 'zns'
        ? settings.znsUnitCost
        : settings.oaUnitCost;
  const cost = unit * outcome.segments;
  await withTx(s.db, async (tx) => {
    const updated = await tx
      .updateTable('notification_deliveries')
      .set({
        status: 'sent',
        provider_message_id: outcome.providerMessageId || null,
        segments: outcome.segments,
        cost,
        error_code: null,
        sent_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where('id', '=', d.id)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return;
    await tx
      .updateTable('notifications')
      .set({ status: 'sent', channel: d.channel, updated_at: sql`now()` })
      .where('id', '=', d.notification_id)
      .where('status', 'in', ['created', 'sending'])
      .execute();
    await tx
      .insertInto('notification_ledger')
      .values({
        tenant_id: d.tenant_id,
        delivery_id: d.id,
        notification_id: d.notification_id,
        type: d.type,
        channel: d.channel,
        segments: outcome.segments,
        unit_cost: unit,
        cost,
        sms_equivalent_cost: (d.content.smsEquivalentSegments ?? 1) * settings.smsUnitCost,
      })
      .onConflict((oc) => oc.column('delivery_id').doNothing())
      .execute();
    await event(tx, d, 'sent', {
      channel: d.channel,
      providerMessageId: outcome.providerMessageId || null,
      segments: outcome.segments,
      cost,
      ...outcome.detail,
    });
  });
}

async function recordRetry(s: NotifyServices, d: DeliveryRow, code: string, attempt: number): Promise<void> {
  const next = new Date(s.now() + retryDelayMs(attempt, s.random));
  await withTx(s.db, async (tx) => {
    await tx
      .updateTable('notification_deliveries')
      .set({ status: 'temporary_failure', error_code: code, next_attempt_at: next, updated_at: sql`now()` })
      .where('id', '=', d.id)
      .where('status', '=', 'sending')
      .execute();
    await event(tx, d, 'temporary_failure', { code, attempt, nextAttemptAt: next.toISOString() });
    await enqueueRetry(tx, d.tenant_id, d.id, next);
  });
}

/** The channel cannot carry this notice: try the next one in the plan that still reaches the citizen. */
async function recordPermanent(s: NotifyServices, d: DeliveryRow, code: string): Promise<void> {
  await withTx(s.db, async (tx) => {
    await tx
      .updateTable('notification_deliveries')
      .set({ status: 'permanent_failure', error_code: code, updated_at: sql`now()` })
      .where('id', '=', d.id)
      .where('status', '=', 'sending')
      .execute();
    await event(tx, d, 'permanent_failure', { code });
    if (code === 'zalo:-213') {
      // Zalo says they no longer follow: stop choosing OA for them until they follow again.
      await tx
        .updateTable('oa_followers')
        .set({ followed: false, updated_at: sql`now()` })
        .where('tenant_id', '=', d.tenant_id)
        .where('oa_user_id', '=', d.content.to)
        .execute();
    }
    const next = await nextDelivery(tx, d);
    await tx
      .updateTable('notifications')
      .set({
        status: next ? 'created' : 'failed',
        channel: next?.channel ?? d.channel,
        plan: JSON.stringify(next?.rest ?? []),
        updated_at: sql`now()`,
      })
      .where('id', '=', d.notification_id)
      .execute();
    if (next) {
      await event(tx, d, 'fallback', { from: d.channel, to: next.channel });
      await createDelivery(tx, {
        tenantId: d.tenant_id,
        notificationId: d.notification_id,
        channel: next.channel,
        content: next.content,
      });
    }
  });
}

async function nextDelivery(
  tx: Db,
  d: DeliveryRow,
): Promise<{ channel: NotifyChannel; content: DeliveryContent; rest: NotifyChannel[] } | null> {
  if (!d.citizen_id || d.plan.length === 0) return null;
  const recipient = await loadRecipient(tx, d.tenant_id, d.citizen_id);
  if (!recipient) return null;
  const notification = await tx
    .selectFrom('notifications')
    .select('data')
    .where('id', '=', d.notification_id)
    .executeTakeFirstOrThrow();
  const templates = await loadTemplates(tx, d.tenant_id, d.type);
  const zns = await znsTemplateFor(tx, d.tenant_id, d.type);
  for (let i = 0; i < d.plan.length; i++) {
    const channel = d.plan[i]!;
    const reachable =
      channel === 'oa'
        ? recipient.oaUserId !== null
        : channel === 'zns'
          ? !!recipient.phone && !!zns
          : !!recipient.phone;
    if (!reachable) continue;
    const content = deliveryContent(channel, templates, notification.data, recipient, zns);
    return { channel, content, rest: d.plan.slice(i + 1) };
  }
  return null;
}
