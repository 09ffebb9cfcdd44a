import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from '../../db/connection.js';
import { maskPersonalData } from '../logging/redact.js';
import {
  claimJobs,
  completeJobs,
  enqueueDueRecurring,
  failJob,
  recoverStaleJobs,
  renewLocks,
  type Claimant,
} from './claims.js';
import { scheduleRecurring, type Clock, type Job, type JobPayload, type RecurringJob } from './queue.js';

export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobHandlerContext {
  db: Db;
  /** Aborted when the worker is asked to stop; a long handler may stop early by throwing (retried). */
  signal: AbortSignal;
  log: JobLogger;
  workerId: string;
}

export type JobHandler<P extends JobPayload = JobPayload> = (
  job: Job<P>,
  ctx: JobHandlerContext,
) => Promise<void>;

export interface JobWorkerOptions {
  id?: string;
  /** How long an idle worker waits before looking for due jobs again. */
  pollIntervalMs?: number;
  /** Handlers running at once in this process. */
  concurrency?: number;
  /** Jobs claimed per query; at most the free slots. */
  batchSize?: number;
  /** A running job whose worker has not renewed its lock for this long is presumed orphaned. */
  leaseSeconds?: number;
  maxBackoffSeconds?: number;
  /** How often stale jobs are recovered and due recurring jobs enqueued. */
  maintenanceIntervalMs?: number;
  clock?: Clock;
  log?: JobLogger;
}

const silent: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // last_error is shown to administrators and logged: no phone or ID numbers, bounded size.
  return maskPersonalData(text).slice(0, 2000);
}

/**
 * Polls the jobs table, claims due jobs with FOR UPDATE SKIP LOCKED and runs their handlers with a
 * concurrency limit. Every database step is one short autocommit statement: no transaction is held
 * while a handler runs, which matters on PGlite where one connection serves the whole process.
 * Several workers (processes) may share a PostgreSQL database; each row is claimed by one of them.
 */
