import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase } from '../../../test/helpers.js';
import type { DatabaseHandle, Db } from '../../db/connection.js';
import { enqueue, listDeadJobs, retryDeadJob, scheduleRecurring } from './queue.js';
import { JobWorker, type JobWorkerOptions } from './worker.js';

/** Time the tests step by hand; it starts a minute ahead so jobs enqueued "now" are already due. */
function fakeClock() {
  let ms = Math.ceil((Date.now() + 60_000) / 1000) * 1000;
  return {
    clock: () => new Date(ms),
    now: () => new Date(ms),
    advance(seconds: number) {
      ms += seconds * 1000;
    },
    plus: (seconds: number) => new Date(ms + seconds * 1000),
  };
}

/** Waits for a condition instead of sleeping a fixed time; fails after `timeoutMs`. */
async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describeEachDatabase('job worker', (kind) => {
  let database: DatabaseHandle;
  let db: Db;
  const workers: JobWorker[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await db.deleteFrom('jobs').execute();
    await db.deleteFrom('recurring_jobs').execute();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });

  function newWorker(options: JobWorkerOptions = {}): JobWorker {
    const worker = new JobWorker(db, { pollIntervalMs: 10, maintenanceIntervalMs: 10, ...options });
    workers.push(worker);
    return worker;
  }

  const row = (id: number | null) =>
    db.selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();

  it('runs a handler with the payload and marks the job done', async () => {
    const seen: unknown[] = [];
    const worker = newWorker().handle<{ n: number }>('test.ok', async (job) => {
      seen.push({ payload: job.payload, attempts: job.attempts });
    });
    await worker.start();
    const id = await enqueue(db, { queue: 'test.ok', payload: { n: 1 } });
    await waitFor(async () => (await row(id)).status === 'done');
    expect(seen).toEqual([{ payload: { n: 1 }, attempts: 1 }]);
    const done = await row(id);
    expect(done.finished_at).toBeInstanceOf(Date);
    expect(done.locked_by).toBeNull();
  });

  it('retries with exponential backoff, then moves the job to the dead letters', async () => {
    const time = fakeClock();
    const worker = newWorker({ clock: time.clock, maxBackoffSeconds: 15 }).handle('test.fail', async () => {
      throw new Error('gateway refused 0987654321');
    });
    const start = time.now();
    const id = await enqueue(db, { queue: 'test.fail', maxAttempts: 3, backoffSeconds: 10, runAt: start });

    expect(await worker.runOnce()).toBe(1);
    let job = await row(id);
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.run_at.getTime()).toBe(start.getTime() + 10_000);
    expect(job.last_error).toContain('gateway refused');
    expect(job.last_error).not.toContain('0987654321');

    expect(await worker.runOnce()).toBe(0);
    time.advance(10);
    expect(await worker.runOnce()).toBe(1);
    job = await row(id);
    // 10 s × 2 would be 20 s; the cap holds it at 15 s.
    expect(job).toMatchObject({ status: 'pending', attempts: 2 });
    expect(job.run_at.getTime()).toBe(start.getTime() + 25_000);

    time.advance(15);
    expect(await worker.runOnce()).toBe(1);
    job = await row(id);
    expect(job).toMatchObject({ status: 'dead', attempts: 3 });
    expect(job.finished_at).toBeInstanceOf(Date);
    expect(job.last_error).toContain('gateway refused');

    time.advance(3600);
    expect(await worker.runOnce()).toBe(0);
    expect((await listDeadJobs(db)).map((dead) => dead.id)).toEqual([id]);
    expect(await retryDeadJob(db, id!)).toBe('retried');
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await retryDeadJob(db, id!)).toBe('not_found');
  });

  it('does not run a scheduled job before its time', async () => {
    const time = fakeClock();
    let runs = 0;
    const worker = newWorker({ clock: time.clock }).handle('test.later', async () => {
      runs += 1;
    });
    await enqueue(db, { queue: 'test.later', runAt: time.plus(3600) });
    expect(await worker.runOnce()).toBe(0);
    time.advance(3599);
    expect(await worker.runOnce()).toBe(0);
    time.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(runs).toBe(1);
  });

  it('enqueues a recurring job once per interval even with two workers', async () => {
    const time = fakeClock();
    const runs: number[] = [];
    const a = newWorker({ clock: time.clock });
    const b = newWorker({ clock: time.clock });
    for (const worker of [a, b]) worker.handle('test.recurring', async (job) => void runs.push(job.id));
    await scheduleRecurring(
      db,
      { name: 'test-every-minute', queue: 'test.recurring', intervalSeconds: 60, firstRunAt: time.now() },
      time.clock,
    );
    const bothWorkers = () => Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    const jobCount = async () =>
      (await db.selectFrom('jobs').select('id').where('queue', '=', 'test.recurring').execute()).length;
    const nextRun = async () =>
      (await db.selectFrom('recurring_jobs').select('next_run_at').executeTakeFirstOrThrow()).next_run_at;

    await bothWorkers();
    expect(await jobCount()).toBe(1);
    expect((await nextRun()).getTime()).toBe(time.plus(60).getTime());

    time.advance(30);
    await bothWorkers();
    expect(await jobCount()).toBe(1);

    time.advance(30);
    await bothWorkers();
    expect(await jobCount()).toBe(2);

    // Ten missed intervals (the service was down) collapse into one run, and the schedule moves on.
    time.advance(600);
    await bothWorkers();
    expect(await jobCount()).toBe(3);
    expect((await nextRun()).getTime()).toBe(time.plus(60).getTime());
    await waitFor(() => runs.length === 3);
    expect(new Set(runs).size).toBe(3);
  });

  it('returns a job from a crashed worker to the queue after the lease expires', async () => {
    const time = fakeClock();
    const ran: number[] = [];
    const worker = newWorker({ clock: time.clock, leaseSeconds: 300 }).handle('test.crash', async (job) => {
      ran.push(job.id);
    });
    const claimedBy = async (lockedSecondsAgo: number, attempts: number) => {
      const id = await enqueue(db, { queue: 'test.crash', maxAttempts: 3 });
      await db
        .updateTable('jobs')
        .set({
          status: 'running',
          attempts,
          locked_by: 'crashed-worker',
          locked_at: time.plus(-lockedSecondsAgo),
        })
        .where('id', '=', id!)
        .execute();
      return id!;
    };
    const orphan = await claimedBy(301, 1);
    const stillLeased = await claimedBy(100, 1);
    const poisonPill = await claimedBy(600, 3);

    expect(await worker.runOnce()).toBe(1);
    expect(ran).toEqual([orphan]);
    expect(await row(orphan)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await row(stillLeased)).toMatchObject({ status: 'running', locked_by: 'crashed-worker' });
    const dead = await row(poisonPill);
    expect(dead.status).toBe('dead');
    expect(dead.last_error).toContain('lease expired');
  });

  it('stop() stops claiming and waits for the running handler', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    let aborted = false;
    const worker = newWorker({ concurrency: 1 }).handle('test.slow', async (_job, ctx) => {
      started += 1;
      await gate;
      aborted = ctx.signal.aborted;
    });
    await worker.start();
    const first = await enqueue(db, { queue: 'test.slow' });
    await waitFor(() => started === 1);
    const second = await enqueue(db, { queue: 'test.slow' });

    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    // Many turns of the event loop: stop() cannot finish while the handler waits on the gate.
    for (let i = 0; i < 50; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect(worker.activeCount).toBe(1);

    release();
    await stopping;
    expect(aborted).toBe(true);
    expect((await row(first)).status).toBe('done');
    expect((await row(second)).status).toBe('pending');
    expect(started).toBe(1);
  });

  it('keeps to the concurrency limit and runs each job exactly once across two workers', async () => {
    const runs = new Map<number, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = async (job: { id: number }) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      inFlight -= 1;
    };
    const a = newWorker({ concurrency: 2 }).handle('test.many', handler);
    const b = newWorker({ concurrency: 2 }).handle('test.many', handler);
    for (let i = 0; i < 40; i += 1) await enqueue(db, { queue: 'test.many', payload: { i } });
    await Promise.all([a.start(), b.start()]);
    await waitFor(() => runs.size === 40);
    await Promise.all([a.stop(), b.stop()]);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    const left = await db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute();
    expect(left).toEqual([]);
  });
});
