import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { JobStatus } from '../../db/schema.js';
import { nowSql, toJob, type Clock, type Job } from './queue.js';

/**
 * The statements a worker runs against the jobs table. Each is a single autocommit statement, so
 * no transaction outlives it: on PGlite one connection serves the whole process, and a handler
 * must never run while a transaction holds it.
 */
export interface Claimant {
  db: Db;
  workerId: string;
  clock?: Clock | undefined;
}

/** Takes up to `limit` due jobs of the given queues; rows other workers hold are skipped, not awaited. */
export async function claimJobs(c: Claimant, queues: string[], limit: number): Promise<Job[]> {
  if (queues.length === 0 || limit < 1) return [];
  const now = nowSql(c.clock);
  const rows = await c.db
    .updateTable('jobs')
    .set({ status: 'running', attempts: sql`attempts + 1`, locked_by: c.workerId, locked_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_at', '<=', now)
        .where('queue', 'in', queues)
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  return rows.map((row) => toJob(row)).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/** Renews the lock of jobs still running here, so a slow handler is not taken for a crashed one. */
export async function renewLocks(c: Claimant, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await c.db
    .updateTable('jobs')
    .set({ locked_at: nowSql(c.clock) })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .where('locked_by', '=', c.workerId)
    .execute();
}

/**
 * Jobs whose worker died mid-run go back to pending. The crashed run counted as an attempt, so a
 * job that kills its worker every time ends up dead instead of looping forever.
 */
export async function recoverStaleJobs(
  db: Db,
  leaseSeconds: number,
  clock?: Clock,
): Promise<{ id: number; queue: string; status: JobStatus }[]> {
  const now = nowSql(clock);
  const exhausted = sql<boolean>`attempts >= max_attempts`;
  return db
    .updateTable('jobs')
    .set({
      status: sql`case when ${exhausted} then 'dead' else 'pending' end`,
      finished_at: sql`case when ${exhausted} then ${now} else null end`,
      run_at: now,
      locked_by: null,
      locked_at: null,
      last_error: `lease expired after ${leaseSeconds} s: the worker stopped while running this job`,
    })
    .where('status', '=', 'running')
    .where('locked_at', '<', sql<Date>`${now} - make_interval(secs => ${leaseSeconds})`)
    .returning(['id', 'queue', 'status'])
    .execute();
}

/**
 * One statement locks the due schedules (skipping any another worker holds), advances them past
 * now and inserts their jobs, so each due run is enqueued exactly once across workers. Missed runs
 * (the service was down) collapse into one; the singleton key stops a pile-up behind a slow run.
 */
export async function enqueueDueRecurring(db: Db, clock?: Clock): Promise<void> {
  const now = nowSql(clock);
  await sql`
    with due as (
      select name from recurring_jobs where next_run_at <= ${now} for update skip locked
    ), advanced as (
      update recurring_jobs r
      set next_run_at = r.next_run_at + make_interval(secs => (r.interval_seconds *
        (floor(extract(epoch from (${now} - r.next_run_at)) / r.interval_seconds) + 1))::float8)
      from due where r.name = due.name
      returning r.name, r.queue, r.payload
    )
    insert into jobs (queue, payload, run_at, singleton_key)
    select queue, payload, ${now}, 'recurring:' || name from advanced
    on conflict (queue, singleton_key)
      where singleton_key is not null and status in ('pending', 'running')
      do nothing`.execute(db);
}

/**
 * Marks jobs done in one statement. (id, attempts) fences each claim: a job recovered after its
 * lease expired and claimed again is no longer this claim's to finish.
 */
export async function completeJobs(c: Claimant, jobs: Job[]): Promise<void> {
  if (jobs.length === 0) return;
  await c.db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: nowSql(c.clock), locked_by: null, locked_at: null })
    .where((eb) =>
      eb(
        eb.refTuple('id', 'attempts'),
        'in',
        jobs.map((job) => eb.tuple(job.id, job.attempts)),
      ),
    )
    .where('status', '=', 'running')
    .where('locked_by', '=', c.workerId)
    .execute();
}

/** backoff × 2^(attempt − 1), capped. */
export function retryDelaySeconds(job: Pick<Job, 'attempts' | 'backoffSeconds'>, maxSeconds: number): number {
  return Math.min(maxSeconds, job.backoffSeconds * 2 ** Math.max(job.attempts - 1, 0));
}

/** Schedules the next attempt, or dead-letters the job when it has used all of them. */
export async function failJob(
  c: Claimant,
  job: Job,
  lastError: string,
  maxBackoffSeconds: number,
): Promise<{ dead: boolean; retryInSeconds: number }> {
  const now = nowSql(c.clock);
  const ownClaim = c.db
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', c.workerId)
    .where('attempts', '=', job.attempts);
  if (job.attempts >= job.maxAttempts) {
    await ownClaim
      .set({ status: 'dead', finished_at: now, last_error: lastError, locked_by: null, locked_at: null })
      .execute();
    return { dead: true, retryInSeconds: 0 };
  }
  const delay = retryDelaySeconds(job, maxBackoffSeconds);
  await ownClaim
    .set({
      status: 'pending',
      run_at: sql<Date>`${now} + make_interval(secs => ${delay})`,
      last_error: lastError,
      locked_by: null,
      locked_at: null,
    })
    .execute();
  return { dead: false, retryInSeconds: delay };
}
