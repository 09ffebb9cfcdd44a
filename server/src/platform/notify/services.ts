import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { SmsSender } from '../../integrations/sms/client.js';
import type { ZaloClient } from '../../integrations/zalo/client.js';
import type { JobWorker } from '../jobs/worker.js';
import { SettingsCache, type NotifyServices } from './channels.js';
import { BROADCAST_QUEUE, BROADCAST_SEND_QUEUE, fanOutBroadcast } from './broadcast.js';
import { sendBroadcastBatch } from './broadcast-send.js';
import { deliver } from './delivery.js';
import { DELIVER_QUEUE } from './notify.js';
import { deriveOaTokenKey, OaTokenStore } from './oa-tokens.js';
import { DbRateLimiter } from './rate-limiter.js';
import { RedisRateLimiter } from './rate-limiter-redis.js';

/** The delivery side, built once per process from the app's services (fakes in tests). */
export function createNotifyServices(input: {
  db: Db;
  zalo: ZaloClient;
  sms: SmsSender;
  sessionSecret: string;
  /** Set: the OA rate limit is counted in Redis; otherwise in the database. */
  redisUrl?: string;
  now?: () => number;
  random?: () => number;
}): NotifyServices {
  const now = input.now ?? Date.now;
  return {
    db: input.db,
    zalo: input.zalo,
    sms: input.sms,
    tokens: new OaTokenStore(input.db, input.zalo, deriveOaTokenKey(input.sessionSecret), now),
    limiter: input.redisUrl ? new RedisRateLimiter(input.redisUrl) : new DbRateLimiter(input.db),
    settings: new SettingsCache(input.db),
    now,
    random: input.random ?? Math.random,
  };
}

export const NOTIFY_CLEANUP_QUEUE = 'notify.cleanup';

/**
 * Webhook calls are kept a day (replays older than 5 minutes are refused anyway, and the bodies
 * name Zalo users); rate-limit seconds ten minutes (only the last 62 seconds count).
 */
export async function cleanupNotify(db: Db): Promise<void> {
  await db
    .deleteFrom('zalo_webhook_events')
    .where('received_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  await db
    .deleteFrom('rate_limit_buckets')
    .where('second', '<', sql<number>`extract(epoch from now())::bigint - 600`)
    .execute();
}

export function registerNotifyJobs(worker: JobWorker, services: NotifyServices): void {
  worker.handle(NOTIFY_CLEANUP_QUEUE, async () => cleanupNotify(services.db));
  worker.schedule(NOTIFY_CLEANUP_QUEUE, NOTIFY_CLEANUP_QUEUE, 3600);
  worker.handle<{ deliveryId: string }>(DELIVER_QUEUE, async (job) =>
    deliver(services, job.payload.deliveryId),
  );
  worker.handle<{ broadcastId: string }>(BROADCAST_QUEUE, async (job) =>
    fanOutBroadcast(services.db, job.payload.broadcastId),
  );
  worker.handle<{ broadcastId: string; batch: number }>(BROADCAST_SEND_QUEUE, async (job, ctx) =>
    sendBroadcastBatch(services, job.payload.broadcastId, job.payload.batch, { signal: ctx.signal }),
  );
}
