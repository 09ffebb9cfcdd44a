import { sql, type Expression, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { JobsTable, JobStatus } from '../../db/schema.js';

/**
 * The job queue lives in the `jobs` table of the application database, so a job is enqueued with
 * the same transaction handle as the change that caused it (outbox): it exists if and only if that
 * change committed. Workers claim jobs with `FOR UPDATE SKIP LOCKED` (see worker.ts).
 */
export type JobPayload = Record<string, unknown>;

export interface Job<P extends JobPayload = JobPayload> {
  id: number;
  queue: string;
  tenantId: string | null;
  payload: P;
  status: JobStatus;
  /** Attempts started so far, this one included while a handler runs. */
  attempts: number;
  maxAttempts: number;
  backoffSeconds: number;
  runAt: Date;
  singletonKey: string | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface EnqueueOptions<P extends JobPayload = JobPayload> {
  queue: string;
  payload?: P;
  tenantId?: string | null;
  /** Not before this time; default now. */
  runAt?: Date;
  /** Attempts before the job is dead-lettered; default 5. */
  maxAttempts?: number;
  /** First retry delay; each next retry doubles it (capped by the worker). Default 10 s. */
  backoffSeconds?: number;
  /** At most one pending or running job per (queue, key): a second enqueue is a no-op. */
  singletonKey?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_SECONDS = 10;

/** A clock the worker and the helpers can share; tests inject one to step through time. */
export type Clock = () => Date;

/** The current time as SQL: the database's clock unless a clock is injected. */
export function nowSql(clock?: Clock): Expression<Date> {
  return clock ? sql<Date>`cast(${clock().toISOString()} as timestamptz)` : sql<Date>`now()`;
}

export function toJob<P extends JobPayload = JobPayload>(row: Selectable<JobsTable>): Job<P> {
  return {
    id: row.id,
    queue: row.queue,
    tenantId: row.tenant_id,
    payload: row.payload as P,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    backoffSeconds: row.backoff_seconds,
    runAt: row.run_at,
    singletonKey: row.singleton_key,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Adds a job. Pass the transaction handle when the job belongs to a change being written, so both
 * commit or neither does. Returns the job id, or null when a job with the same singleton key is
 * already pending or running.
 */
export async function enqueue<P extends JobPayload>(
  db: Db,
  options: EnqueueOptions<P>,
): Promise<number | null> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffSeconds = options.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
  if (!/^[\w.:-]{1,100}$/.test(options.queue)) throw new Error(`invalid queue name "${options.queue}"`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be ≥ 1');
  if (!Number.isInteger(backoffSeconds) || backoffSeconds < 0) throw new Error('backoffSeconds must be ≥ 0');

  let insert = db.insertInto('jobs').values({
    queue: options.queue,
    // pg would turn a top-level array into a PostgreSQL array; serialising here keeps it JSON.
    payload: JSON.stringify(options.payload ?? {}),
    tenant_id: options.tenantId ?? null,
    max_attempts: maxAttempts,
    backoff_seconds: backoffSeconds,
    singleton_key: options.singletonKey ?? null,
    ...(options.runAt ? { run_at: options.runAt } : {}),
  });
  if (options.singletonKey !== undefined) {
    // The conflict target names the partial unique index jobs_singleton, predicate included.
    insert = insert.onConflict((oc) =>
      oc
        .columns(['queue', 'singleton_key'])
        .where('singleton_key', 'is not', null)
        .where('status', 'in', ['pending', 'running'])
        .doNothing(),
    );
  }
  const row = await insert.returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export interface RecurringJob {
  name: string;
  queue: string;
  intervalSeconds: number;
  payload?: JobPayload;
  /** First run; default now. An existing schedule keeps its next run unless the interval shrank. */
  firstRunAt?: Date;
}

/** Creates or updates a recurring job (idempotent; every process may call it at start). */
export async function scheduleRecurring(db: Db, job: RecurringJob, clock?: Clock): Promise<void> {
  if (!Number.isInteger(job.intervalSeconds) || job.intervalSeconds < 1) {
    throw new Error('intervalSeconds must be a whole number ≥ 1');
  }
  const now = nowSql(clock);
  const firstRunAt = job.firstRunAt ?? now;
  await db
    .insertInto('recurring_jobs')
    .values({
      name: job.name,
      queue: job.queue,
      payload: JSON.stringify(job.payload ?? {}),
      interval_seconds: job.intervalSeconds,
      next_run_at: firstRunAt,
    })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        queue: (eb) => eb.ref('excluded.queue'),
        payload: (eb) => eb.ref('excluded.payload'),
        interval_seconds: (eb) => eb.ref('excluded.interval_seconds'),
        // A shorter interval takes effect now rather than after the old, longer wait.
        next_run_at: sql<Date>`least(recurring_jobs.next_run_at, ${now} + make_interval(secs => excluded.interval_seconds))`,
      }),
    )
    .execute();
}

export interface QueueDepth {
  queue: string;
  status: JobStatus;
  count: number;
}

/**
 * Jobs per queue and status for metrics. Done jobs are left out: they only accumulate until the
 * maintenance job prunes them and say nothing about backlog.
 */
export async function queueDepth(db: Db): Promise<QueueDepth[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['queue', 'status', (eb) => eb.fn.countAll().as('count')])
    .where('status', 'in', ['pending', 'running', 'dead'])
    .groupBy(['queue', 'status'])
    .orderBy('queue')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ queue: r.queue, status: r.status, count: toCount(r.count) }));
}

