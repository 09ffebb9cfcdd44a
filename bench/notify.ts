/**
 * Notification benchmark (`npm run bench:notify`, or `npx tsx bench/notify.ts`): a broadcast to
 * NOTIFY_N simulated followers (default 200,000) through the fake Zalo OA (its own process), on
 * PostgreSQL (DATABASE_URL, default local; a scratch database is created and dropped), with the
 * server's own job worker, limiter and token store. Prints JSON: messages, seconds, messages/s,
 * CPU ms per message (this process), duplicates and lost as the fake counted them, and the highest
 * number of messages the fake saw in any 60 s window against the configured limit.
 * Goal: ≥ 2,000 messages/s, 0 duplicates, 0 lost, never above the limit.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/connection.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { withTx } from '../server/src/db/transaction-guard.js';
import { notifyServicesOf } from '../server/src/modules/notifications/notifications.routes.js';
import { JobWorker } from '../server/src/platform/jobs/worker.js';
import { createBroadcast } from '../server/src/platform/notify/broadcast.js';

const N = Number(process.env.NOTIFY_N ?? 200_000);
const LIMIT = Number(process.env.NOTIFY_LIMIT_PER_MINUTE ?? 600_000);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TENANT = 'bench';

interface FakeInfo {
  url: string;
  refreshToken: string;
  appId: string;
  appSecret: string;
}

async function startFake(followers: number) {
  const script = fileURLToPath(new URL('./notify-fake.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(followers)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake Zalo exited with ${code}`)));
  });
  return { info: JSON.parse(line) as FakeInfo, stop: () => child.stdin.end() };
}

async function main(): Promise<void> {
  const name = `ctic_bench_notify_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const fake = await startFake(N);
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolMax: 10 });
  try {
    await migrateToLatest(database.db);
    const { info } = fake;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: 'memory://',
      DEMO_DATA: 'false',
      WORKER: 'false',
      ZALO_APP_ID: info.appId,
      ZALO_APP_SECRET: info.appSecret,
      ZALO_OAUTH_URL: info.url,
      ZALO_OPENAPI_URL: info.url,
      ZALO_BUSINESS_URL: info.url,
      ZALO_GRAPH_URL: info.url,
    });
    const worker = new JobWorker(database.db, { concurrency: 6, batchSize: 6, pollIntervalMs: 50 });
    const app = await buildApp({ config, database, overrides: { worker }, staticApps: false });
    await app.ready();
    const db = database.db;
    await sql`insert into tenants (id, code, name, short_name, host_names, utilities, branding, hotlines, zalo_app_id)
      values (${TENANT}, '99', 'Tỉnh Benchmark', 'Bench', '{}', '[]', '{}', '[]', ${info.appId})`.execute(db);
    await db
      .insertInto('notification_settings')
      .values({ tenant_id: TENANT, oa_rate_per_minute: LIMIT, routing: JSON.stringify({}) })
      .execute();
    await notifyServicesOf(app.ctx).tokens.setRefreshToken(TENANT, info.refreshToken);
    await sql`insert into oa_followers (tenant_id, oa_user_id, followed, followed_at)
      select ${TENANT}, 'b-' || lpad(g::text, 7, '0'), true, now() from generate_series(1, ${N}) g`.execute(
      db,
    );
    await sql`analyze`.execute(db);

    const cpu = process.cpuUsage();
    const started = performance.now();
    const id = await withTx(db, (tx) =>
      createBroadcast(tx, {
        tenantId: TENANT,
        type: 'broadcast.news',
        data: {
          title: 'Lịch tiếp công dân',
          summary: 'UBND tỉnh tiếp công dân định kỳ vào thứ Năm hằng tuần.',
        },
      }),
    );
    await worker.start();
    for (;;) {
      const b = await db
        .selectFrom('broadcasts')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (b.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    await worker.stop();
    const stats = (await (await fetch(`${info.url}/__fake/stats`)).json()) as {
      oaRecipients: number;
      duplicates: number;
      maxPerMinute: number;
    };
    const progress = await db
      .selectFrom('broadcasts')
      .select(['recipients', 'sent', 'failed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await app.close();
    console.log(
      JSON.stringify(
        {
          database: 'postgres',
          messages: progress.sent,
          recipients: progress.recipients,
          seconds: Math.round(seconds * 100) / 100,
          messagesPerSecond: Math.round(progress.sent / seconds),
          cpuMsPerMessage:
            Math.round(((used.user + used.system) / 1000 / Math.max(progress.sent, 1)) * 1000) / 1000,
          duplicates: stats.duplicates,
          lost: N - stats.oaRecipients,
          failed: progress.failed,
          maxPerMinuteSeenByFake: stats.maxPerMinute,
          limitPerMinute: LIMIT,
          withinLimit: stats.maxPerMinute <= LIMIT,
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
    fake.stop();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
