import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { JobWorker } from './worker.js';

export const CLEANUP_QUEUE = 'maintenance.cleanup';

export interface CleanupResult {
  sessions: number;
  otpChallenges: number;
  doneJobs: number;
  deadJobs: number;
}

/**
 * Removes rows that only cost space and, for sessions and one-time codes, hold personal data
 * longer than needed (Decree 13/2023 asks for minimal retention). One-time codes stay a day after
 * they end so per-phone daily sending limits can still count them. Finished jobs are kept a week
 * for inspection and dead ones a month, long enough for someone to look at them.
 */
export async function cleanup(db: Db, now: Date = new Date()): Promise<CleanupResult> {
  const at = sql<Date>`cast(${now.toISOString()} as timestamptz)`;
  const dayAgo = sql<Date>`${at} - interval '1 day'`;
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', at).executeTakeFirst();
  const otpChallenges = await db
    .deleteFrom('otp_challenges')
    .where('created_at', '<', dayAgo)
    .where((eb) => eb.or([eb('expires_at', '<', at), eb('consumed_at', 'is not', null)]))
    .executeTakeFirst();
  const doneJobs = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', sql<Date>`${at} - interval '7 days'`)
    .executeTakeFirst();
  const deadJobs = await db
    .deleteFrom('jobs')
    .where('status', '=', 'dead')
    .where('finished_at', '<', sql<Date>`${at} - interval '30 days'`)
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    otpChallenges: Number(otpChallenges.numDeletedRows),
    doneJobs: Number(doneJobs.numDeletedRows),
    deadJobs: Number(deadJobs.numDeletedRows),
  };
}

/** Registers the platform's own recurring work on a worker (hourly cleanup). */
export function registerPlatformJobs(worker: JobWorker): void {
  worker.handle(CLEANUP_QUEUE, async (_job, ctx) => {
    const removed = await cleanup(ctx.db);
    ctx.log.info({ removed }, 'maintenance cleanup done');
  });
  worker.schedule(CLEANUP_QUEUE, CLEANUP_QUEUE, 3600);
}
