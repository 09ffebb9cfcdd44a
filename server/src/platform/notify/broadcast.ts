import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { BroadcastsTable } from '../../db/schema.js';
import { countSmsSegments } from '../../integrations/sms/segments.js';
import { withTx } from '../../db/transaction-guard.js';
import { enqueue } from '../jobs/queue.js';
import { INTERACTION_WINDOW_MS } from './channels.js';
import { checkData, loadTemplates, render, renderLink } from './templates.js';

/**
 * Broadcasts (news, emergency alerts) to every follower of the tenant's Official Account, or to those
 * in given communes, now or at a set time. A fan-out job walks the followers in oa_user_id order and,
 * per batch and in one transaction, writes each follower's notification (and inbox message when the
 * follower is a linked citizen) and OA delivery, moves the cursor past the batch and enqueues the
 * batch's send job. A crash repeats at most the batch in flight, and the unique (broadcast,
 * follower) index makes that repetition write nothing twice. Send jobs (broadcast-send.ts) claim
 * deliveries in small groups, so several batches go out in parallel within the OA rate limit.
 */
export const BROADCAST_QUEUE = 'notify.broadcast';
export const BROADCAST_SEND_QUEUE = 'notify.broadcast-send';
export const BROADCAST_BATCH = 1000;

export interface BroadcastInput {
  tenantId: string;
  type: string;
  data: Record<string, string>;
  /** Only followers registered in these communes; all followers when absent. */
  communeIds?: string[];
  runAt?: Date;
  officerId?: string | null;
}