/** Dead-lettered jobs, newest first, for the admin console. */
export async function listDeadJobs(
  db: Db,
  options: { queue?: string; tenantId?: string; limit?: number } = {},
): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll().where('status', '=', 'dead');
  if (options.queue) query = query.where('queue', '=', options.queue);
  if (options.tenantId) query = query.where('tenant_id', '=', options.tenantId);
  const rows = await query
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 500))
    .execute();
  return rows.map((row) => toJob(row));
}

export type RetryResult = 'retried' | 'not_found' | 'duplicate';

/**
 * Gives a dead job a fresh set of attempts, due now. `duplicate` means a job with the same
 * singleton key is already pending or running, so retrying this one would run the work twice.
 */
export async function retryDeadJob(
  db: Db,
  id: number,
  options: { tenantId?: string } = {},
): Promise<RetryResult> {
  try {
    let update = db
      .updateTable('jobs')
      .set({
        status: 'pending',
        attempts: 0,
        run_at: sql`now()`,
        finished_at: null,
        locked_by: null,
        locked_at: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'dead');
    if (options.tenantId) update = update.where('tenant_id', '=', options.tenantId);
    const result = await update.executeTakeFirst();
    return result.numUpdatedRows > 0n ? 'retried' : 'not_found';
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'duplicate';
    throw error;
  }
}

/** The queue API modules reach through AppContext.jobs. */
export interface Jobs {
  /** `db` is explicit so the caller passes its transaction handle (outbox). */
  enqueue<P extends JobPayload>(db: Db, options: EnqueueOptions<P>): Promise<number | null>;
  schedule(name: string, queue: string, intervalSeconds: number, payload?: JobPayload): Promise<void>;
  depth(): Promise<QueueDepth[]>;
  listDead(options?: { queue?: string; tenantId?: string; limit?: number }): Promise<Job[]>;
  retryDead(id: number, options?: { tenantId?: string }): Promise<RetryResult>;
}

/**
 * `onEnqueued` lets an in-process worker pick a job up at once instead of at its next poll; it is
 * only called outside transactions, where the new row is already visible to other connections.
 */
export function createJobs(db: Db, options: { onEnqueued?: (queue: string) => void } = {}): Jobs {
  return {
    async enqueue(handle, enqueueOptions) {
      const id = await enqueue(handle, enqueueOptions);
      if (id !== null && !handle.isTransaction) options.onEnqueued?.(enqueueOptions.queue);
      return id;
    },
    schedule: (name, queue, intervalSeconds, payload) =>
      scheduleRecurring(db, { name, queue, intervalSeconds, payload }),
    depth: () => queueDepth(db),
    listDead: (listOptions) => listDeadJobs(db, listOptions),
    retryDead: (id, retryOptions) => retryDeadJob(db, id, retryOptions),
  };
}
