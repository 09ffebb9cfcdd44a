/**
 * API throughput and latency against DESIGN.md §5: indexed reads ≥ 50% of a bare Fastify JSON
 * route's throughput on the same machine in the same run, p99 ≤ 25 ms at 50 connections on
 * PostgreSQL. The servers run as their own processes (the real `server/src/main.ts` with demo data);
 * autocannon drives them from this one. Prints JSON.
 * On PostgreSQL it also writes BENCH_DOSSIERS dossiers (default 1,000,000) and measures the public
 * lookup by code among them; procedure search runs on both databases against the demo catalog.
 * Run: npm run bench:api   (DATABASE_URL for PostgreSQL, default local; BENCH_SECONDS, default 10)
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { reportBenchmarks } from './reports.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');

interface Target {
  name: string;
  path: string;
}

async function start(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function load(port: number, target: Target) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${target.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'x-tenant-id': 'tay-ninh' },
  });
  return {
    route: target.name,
    path: target.path,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function platformRun(database: 'pglite' | 'postgres', port: number) {
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WORKER: 'false',
    RATE_LIMIT_MAX: '1000000',
    LOOKUP_RATE_LIMIT_MAX: '1000000',
  };
  let cleanup: () => Promise<void>;
  if (database === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctic-bench-'));
    env.DATA_DIR = dir;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `ctic_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup = async () => {
      const admin2 = new pg.Client({ connectionString: DATABASE_URL });
      await admin2.connect();
      await admin2.query(`drop database if exists ${name} with (force)`);
      await admin2.end();
    };
  }
  const server = await start('server/src/main.ts', env);
  try {
    const dossierTargets = database === 'postgres' ? await seedDossiers(env.DATABASE_URL!) : [];
    // One indexed lookup by primary key: an agency the demo seed created.
    const list = (await (
      await fetch(`http://127.0.0.1:${port}/api/agencies?pageSize=1`, {
        headers: { 'x-tenant-id': 'tay-ninh' },
      })
    ).json()) as { items: { id: string }[] };
    const agencyId = list.items[0]?.id;
    if (!agencyId) throw new Error('demo data missing');
    const targets: Target[] = [
      { name: 'tenant config (cached)', path: '/api/tenant' },
      { name: 'agency by id (indexed read)', path: `/api/agencies/${agencyId}` },
      { name: 'agency search (trigram, accent-insensitive)', path: '/api/agencies?q=tu%20phap' },
      { name: 'procedure search (trigram, accent-insensitive)', path: '/api/procedures?q=khai%20sinh' },
      ...dossierTargets,
    ];
    const results = [];
    for (const target of targets) results.push(await load(port, target));
    return results;
  } finally {
    await stop(server);
    await cleanup();
  }
}

/**
 * DOSSIERS dossiers (default 1,000,000) spread over the demo procedures, written by one SQL
 * statement per 100,000 rows, then a lookup by code + the phone's last four digits of one of them.
 */
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
async function seedDossiers(databaseUrl: string): Promise<Target[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: procedures } = await db.query<{ id: string; agency_id: string; agency_code: string }>(
      `select p.id, p.agency_id, a.code as agency_code from procedures p join agencies a on a.id = p.agency_id
       where p.tenant_id = 'tay-ninh' order by p.code`,
    );
    if (procedures.length === 0) throw new Error('demo procedures missing');
    const ids = procedures.map((p) => p.id);
    const agencies = procedures.map((p) => p.agency_id);
    const codes = procedures.map((p) => p.agency_code);
    const started = Date.now();
    for (let from = 0; from < DOSSIERS; from += 100_000) {
      const to = Math.min(from + 100_000, DOSSIERS) - 1;
      // Day g / 2000 and sequence g % 2000 + 1 make every code unique whatever the agency prefix.
      await db.query(
        `insert into dossiers (tenant_id, code, procedure_id, agency_id, channel, status, applicant_name,
           applicant_phone, search_norm, data, lookup_secret, submitted_at, received_at, due_at)
         select 'tay-ninh', c.code, ($1::uuid[])[1 + g % $4], ($2::uuid[])[1 + g % $4], 'app',
           (array['submitted','received','processing','result_ready','returned'])[1 + g % 5],
           'Nguyễn Văn ' || g, c.phone, lower(c.code || ' nguyen van ' || g || ' ' || c.phone), '{}',
           md5(g::text), c.day, c.day + interval '1 hour', c.day + interval '10 days'
         from generate_series($5::int, $6::int) g
         cross join lateral (select
           ($3::text[])[1 + g % $4] || '-' || to_char(date '2024-01-01' + g / 2000, 'YYMMDD') || '-' ||
             lpad((g % 2000 + 1)::text, 4, '0') as code,
           '09' || lpad((g % 100000000)::text, 8, '0') as phone,
           (date '2024-01-01' + g / 2000)::timestamptz as day) c`,
        [ids, agencies, codes, procedures.length, from, to],
      );
    }
    await db.query('analyze dossiers');
    const probe = Math.floor(DOSSIERS / 2);
    const { rows } = await db.query<{ code: string; applicant_phone: string }>(
      `select code, applicant_phone from dossiers where tenant_id = 'tay-ninh' and applicant_name = $1`,
      [`Nguyễn Văn ${probe}`],
    );
    const dossier = rows[0];
    if (!dossier) throw new Error('seeded dossier not found');
    process.stderr.write(`seeded ${DOSSIERS} dossiers in ${Math.round((Date.now() - started) / 1000)} s\n`);
    return [
      {
        name: `dossier lookup by code + phone (${DOSSIERS} dossiers)`,
        path: `/api/dossiers/lookup?code=${encodeURIComponent(dossier.code)}&phoneLast4=${dossier.applicant_phone.slice(-4)}`,
      },
    ];
  } finally {
    await db.end();
  }
}

const bare = await start('bench/bare-server.ts', { PORT: '3901' });
const baseline = await load(3901, { name: 'bare Fastify JSON', path: '/hello' });
await stop(bare);

const runs = [];
for (const [database, port] of [
  ['pglite', 3902],
  ['postgres', 3903],
] as const) {
  const results = await platformRun(database, port);
  runs.push({
    database,
    results: results.map((r) => ({
      ...r,
      ratioToBare: Number((r.requestsPerSec / baseline.requestsPerSec).toFixed(2)),
    })),
  });
}

// Field incident reports (bench/reports.ts): their own server and database, PostgreSQL only.
const reports = await reportBenchmarks({ seconds: SECONDS, connections: CONNECTIONS });

console.log(
  JSON.stringify(
    {
      benchmark: 'api',
      node: process.version,
      cpus: os.cpus().length,
      connections: CONNECTIONS,
      seconds: SECONDS,
      baseline,
      runs,
      budget: { indexedReadRatioMin: 0.5, p99MsMaxPostgres: 25 },
      reports,
    },
    null,
    2,
  ),
);
