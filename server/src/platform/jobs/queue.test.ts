import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { insertTenant } from '../../../test/fixtures.js';
import { createTestDatabase, describeEachDatabase } from '../../../test/helpers.js';
import type { DatabaseHandle, Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { cleanup, CLEANUP_QUEUE, registerPlatformJobs } from './maintenance.js';
import { createJobs, enqueue, retryDeadJob } from './queue.js';
import { JobWorker } from './worker.js';

describeEachDatabase('job queue', (kind) => {
  let database: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await insertTenant(db, 'tinh-a');
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await db.deleteFrom('jobs').execute();
  });

  const jobIds = async (queue: string) =>
    (await db.selectFrom('jobs').select('id').where('queue', '=', queue).execute()).map((r) => r.id);

  it('commits a job with its transaction and drops it on rollback (outbox)', async () => {
    await expect(
      withTx(db, async (tx) => {
        await enqueue(tx, { queue: 'test.outbox', payload: { dossier: 1 }, tenantId: 'tinh-a' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await jobIds('test.outbox')).toEqual([]);

    const id = await withTx(db, (tx) => enqueue(tx, { queue: 'test.outbox', payload: { dossier: 2 } }));
    expect(await jobIds('test.outbox')).toEqual([id]);
  });

  it('keeps one pending job per singleton key', async () => {
    const first = await enqueue(db, { queue: 'test.single', singletonKey: 'citizen-1' });
    expect(first).toEqual(expect.any(Number));
    expect(await enqueue(db, { queue: 'test.single', singletonKey: 'citizen-1' })).toBeNull();
    // Another key, or the same key on another queue, is a different job.
    expect(await enqueue(db, { queue: 'test.single', singletonKey: 'citizen-2' })).not.toBeNull();
    expect(await enqueue(db, { queue: 'test.other', singletonKey: 'citizen-1' })).not.toBeNull();
    expect(await jobIds('test.single')).toHaveLength(2);

    // Once the job has finished, the key is free again.
    await db.updateTable('jobs').set({ status: 'done' }).where('id', '=', first).execute();
    expect(await enqueue(db, { queue: 'test.single', singletonKey: 'citizen-1' })).not.toBeNull();
  });

  it('refuses to retry a dead job whose singleton key is taken again', async () => {
    const dead = await enqueue(db, { queue: 'test.single', singletonKey: 'k' });
    await db.updateTable('jobs').set({ status: 'dead' }).where('id', '=', dead).execute();
    await enqueue(db, { queue: 'test.single', singletonKey: 'k' });
    expect(await retryDeadJob(db, dead!)).toBe('duplicate');
  });

  it('reports queue depth per queue and status', async () => {
    await enqueue(db, { queue: 'test.a' });
    await enqueue(db, { queue: 'test.a' });
    const running = await enqueue(db, { queue: 'test.b' });
    await db.updateTable('jobs').set({ status: 'running' }).where('id', '=', running).execute();
    const jobs = createJobs(db);
    expect(await jobs.depth()).toEqual([
      { queue: 'test.a', status: 'pending', count: 2 },
      { queue: 'test.b', status: 'running', count: 1 },
    ]);
  });

  it('validates what it enqueues', async () => {
    await expect(enqueue(db, { queue: 'bad queue name' })).rejects.toThrow('invalid queue name');
    await expect(enqueue(db, { queue: 'test.a', maxAttempts: 0 })).rejects.toThrow('maxAttempts');
  });

  it('the hourly maintenance job removes expired sessions, old one-time codes and old jobs', async () => {
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    const session = (id: string, expiresAt: Date) => ({
      id,
      tenant_id: 'tinh-a',
      subject_type: 'citizen' as const,
      subject_id: randomUUID(),
      expires_at: expiresAt,
    });
    await db
      .insertInto('sessions')
      .values([session('expired', hoursAgo(1)), session('live', hoursAgo(-1))])
      .execute();
    const otp = (phone: string, createdAt: Date, consumed: boolean) => ({
      tenant_id: 'tinh-a',
      phone,
      code_hash: 'x',
      created_at: createdAt,
      expires_at: new Date(createdAt.getTime() + 5 * 60_000),
      consumed_at: consumed ? createdAt : null,
    });
    await db
      .insertInto('otp_challenges')
      .values([
        otp('old', hoursAgo(30), false),
        otp('old-used', hoursAgo(25), true),
        otp('today', hoursAgo(2), true),
      ])
      .execute();
    const oldDone = await enqueue(db, { queue: 'test.old' });
    const recentDone = await enqueue(db, { queue: 'test.old' });
    await db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: hoursAgo(24 * 8) })
      .where('id', '=', oldDone)
      .execute();
    await db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: hoursAgo(1) })
      .where('id', '=', recentDone)
      .execute();

    const worker = new JobWorker(db);
    registerPlatformJobs(worker);
    expect(await worker.runOnce()).toBe(1);
    await worker.stop();

    expect((await db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual(['live']);
    expect((await db.selectFrom('otp_challenges').select('phone').execute()).map((r) => r.phone)).toEqual([
      'today',
    ]);
    expect(await jobIds('test.old')).toEqual([recentDone]);
    const [run] = await db.selectFrom('jobs').selectAll().where('queue', '=', CLEANUP_QUEUE).execute();
    expect(run).toMatchObject({ status: 'done', singleton_key: `recurring:${CLEANUP_QUEUE}` });
    const schedule = await db.selectFrom('recurring_jobs').selectAll().executeTakeFirstOrThrow();
    expect(schedule).toMatchObject({ name: CLEANUP_QUEUE, queue: CLEANUP_QUEUE, interval_seconds: 3600 });

    // Nothing left to remove: a second pass is a no-op.
    expect(await cleanup(db)).toEqual({ sessions: 0, otpChallenges: 0, doneJobs: 0, deadJobs: 0 });
  });
});
