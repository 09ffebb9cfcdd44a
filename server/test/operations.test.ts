import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { buildTestApp, describeEachDatabase, type TestApp } from './helpers.js';

describeEachDatabase('operations', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { env: { RATE_LIMIT_MAX: '5', METRICS_TOKEN: 'metrics-secret' } });
  });
  afterAll(async () => t?.close());

  it('limits the request rate per client with 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.app.inject({ url: '/ready', remoteAddress: '10.0.0.9' })).statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.app.inject({ url: '/ready', remoteAddress: '10.0.0.9' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Another client is not affected.
    expect((await t.app.inject({ url: '/ready', remoteAddress: '10.0.0.10' })).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics behind the metrics token', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-secret' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/ready",status_code="200"\} \d+/);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/db_pool_connections\{state="max"\} \d+/);
    expect(res.body).toContain('# TYPE job_queue_depth gauge');
  });
});

describe('readiness', () => {
  it('answers 503 when the database is unreachable', async () => {
    // Nothing listens on port 1: every query fails, the process itself is alive.
    const database = await openDatabase({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
      dataDir: 'unused',
    });
    const t = await buildTestApp('pglite', { database });
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'down' });
    await t.close();
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.runIf(redisUrl)('rate limit shared through Redis', () => {
  it('counts one client across two app instances', async () => {
    const redis = new Redis(redisUrl!);
    await redis.flushdb();
    await redis.quit();
    const env = { RATE_LIMIT_MAX: '3', REDIS_URL: redisUrl! };
    const a = await buildTestApp('pglite', { env });
    const b = await buildTestApp('pglite', { env });
    const codes = [];
    for (const app of [a.app, b.app, a.app, b.app]) {
      codes.push((await app.inject({ url: '/health', remoteAddress: '10.1.1.1' })).statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    await a.close();
    await b.close();
  });
});