export class JobWorker {
  readonly id: string;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly maxBackoffSeconds: number;
  private readonly maintenanceIntervalMs: number;
  private readonly clock: Clock | undefined;
  private readonly log: JobLogger;
  private readonly claimant: Claimant;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, RecurringJob>();
  private readonly active = new Map<number, Promise<void>>();
  private readonly abort = new AbortController();
  private state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  private loop: Promise<void> | undefined;
  private schedulesSaved = false;
  private lastMaintenance = 0;
  private lastHeartbeat = 0;
  private moreWaiting = false;
  /** Free slots worth a claim query when jobs are waiting: refilling one slot at a time costs a commit per job. */
  private readonly refillAt: number;
  private doneBuffer: { job: Job; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wakePending = false;

  constructor(
    private readonly db: Db,
    options: JobWorkerOptions = {},
  ) {
    this.id = options.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.concurrency = options.concurrency ?? 5;
    this.batchSize = Math.min(options.batchSize ?? this.concurrency, this.concurrency);
    this.leaseSeconds = options.leaseSeconds ?? 300;
    this.maxBackoffSeconds = options.maxBackoffSeconds ?? 3600;
    this.maintenanceIntervalMs = options.maintenanceIntervalMs ?? 5000;
    this.refillAt = Math.ceil(this.batchSize / 2);
    this.clock = options.clock;
    this.log = options.log ?? silent;
    this.claimant = { db, workerId: this.id, clock: this.clock };
  }

  handle<P extends JobPayload>(queue: string, handler: JobHandler<P>): this {
    if (this.handlers.has(queue)) throw new Error(`a handler for queue "${queue}" is already registered`);
    this.handlers.set(queue, handler as JobHandler);
    return this;
  }

  /** A recurring job saved (upserted) when the worker starts; see scheduleRecurring. */
  schedule(name: string, queue: string, intervalSeconds: number, payload: JobPayload = {}): this {
    this.recurring.set(name, { name, queue, intervalSeconds, payload });
    return this;
  }

  get isRunning(): boolean {
    return this.state === 'running';
  }

  get activeCount(): number {
    return this.active.size;
  }

  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`job worker cannot start: it is ${this.state}`);
    await this.saveSchedules();
    this.state = 'running';
    this.loop = this.run();
    this.log.info({ workerId: this.id, queues: [...this.handlers.keys()] }, 'job worker started');
  }

  /** Look for jobs now rather than at the next poll (e.g. right after an enqueue in this process). */
  nudge(): void {
    this.wake();
  }

  /**
   * One pass without the polling loop: maintenance, one claim, and the handlers it started.
   * Tests drive the worker with this and an injected clock instead of waiting on timers.
   */
  async runOnce(): Promise<number> {
    await this.saveSchedules();
    await this.maintain(true);
    const free = this.concurrency - this.active.size;
    const jobs = free > 0 ? await this.claim(Math.min(this.batchSize, free)) : [];
    await Promise.all(jobs.map((job) => this.startJob(job)));
    return jobs.length;
  }

  /** Stops claiming, then waits for the handlers already running and their result writes. */
  async stop(): Promise<void> {
    if (this.state === 'running') {
      this.state = 'stopping';
      this.abort.abort();
      this.wake();
      await this.loop;
      this.log.info({ workerId: this.id, running: this.active.size }, 'job worker stopping');
    }
    await Promise.allSettled([...this.active.values()]);
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    while (this.state === 'running') {
      let requested = 0;
      let claimed = 0;
      try {
        await this.maintain(false);
        // stop() may have been called while maintenance ran: claim nothing more.
        if (this.state !== 'running') break;
        requested = Math.min(this.batchSize, this.concurrency - this.active.size);
        if (requested > 0) {
          const jobs = await this.claim(requested);
          claimed = jobs.length;
          for (const job of jobs) void this.startJob(job);
        }
      } catch (error) {
        this.log.error({ workerId: this.id, err: describeError(error) }, 'job worker poll failed');
      }
      // A full batch suggests more due jobs: claim again as soon as enough slots are free. A pass
      // with no free slot learnt nothing, so it leaves the previous answer in place.
      if (requested > 0) this.moreWaiting = claimed === requested;
      if (this.moreWaiting && this.freeSlots() >= this.refillAt) continue;
      await this.sleep(this.pollIntervalMs);
    }
  }

  private freeSlots(): number {
    return this.concurrency - this.active.size;
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakePending || this.state !== 'running') {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  private async saveSchedules(): Promise<void> {
    if (this.schedulesSaved) return;
    for (const job of this.recurring.values()) await scheduleRecurring(this.db, job, this.clock);
    this.schedulesSaved = true;
  }

  private async maintain(force: boolean): Promise<void> {
    const now = Date.now();
    if (this.active.size > 0 && now - this.lastHeartbeat >= (this.leaseSeconds * 1000) / 3) {
      this.lastHeartbeat = now;
      await renewLocks(this.claimant, [...this.active.keys()]);
    }
    if (force || now - this.lastMaintenance >= this.maintenanceIntervalMs) {
      this.lastMaintenance = now;
      for (const row of await recoverStaleJobs(this.db, this.leaseSeconds, this.clock)) {
        this.log.warn(
          { jobId: row.id, queue: row.queue, status: row.status },
          'recovered a job from a stopped worker',
        );
      }
      await enqueueDueRecurring(this.db, this.clock);
    }
  }

  private async claim(limit: number): Promise<Job[]> {
    const jobs = await claimJobs(this.claimant, [...this.handlers.keys()], limit);
    if (jobs.length > 0) this.lastHeartbeat = Date.now();
    return jobs;
  }

  private startJob(job: Job): Promise<void> {
    const promise = this.execute(job).finally(() => {
      this.active.delete(job.id);
      if (this.moreWaiting && this.freeSlots() >= this.refillAt) this.wake();
    });
    this.active.set(job.id, promise);
    return promise;
  }

  /** Never rejects: a failed handler is recorded, a failed write is left to the lease. */
  private async execute(job: Job): Promise<void> {
    const handler = this.handlers.get(job.queue);
    let failure: { error: unknown } | undefined;
    try {
      if (!handler) throw new Error(`no handler for queue "${job.queue}"`);
      await handler(job, { db: this.db, signal: this.abort.signal, log: this.log, workerId: this.id });
    } catch (error) {
      failure = { error };
    }
    try {
      if (failure) await this.markFailed(job, failure.error);
      else await this.markDone(job);
    } catch (error) {
      this.log.error(
        { jobId: job.id, queue: job.queue, err: describeError(error) },
        'could not record a job result; the lease will return the job',
      );
    }
  }

  /**
   * Successes are written in groups: jobs finishing while one write is in flight share the next
   * one, so a busy worker pays one commit for many jobs and an idle one waits for nothing.
   */
  private markDone(job: Job): Promise<void> {
    return new Promise((resolve, reject) => {
      this.doneBuffer.push({ job, resolve, reject });
      this.flushing ??= this.flushDone();
    });
  }

  private async flushDone(): Promise<void> {
    while (this.doneBuffer.length > 0) {
      const batch = this.doneBuffer.splice(0);
      try {
        await completeJobs(
          this.claimant,
          batch.map((entry) => entry.job),
        );
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.flushing = undefined;
  }

  private async markFailed(job: Job, error: unknown): Promise<void> {
    const lastError = describeError(error);
    const { dead, retryInSeconds } = await failJob(this.claimant, job, lastError, this.maxBackoffSeconds);
    const fields = { jobId: job.id, queue: job.queue, attempts: job.attempts, err: lastError };
    if (dead) this.log.error(fields, 'job failed for the last time; moved to dead letters');
    else this.log.warn({ ...fields, retryInSeconds }, 'job failed; will retry');
  }
}
