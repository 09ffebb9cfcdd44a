/**
 * Job queue benchmark: our jobs table claimed with FOR UPDATE SKIP LOCKED against pg-boss 10, on
 * the embedded database (PGlite in memory) and on PostgreSQL (DATABASE_URL, default local; a
 * scratch database is created and dropped). For N trivial jobs it measures
 *   enqueue     N sequential single-job enqueues (one autocommit statement each, as a request would);
 *   drain       N already-enqueued jobs run to completion by one worker;
 *   endToEnd    N enqueued one by one while the worker runs, until the last is complete.
 * Prints JSON. Run: npx tsx bench/jobs.ts  (JOBS_N to change N).
 */
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { openDatabase, type DatabaseHandle } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { installTypeParsers } from '../server/src/db/pg-types.js';
import { enqueue } from '../server/src/platform/jobs/queue.js';
import { JobWorker } from '../server/src/platform/jobs/worker.js';

const N = Number(process.env.JOBS_N ?? 2000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OURS = { concurrency: 10, batchSize: 10, pollIntervalMs: 500 };
// pg-boss 10 runs a fetched batch, then waits out the rest of its polling interval (0.5 s minimum):
// a batch of 100 is what lets it approach its best throughput on trivial jobs.
const BOSS = { batchSize: 100, pollingIntervalSeconds: 0.5 };
// The per-job equivalent of our worker (10 jobs in flight, one handler call each) is 10 work()
// subscriptions with batchSize 1; it is bound by the polling interval, so a short run shows it.
const BOSS_PER_JOB = { workers: 10, n: 200 };

type Kind = 'pglite' | 'postgres';

interface Result {
  queue: 'skip-locked' | 'pg-boss';
  database: Kind;
  n: number;
  enqueuePerSec: number;
  drainPerSec: number;
  endToEndPerSec: number;
  perJobDrainPerSec?: number;
  settings: Record<string, unknown>;
}

const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('benchmark timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ctic_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function benchOurs(kind: Kind, url: string | undefined): Promise<Result> {
  const database: DatabaseHandle = await openDatabase({
    databaseUrl: url,
    dataDir: 'memory://',
    poolMax: 10,
  });
  await migrateToLatest(database.db);
  const { db } = database;
  const remaining = async () =>
    Number(
      (
        await db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '!=', 'done')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const enqueueAll = async (queue: string) => {
    for (let i = 0; i < N; i += 1) await enqueue(db, { queue, payload: { i } });
  };
  const newWorker = () => new JobWorker(db, OURS).handle('bench', async () => undefined);

  const enqueueMs = await timed(() => enqueueAll('bench'));
  const drainWorker = newWorker();
  const drainMs = await timed(async () => {
    await drainWorker.start();
    await waitUntil(async () => (await remaining()) === 0);
  });
  await drainWorker.stop();

  const e2eWorker = newWorker();
  await e2eWorker.start();
  const e2eMs = await timed(async () => {
    await enqueueAll('bench');
    await waitUntil(async () => (await remaining()) === 0);
  });
  await e2eWorker.stop();
  await database.close();
  return {
    queue: 'skip-locked',
    database: kind,
    n: N,
    enqueuePerSec: perSec(N, enqueueMs),
    drainPerSec: perSec(N, drainMs),
    endToEndPerSec: perSec(N, e2eMs),
    settings: OURS,
  };
}

async function benchBoss(kind: Kind, url: string | undefined): Promise<Result> {
  let closeDb = async () => undefined as void;
  let options: PgBoss.ConstructorOptions;
  if (kind === 'pglite') {
    // pg-boss drives the embedded database through the same node-postgres adapter as the app.
    const pglite = await PGlite.create('memory://');
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    options = { db: { executeSql: (text, values) => pool.query(text, values) } };
    closeDb = async () => {
      await pool.end();
      await pglite.close();
    };
  } else {
    options = { connectionString: url, max: 10 };
  }
  const boss = new PgBoss({ ...options, schedule: false });
  boss.on('error', (error) => console.error('pg-boss error:', error.message));
  await boss.start();
  const remaining = (queue: string) => boss.getQueueSize(queue, { before: 'completed' });
  const enqueueAll = async (queue: string, n = N) => {
    for (let i = 0; i < n; i += 1) await boss.send(queue, { i });
  };
  for (const queue of ['bench', 'bench-e2e', 'bench-per-job']) await boss.createQueue(queue);

  const enqueueMs = await timed(() => enqueueAll('bench'));
  const drainMs = await timed(async () => {
    await boss.work('bench', BOSS, async () => undefined);
    await waitUntil(async () => (await remaining('bench')) === 0);
  });
  await boss.offWork('bench');

  await boss.work('bench-e2e', BOSS, async () => undefined);
  const e2eMs = await timed(async () => {
    await enqueueAll('bench-e2e');
    await waitUntil(async () => (await remaining('bench-e2e')) === 0);
  });
  await boss.offWork('bench-e2e');

  await enqueueAll('bench-per-job', BOSS_PER_JOB.n);
  const perJobMs = await timed(async () => {
    for (let i = 0; i < BOSS_PER_JOB.workers; i += 1) {
      await boss.work('bench-per-job', { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => undefined);
    }
    await waitUntil(async () => (await remaining('bench-per-job')) === 0);
  });

  await boss.stop({ graceful: true, wait: true, close: kind === 'postgres' });
  await closeDb();
  return {
    queue: 'pg-boss',
    database: kind,
    n: N,
    enqueuePerSec: perSec(N, enqueueMs),
    drainPerSec: perSec(N, drainMs),
    endToEndPerSec: perSec(N, e2eMs),
    perJobDrainPerSec: perSec(BOSS_PER_JOB.n, perJobMs),
    settings: { ...BOSS, perJob: { ...BOSS_PER_JOB, batchSize: 1 } },
  };
}

async function main(): Promise<void> {
  installTypeParsers();
  const results: Result[] = [];
  const errors: { queue: string; database: Kind; error: string }[] = [];
  const attempt = async (queue: string, database: Kind, run: () => Promise<Result>) => {
    try {
      results.push(await run());
    } catch (error) {
      errors.push({ queue, database, error: error instanceof Error ? error.message : String(error) });
    }
  };

  await attempt('skip-locked', 'pglite', () => benchOurs('pglite', undefined));
  await attempt('pg-boss', 'pglite', () => benchBoss('pglite', undefined));

  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  try {
    scratch = await scratchDatabase();
  } catch (error) {
    errors.push({
      queue: '*',
      database: 'postgres',
      error: `no PostgreSQL at DATABASE_URL: ${String(error)}`,
    });
  }
  if (scratch) {
    const url = scratch.url;
    await attempt('skip-locked', 'postgres', () => benchOurs('postgres', url));
    await attempt('pg-boss', 'postgres', () => benchBoss('postgres', url));
    await scratch.drop();
  }

  const report = {
    benchmark: 'jobs',
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    results,
    errors,
  };
  console.log(JSON.stringify(report, null, 2));
}

await main();
