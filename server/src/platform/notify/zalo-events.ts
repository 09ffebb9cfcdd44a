import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';

/**
 * What the Zalo webhook tells us, applied by a job after the webhook answered (Zalo wants an
 * answer within 2 s):
 *  - follow / unfollow: who may get OA messages; a follow also confirms a link the mini app claimed
 *    for that OA user (see claimOaLink);
 *  - user_received_message: a message reached the phone (ZNS carries our tracking_id, OA its msg_id);
 *  - anything the user did themselves (user_send_text, …): the 7-day interaction window restarts,
 *    and it confirms a fresh claim as a follow does.
 */
export const WEBHOOK_QUEUE = 'notify.zalo-event';
/** A claim from the mini app is confirmed by an event from the same OA user at most this far apart. */
export const CLAIM_CONFIRM_WINDOW_MS = 10 * 60_000;

export interface ZaloEvent {
  app_id?: unknown;
  event_name?: unknown;
  timestamp?: unknown;
  sender?: { id?: unknown };
  recipient?: { id?: unknown };
  follower?: { id?: unknown };
  message?: { msg_id?: unknown; tracking_id?: unknown; delivery_time?: unknown };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function applyZaloEvent(db: Db, eventId: number): Promise<void> {
  const row = await db
    .selectFrom('zalo_webhook_events')
    .select(['tenant_id', 'event_name', 'body', 'received_at'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!row) return;
  const event = row.body as ZaloEvent;
  const at = new Date(Number(event.timestamp) || row.received_at.getTime());
  const tenantId = row.tenant_id;
  const name = row.event_name;
  if (name === 'follow' || name === 'unfollow') {
    const userId = String(event.follower?.id ?? event.sender?.id ?? '');
    if (!userId) return;
    return name === 'follow' ? follow(db, tenantId, userId, at) : unfollow(db, tenantId, userId, at);
  }
  if (name === 'user_received_message') return markDelivered(db, tenantId, event, at);
  if (name.startsWith('user_')) {
    const userId = String(event.sender?.id ?? '');
    if (userId) await interaction(db, tenantId, userId, at);
  }
}

async function follow(db: Db, tenantId: string, userId: string, at: Date): Promise<void> {
  await withTx(db, async (tx) => {
    await tx
      .insertInto('oa_followers')
      .values({ tenant_id: tenantId, oa_user_id: userId, followed: true, followed_at: at })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'oa_user_id']).doUpdateSet({
          followed: sql`oa_followers.unfollowed_at is null or oa_followers.unfollowed_at <= ${at}`,
          followed_at: at,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    await confirmClaim(tx, tenantId, userId, at);
  });
}

async function unfollow(db: Db, tenantId: string, userId: string, at: Date): Promise<void> {
  await db
    .insertInto('oa_followers')
    .values({ tenant_id: tenantId, oa_user_id: userId, followed: false, unfollowed_at: at })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'oa_user_id']).doUpdateSet({
        // An unfollow older than the last follow (events may arrive out of order) changes nothing.
        followed: sql`oa_followers.followed and coalesce(oa_followers.followed_at > ${at}, false)`,
        unfollowed_at: at,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

async function interaction(db: Db, tenantId: string, userId: string, at: Date): Promise<void> {
  await withTx(db, async (tx) => {
    await tx
      .insertInto('oa_followers')
      .values({ tenant_id: tenantId, oa_user_id: userId, last_interaction_at: at })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'oa_user_id']).doUpdateSet({
          last_interaction_at: sql`greatest(oa_followers.last_interaction_at, ${at})`,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    await confirmClaim(tx, tenantId, userId, at);
  });
}

/** An event from the OA user close to the citizen's claim turns the claim into the link. */
export async function confirmClaim(tx: Db, tenantId: string, userId: string, at: Date): Promise<boolean> {
  const row = await tx
    .selectFrom('oa_followers')
    .select(['claimed_citizen_id', 'claimed_at', 'citizen_id'])
    .where('tenant_id', '=', tenantId)
    .where('oa_user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.claimed_citizen_id || !row.claimed_at) return false;
  if (Math.abs(row.claimed_at.getTime() - at.getTime()) > CLAIM_CONFIRM_WINDOW_MS) return false;
  const citizenId = row.claimed_citizen_id;
  // One OA user per citizen: a citizen who linked another Zalo account before moves to this one.
  await tx
    .updateTable('oa_followers')
    .set({ citizen_id: null, updated_at: sql`now()` })
    .where('tenant_id', '=', tenantId)
    .where('citizen_id', '=', citizenId)
    .where('oa_user_id', '!=', userId)
    .execute();
  await tx
    .updateTable('oa_followers')
    .set({
      citizen_id: citizenId,
      claimed_citizen_id: null,
      confirmed_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('oa_user_id', '=', userId)
    .execute();
  return true;
}

async function markDelivered(db: Db, tenantId: string, event: ZaloEvent, at: Date): Promise<void> {
  const trackingId = typeof event.message?.tracking_id === 'string' ? event.message.tracking_id : '';
  const msgId = event.message?.msg_id === undefined ? '' : String(event.message.msg_id);
  let query = db
    .selectFrom('notification_deliveries')
    .select(['id', 'notification_id'])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['sent', 'sending']);
  if (UUID.test(trackingId)) query = query.where('id', '=', trackingId);
  else if (msgId) query = query.where('provider_message_id', '=', msgId);
  else return;
  const delivery = await query.executeTakeFirst();
  if (!delivery) return;
  const deliveredAt = new Date(Number(event.message?.delivery_time) || at.getTime());
  await withTx(db, async (tx) => {
    await tx
      .updateTable('notification_deliveries')
      .set({ status: 'delivered', delivered_at: deliveredAt, updated_at: sql`now()` })
      .where('id', '=', delivery.id)
      .execute();
    await tx
      .updateTable('notifications')
      .set({ status: 'delivered', updated_at: sql`now()` })
      .where('id', '=', delivery.notification_id)
      .execute();
    await tx
      .insertInto('notification_events')
      .values({
        tenant_id: tenantId,
        notification_id: delivery.notification_id,
        delivery_id: delivery.id,
        status: 'delivered',
        detail: JSON.stringify({ deliveredAt: deliveredAt.toISOString() }),
      })
      .execute();
  });
}