/** Creates the broadcast and its fan-out job in the caller's transaction. */
export async function createBroadcast(tx: Db, input: BroadcastInput): Promise<string> {
  const templates = await loadTemplates(tx, input.tenantId, input.type);
  checkData(templates.definition, input.data);
  const row = await tx
    .insertInto('broadcasts')
    .values({
      tenant_id: input.tenantId,
      type: input.type,
      data: JSON.stringify(input.data),
      commune_ids: input.communeIds && input.communeIds.length > 0 ? input.communeIds : null,
      run_at: input.runAt ?? sql<Date>`now()`,
      created_by_officer_id: input.officerId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(tx, {
    queue: BROADCAST_QUEUE,
    tenantId: input.tenantId,
    payload: { broadcastId: row.id },
    singletonKey: `broadcast:${row.id}`,
    maxAttempts: 20,
    backoffSeconds: 5,
    ...(input.runAt ? { runAt: input.runAt } : {}),
  });
  return row.id;
}

/** Runs the fan-out to its end (or to a crash, after which the job's retry continues from the cursor). */
export async function fanOutBroadcast(
  db: Db,
  broadcastId: string,
  batchSize = BROADCAST_BATCH,
): Promise<void> {
  for (;;) {
    const more = await fanOutBatch(db, broadcastId, batchSize);
    if (!more) break;
  }
  await finishIfComplete(db, broadcastId);
}

async function fanOutBatch(db: Db, broadcastId: string, batchSize: number): Promise<boolean> {
  return withTx(db, async (tx) => {
    // The row lock serializes fan-out runs of one broadcast (a retried job and a late original).
    const b = await tx
      .selectFrom('broadcasts')
      .selectAll()
      .where('id', '=', broadcastId)
      .forUpdate()
      .executeTakeFirst();
    if (!b || b.fanned_out || b.status === 'cancelled' || b.status === 'done') return false;
    let followers = tx
      .selectFrom('oa_followers')
      .select(['oa_user_id', 'citizen_id', 'last_interaction_at'])
      .where('tenant_id', '=', b.tenant_id)
      .where('followed', '=', true)
      .orderBy('oa_user_id')
      .limit(batchSize);
    if (b.cursor !== null) followers = followers.where('oa_user_id', '>', b.cursor);
    if (b.commune_ids) followers = followers.where('commune_id', 'in', b.commune_ids);
    const batch = await followers.execute();
    if (batch.length === 0) {
      await tx
        .updateTable('broadcasts')
        .set({
          fanned_out: true,
          status: b.batches === 0 ? 'done' : 'running',
          finished_at: b.batches === 0 ? sql`now()` : null,
        })
        .where('id', '=', b.id)
        .execute();
      return false;
    }
    const templates = await loadTemplates(tx, b.tenant_id, b.type);
    const text = render(templates.oa, b.data);
    const smsEquivalentSegments = countSmsSegments(render(templates.sms, b.data)).segments;
    const batchNo = b.batches + 1;
    const legal = templates.definition.legal;
    const inserted = await tx
      .insertInto('notifications')
      .values(
        batch.map((f) => ({
          tenant_id: b.tenant_id,
          citizen_id: f.citizen_id,
          broadcast_id: b.id,
          oa_user_id: f.oa_user_id,
          type: b.type,
          legal,
          data: JSON.stringify(b.data),
          plan: JSON.stringify([]),
          channel: 'oa' as const,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['broadcast_id', 'oa_user_id']).where('broadcast_id', 'is not', null).doNothing(),
      )
      .returning(['id', 'oa_user_id', 'citizen_id'])
      .execute();
    const recent = new Set(
      batch
        .filter(
          (f) =>
            f.last_interaction_at && Date.now() - f.last_interaction_at.getTime() < INTERACTION_WINDOW_MS,
        )
        .map((f) => f.oa_user_id),
    );
    const linked = inserted.filter((n) => n.citizen_id !== null);
    if (linked.length > 0) {
      const link = renderLink(templates.definition, b.data);
      const inbox = await tx
        .insertInto('inbox_messages')
        .values(
          linked.map((n) => ({
            tenant_id: b.tenant_id,
            citizen_id: n.citizen_id!,
            type: b.type,
            title: render(templates.inbox.title, b.data),
            body: render(templates.inbox.body, b.data),
            link: link ? JSON.stringify(link) : null,
            legal,
            created_by_officer_id: b.created_by_officer_id,
          })),
        )
        .returning('id')
        .execute();
      // Same order in, same order out: PostgreSQL returns inserted rows in VALUES order.
      const pairs = linked.map((n, i) => sql`(${n.id}::uuid, ${inbox[i]!.id}::uuid)`);
      await sql`update notifications n set inbox_message_id = v.inbox
        from (values ${sql.join(pairs)}) as v(id, inbox) where n.id = v.id`.execute(tx);
    }
    if (inserted.length > 0) {
      await tx
        .insertInto('notification_deliveries')
        .values(
          inserted.map((n) => ({
            tenant_id: b.tenant_id,
            notification_id: n.id,
            channel: 'oa' as const,
            content: JSON.stringify({
              text,
              to: n.oa_user_id!,
              smsEquivalentSegments,
              oaKind: recent.has(n.oa_user_id!) ? 'cs' : 'transaction',
            }),
            broadcast_id: b.id,
            broadcast_batch: batchNo,
          })),
        )
        .execute();
    }
    await tx
      .updateTable('broadcasts')
      .set({
        cursor: batch.at(-1)!.oa_user_id,
        batches: batchNo,
        recipients: sql`recipients + ${inserted.length}`,
        status: 'running',
      })
      .where('id', '=', b.id)
      .execute();
    await enqueue(tx, {
      queue: BROADCAST_SEND_QUEUE,
      tenantId: b.tenant_id,
      payload: { broadcastId: b.id, batch: batchNo },
      singletonKey: `broadcast:${b.id}:${batchNo}`,
      maxAttempts: 20,
      backoffSeconds: 5,
    });
    return true;
  });
}

/** Done once the fan-out has ended and no delivery is waiting (the last of the two to finish calls it). */
export async function finishIfComplete(db: Db, broadcastId: string): Promise<void> {
  await sql`update broadcasts set status = 'done', finished_at = now()
    where id = ${broadcastId} and fanned_out and status = 'running'
      and not exists (select 1 from notification_deliveries d where d.broadcast_id = ${broadcastId}
        and d.status in ('created', 'sending', 'temporary_failure'))`.execute(db);
}

const PROGRESS_COLUMNS = [
  'id',
  'type',
  'data',
  'status',
  'run_at',
  'recipients',
  'sent',
  'failed',
  'fanned_out',
  'created_at',
  'finished_at',
] as const;

type ProgressRow = Pick<Selectable<BroadcastsTable>, (typeof PROGRESS_COLUMNS)[number]>;

function toProgress(b: ProgressRow) {
  return {
    id: b.id,
    type: b.type,
    title: b.data.title ?? null,
    status: b.status,
    runAt: b.run_at.toISOString(),
    recipients: b.recipients,
    sent: b.sent,
    failed: b.failed,
    pending: Math.max(b.recipients - b.sent - b.failed, 0),
    fannedOut: b.fanned_out,
    createdAt: b.created_at.toISOString(),
    finishedAt: b.finished_at ? b.finished_at.toISOString() : null,
  };
}

export async function broadcastProgress(db: Db, tenantId: string, id: string) {
  const b = await db
    .selectFrom('broadcasts')
    .select(PROGRESS_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return b ? toProgress(b) : undefined;
}

/** The tenant's broadcasts, newest first, with their progress. */
export async function listBroadcasts(db: Db, tenantId: string, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('broadcasts')
      .select(PROGRESS_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('broadcasts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toProgress), total: Number(count.n), page, pageSize };
}
