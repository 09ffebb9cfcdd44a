import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDatabase } from '../../../test/helpers.js';
import type { DatabaseHandle } from '../../db/connection.js';
import { DbRateLimiter, type RateLimiter } from './rate-limiter.js';
import { RedisRateLimiter } from './rate-limiter-redis.js';

/** Two limiters (two processes) asking at once never get more than the limit between them. */
async function neverAboveTheLimit(a: RateLimiter, b: RateLimiter) {
  const key = `test:${randomBytes(4).toString('hex')}`;
  const asks = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).acquire(key, 50, 3));
  const grants = await Promise.all(asks);
  const total = grants.reduce((t, g) => t + g.granted, 0);
  expect(total).toBe(50);
  const refused = grants.filter((g) => g.granted === 0);
  expect(refused.length).toBeGreaterThan(0);
  // Nothing frees up before the oldest grant leaves the 62-second window.
  for (const g of refused) expect(g.retryAfterMs).toBeGreaterThan(50_000);
  for (const g of grants) expect(g.deadline).toBeGreaterThan(Date.now());
}

describeEachDatabase('Shared rate limiter on the database', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('grants at most the limit across limiters', async () => {
    await neverAboveTheLimit(new DbRateLimiter(database.db), new DbRateLimiter(database.db));
  });
});

// Redis is optional in production and in CI; with TEST_REDIS_URL set the same rule is checked there.
describe.skipIf(!process.env.TEST_REDIS_URL)('Shared rate limiter on Redis', () => {
  it('grants at most the limit across limiters', async () => {
    const a = new RedisRateLimiter(process.env.TEST_REDIS_URL!);
    const b = new RedisRateLimiter(process.env.TEST_REDIS_URL!);
    try {
      await neverAboveTheLimit(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
