/**
 * Field incident reports (issue 6) against their goals, on PostgreSQL with the real server process
 * (`server/src/main.ts`, demo data) in its own fresh database:
 *  1. submission of a report with one 1 MB JPEG through the HTTP API, as the mini app does it
 *     (POST /api/files, then POST /api/me/reports): submissions/s ≥ 40 and p99 ≤ 500 ms on 2 cores;
 *  2. the nearby-duplicate query among BENCH_REPORTS reports (default 1,000,000, written with
 *     generate_series): p99 ≤ 25 ms;
 *  3. the public feed's first page among the same reports.
 * Run alone: npx tsx bench/reports.ts (DATABASE_URL, default local; BENCH_SECONDS, default 10);
 * `npm run bench:api` runs it too.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import sharp from 'sharp';
import { REPORTS, seed, TENANT, type Seeded } from './reports-seed.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
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
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function loadGet(port: number, name: string, urlPath: string, seconds: number, connections: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections,
    duration: seconds,
    headers: { 'x-tenant-id': TENANT },
  });
  return {
    route: name,
    path: urlPath,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * A 1 MB photo as the mini app sends it (longest side 1600 px, JPEG): a gradient with grain, the
 * grain tuned until the file is about 1 MB — pure noise would be smaller in pixels for the same size
 * and cheaper to re-encode than a real photo.
 */
async function oneMegabyteJpeg(): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const noise = randomBytes(width * height * 3);
  let amplitude = 0.5;
  for (;;) {
    const raw = Buffer.alloc(width * height * 3);
    for (let i = 0; i < raw.length; i += 1) {
      const x = (i / 3) % width;
      const y = Math.floor(i / 3 / width);
      const base = ((x / width) * 150 + (y / height) * 100) * (i % 3 === 1 ? 0.7 : 1);
      raw[i] = Math.max(0, Math.min(255, base + (noise[i]! - 128) * amplitude));
    }
    const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer();
    if (jpeg.length >= 950_000 && jpeg.length <= 1_100_000) return jpeg;
    amplitude *= jpeg.length < 950_000 ? 1.15 : 0.9;
  }
}

const BOUNDARY = '----bench-report-photo-7f3a9c';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * SUBMITTERS citizens submit in a loop for `seconds`: upload, then file. Each submission comes from
 * its own client address (X-Forwarded-For behind TRUST_PROXY): the upload route's per-client limit
 * is for one phone, and this measures many phones at once.
 */
async function submissions(port: number, seeded: Seeded, seconds: number) {
  const jpeg = await oneMegabyteJpeg();
  // The multipart body is built once, as a load generator should: the machine's two cores are
  // shared with the server, and re-encoding a 1 MB form per request took a quarter of a core.
  const uploadBody = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="anh.jpg"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    ),
    jpeg,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const base = `http://127.0.0.1:${port}`;
  const latencies: number[] = [];
  /** Where the time goes: the upload (re-encoding the photo) against the filing itself. */
  const uploadMs: number[] = [];
  let failures = 0;
  /** The first refusal, so a run that measured nothing says why. */
  let firstFailure: string | null = null;
  const fail = (status: number, body: string) => {
    failures += 1;
    firstFailure ??= `${status} ${body.slice(0, 300)}`;
  };
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const submitter = async (token: string) => {
    while (performance.now() < until) {
      const at = performance.now();
      const headers = {
        authorization: `Bearer ${token}`,
        'x-tenant-id': TENANT,
        'x-forwarded-for': `10.${randomBytes(3).join('.')}`,
      };
      const upload = await fetch(`${base}/api/files?kind=image`, {
        method: 'POST',
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body: uploadBody,
      });
      const uploadText = await upload.text();
      const file = (upload.status === 201 ? JSON.parse(uploadText) : {}) as { id?: string };
      if (!file.id) {
        fail(upload.status, uploadText);
        continue;
      }
      const jitter = () => (Math.random() - 0.5) * 0.01;
      uploadMs.push(performance.now() - at);
      const res = await fetch(`${base}/api/me/reports`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          categoryId: seeded.categoryId,
          description: 'Cây đổ chắn ngang đường sau cơn mưa lớn',
          lat: seeded.point.lat + jitter(),
          lng: seeded.point.lng + jitter(),
          locationSource: 'device',
          photoFileIds: [file.id],
          showName: false,
        }),
      });
      const text = await res.text();
      if (res.status !== 201) fail(res.status, text);
      else latencies.push(performance.now() - at);
    }
  };
  await Promise.all(seeded.tokens.map((t) => submitter(t)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  uploadMs.sort((a, b) => a - b);
  return {
    route: 'report submission with one 1 MB JPEG (upload + POST /api/me/reports)',
    photoBytes: jpeg.length,
    concurrency: seeded.tokens.length,
    submissionsPerSec: Number((latencies.length / elapsed).toFixed(1)),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    uploadP50Ms: Math.round(percentile(uploadMs, 50)),
    failures,
    firstFailure,
  };
}

export async function reportBenchmarks(options: { seconds: number; connections: number; port?: number }) {
  const port = options.port ?? 3904;
  const name = `ctic_bench_reports_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const server = await startServer({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WORKER: 'false',
    RATE_LIMIT_MAX: '1000000',
    TRUST_PROXY: 'true',
    DATABASE_URL: url.toString(),
  });
  try {
    const seeded = await seed(url.toString());
    const { lat, lng } = seeded.point;
    const nearbyPath = `/api/reports/nearby?categoryId=${seeded.categoryId}&lat=${lat}&lng=${lng}`;
    // What one answer holds: a measurement of an empty answer would flatter the query.
    const sample = await fetch(`http://127.0.0.1:${port}${nearbyPath}`, {
      headers: { 'x-tenant-id': TENANT },
    });
    const found = ((await sample.json()) as unknown[]).length;
    const nearby = {
      ...(await loadGet(
        port,
        `nearby duplicates (${REPORTS} reports)`,
        nearbyPath,
        options.seconds,
        options.connections,
      )),
      reportsPerAnswer: found,
    };
    // The same query with one client: its own latency, without queueing behind 49 others.
    const nearbyAlone = await loadGet(port, 'nearby duplicates, one client', nearbyPath, options.seconds, 1);
    const feed = await loadGet(
      port,
      `public feed, first page (${REPORTS} reports)`,
      '/api/reports/feed?page=1&pageSize=20',
      options.seconds,
      options.connections,
    );
    const submission = await submissions(port, seeded, options.seconds);
    return {
      database: 'postgres',
      results: [submission, nearby, nearbyAlone, feed],
      budget: { submissionsPerSecMin: 40, submissionP99MsMax: 500, nearbyP99MsMax: 25 },
    };
  } finally {
    await stopServer(server);
    const cleanup = new pg.Client({ connectionString: DATABASE_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const result = await reportBenchmarks({ seconds, connections: 50 });
  console.log(JSON.stringify({ benchmark: 'api: reports', seconds, ...result }, null, 2));
}
