import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { ZALO_ERRORS, ZaloApiError } from '../../integrations/zalo/client.js';
import { enqueue } from '../jobs/queue.js';
import { BROADCAST_SEND_QUEUE, finishIfComplete } from './broadcast.js';
import { classify, type NotifyServices } from './channels.js';

/**
 * Sends one fanned-out batch of a broadcast. Deliveries are claimed in groups sized by what the
 * shared rate limiter grants, marked "sending" in the claim, sent concurrently and recorded with a
 * handful of statements per group. Deliveries found "sending" when the job starts belong to a run
 * that died mid-group: as in delivery.ts, the OA API has no idempotency key, so they are recorded as
 * sent with an unknown outcome and never sent again — no follower gets an alert twice.
 */
export interface BroadcastSendOptions {
  group?: number;
  concurrency?: number;
  signal?: AbortSignal;
}

interface Claimed {
  id: string;
  notification_id: string;
  content: { text: string; to: string; smsEquivalentSegments: number; oaKind?: 'cs' | 'transaction' };
}

type Result =
  | { d: Claimed; kind: 'sent'; providerMessageId: string; uncertain?: boolean }
  | { d: Claimed; kind: 'temporary' | 'permanent' | 'unsent' | 'token'; code: string };

/** A batch waiting for the rate limit checks again at least this often. */
const MAX_PAUSE_MS = 5000;
const RETRY_LATER_MS = 60_000;

export async function sendBroadcastBatch(
  s: NotifyServices,
  broadcastId: string,
  batch: number,
  options: BroadcastSendOptions = {},
): Promise<void> {
  const group = options.group ?? 200;
  const concurrency = options.concurrency ?? 48;
  const b = await s.db
    .selectFrom('broadcasts')
    .select(['tenant_id', 'status'])
    .where('id', '=', broadcastId)
    .executeTakeFirst();
  if (!b || b.status === 'cancelled') return;
  const tenantId = b.tenant_id;
  const settings = await s.settings.get(tenantId);
  const inBatch = (db: Db) =>
    db
      .selectFrom('notification_deliveries')
      .where('broadcast_id', '=', broadcastId)
      .where('broadcast_batch', '=', batch);

  const waitingNow = (db: Db) =>
    inBatch(db)
      .where('status', 'in', ['created', 'temporary_failure'])
      .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', sql<Date>`now()`)]));

  const lost = await s.db
    .updateTable('notification_deliveries')
    .set({ status: 'sending' })
    .where('broadcast_id', '=', broadcastId)
    .where('broadcast_batch', '=', batch)
    .where('status', '=', 'sending')
    .returning(['id', 'notification_id', 'content'])
    .execute();
  if (lost.length > 0) {
    await record(
      s,
      broadcastId,
      lost.map((d) => ({ d: d as Claimed, kind: 'sent', providerMessageId: '', uncertain: true })),
    );
  }

  for (;;) {
    if (options.signal?.aborted) throw new Error('worker stopping');
    // Ask for no more grants than there are messages left: an unused grant still counts.
    const left = await waitingNow(s.db)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    const wanted = Math.min(group, Number(left.n));
    const grant = await s.limiter.acquire(`oa:${tenantId}`, settings.oaRatePerMinute, wanted);
    if (grant.granted === 0) {
      // The OA's minute is used up: free this worker slot for other jobs and come back later.
      await enqueue(s.db, {
        queue: BROADCAST_SEND_QUEUE,
        tenantId,
        payload: { broadcastId, batch },
        runAt: new Date(Date.now() + Math.min(grant.retryAfterMs, MAX_PAUSE_MS)),
        maxAttempts: 20,
      });
      return;
    }
    // Before the claim: a delivery marked "sending" must only ever mean "Zalo may have it".
    const token = await s.tokens.accessToken(tenantId);
    const claimed = (await s.db
      .updateTable('notification_deliveries')
      .set({ status: 'sending', attempts: sql`attempts + 1` })
      .where('id', 'in', (eb) =>
        waitingNow(eb as unknown as Db)
          .select('id')
          .orderBy('id')
          .limit(grant.granted)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'notification_id', 'content'])
      .execute()) as Claimed[];
    if (claimed.length === 0) break;
    const results = await mapConcurrent(claimed, concurrency, async (d): Promise<Result> => {
      // A grant is only good until its deadline; later, the message waits for the next group.
      if (Date.now() >= grant.deadline) return { d, kind: 'unsent', code: 'grant-expired' };
      try {
        const sent = await s.zalo.sendOaMessage(
          d.content.oaKind ?? 'transaction',
          token,
          d.content.to,
          d.content.text,
        );
        return { d, kind: 'sent', providerMessageId: sent.messageId };
      } catch (error) {
        const tokenError =
          error instanceof ZaloApiError &&
          (error.code === ZALO_ERRORS.INVALID_TOKEN || error.code === ZALO_ERRORS.EXPIRED_TOKEN);
        if (tokenError) return { d, kind: 'token', code: `zalo:${error.code}` };
        const outcome = classify(error);
        if (!outcome || outcome.kind === 'sent') throw error;
        return { d, kind: outcome.kind, code: outcome.code };
      }
    });
    if (results.some((r) => r.kind === 'token')) await s.tokens.refresh(tenantId, token);
    await record(s, broadcastId, results);
  }

  const waiting = await inBatch(s.db)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'temporary_failure')
    .executeTakeFirstOrThrow();
  if (Number(waiting.n) > 0) {
    await enqueue(s.db, {
      queue: BROADCAST_SEND_QUEUE,
      tenantId,
      payload: { broadcastId, batch },
      runAt: new Date(Date.now() + RETRY_LATER_MS),
      maxAttempts: 20,
    });
    return;
  }
  await finishIfComplete(s.db, broadcastId);
}

async function mapConcurrent<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Writes a group's results in one transaction: deliveries, notifications, ledger, timeline, counters. */
async function record(s: NotifyServices, broadcastId: string, results: Result[]): Promise<void> {
  const b = await s.db
    .selectFrom('broadcasts')
    .select(['tenant_id', 'type'])
    .where('id', '=', broadcastId)
    .executeTakeFirstOrThrow();
  const settings = await s.settings.get(b.tenant_id);
  const sent = results.filter((r): r is Extract<Result, { kind: 'sent' }> => r.kind === 'sent');
  const failed = results.filter((r) => r.kind === 'permanent');
  const retry = results.filter((r) => r.kind === 'temporary');
  const back = results.filter((r) => r.kind === 'unsent' || r.kind === 'token');
  const cost = settings.oaUnitCost;
  await withTx(s.db, async (tx) => {
    if (sent.length > 0) {
      const rows = sent.map((r) => sql`(${r.d.id}::uuid, ${r.providerMessageId || null}::text)`);
      await sql`update notification_deliveries d set status = 'sent', provider_message_id = v.pid,
          segments = 1, cost = ${cost}, sent_at = now(), updated_at = now()
        from (values ${sql.join(rows)}) as v(id, pid) where d.id = v.id`.execute(tx);
      await tx
        .updateTable('notifications')
        .set({ status: 'sent', updated_at: sql`now()` })
        .where(
          'id',
          'in',
          sent.map((r) => r.d.notification_id),
        )
        .execute();
      await tx
        .insertInto('notification_ledger')
        .values(
          sent.map((r) => ({
            tenant_id: b.tenant_id,
            delivery_id: r.d.id,
            notification_id: r.d.notification_id,
            type: b.type,
            channel: 'oa' as const,
            segments: 1,
            unit_cost: cost,
            cost,
            sms_equivalent_cost: r.d.content.smsEquivalentSegments * settings.smsUnitCost,
          })),
        )
        .onConflict((oc) => oc.column('delivery_id').doNothing())
        .execute();
    }
    for (const [status, list] of [
      ['permanent_failure', failed],
      ['temporary_failure', retry],
    ] as const) {
      if (list.length === 0) continue;
      await tx
        .updateTable('notification_deliveries')
        .set({
          status,
          error_code: (list[0] as { code: string }).code,
          next_attempt_at: status === 'temporary_failure' ? new Date(Date.now() + RETRY_LATER_MS) : null,
          updated_at: sql`now()`,
        })
        .where(
          'id',
          'in',
          list.map((r) => r.d.id),
        )
        .execute();
    }
    if (failed.length > 0) {
      await tx
        .updateTable('notifications')
        .set({ status: 'failed' })
        .where(
          'id',
          'in',
          failed.map((r) => r.d.notification_id),
        )
        .execute();
    }
    if (back.length > 0) {
      // Never sent (grant expired, or a refused token now refreshed): back in line, attempt not counted.
      await tx
        .updateTable('notification_deliveries')
        .set({ status: 'created', attempts: sql`attempts - 1` })
        .where(
          'id',
          'in',
          back.map((r) => r.d.id),
        )
        .execute();
    }
    const events = results
      .filter((r) => r.kind !== 'unsent' && r.kind !== 'token')
      .map((r) => ({
        tenant_id: b.tenant_id,
        notification_id: r.d.notification_id,
        delivery_id: r.d.id,
        status:
          r.kind === 'sent' ? 'sent' : r.kind === 'permanent' ? 'permanent_failure' : 'temporary_failure',
        detail: JSON.stringify(
          r.kind === 'sent'
            ? {
                channel: 'oa',
                providerMessageId: r.providerMessageId || null,
                ...(r.uncertain ? { uncertain: true } : {}),
              }
            : { code: r.code },
        ),
      }));
    if (events.length > 0) await tx.insertInto('notification_events').values(events).execute();
    if (sent.length + failed.length > 0) {
      await tx
        .updateTable('broadcasts')
        .set({ sent: sql`sent + ${sent.length}`, failed: sql`failed + ${failed.length}` })
        .where('id', '=', broadcastId)
        .execute();
    }
  });
}
