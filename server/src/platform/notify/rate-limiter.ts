import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';

/**
 * A rate limiter every worker process shares through the database (PGlite or PostgreSQL), so the
 * Official Account never receives more than its limit in ANY 60-second window, not merely per
 * calendar minute. Grants are counted per second of the database clock. A grant made in second s
 * must be used before second s + 2 starts (`deadline`); a 60-second window then overlaps the sends
 * of at most 62 consecutive seconds of grants, so a grant is given only while those 62 seconds hold
 * fewer than the limit. Workers ask for several grants at once, which keeps this to one short
 * transaction per batch: the key's row is locked first, so two processes cannot both see room for
 * the same last request.
 */
export interface Grant {
  granted: number;
  /** Epoch ms after which the grants must not be used (they would no longer be counted right). */
  deadline: number;
  /** When nothing was granted: how long to wait before asking again. */
  retryAfterMs: number;
}

/** Shared by every worker process: the database (default) or Redis (REDIS_URL). */
export interface RateLimiter {
  acquire(key: string, limitPerMinute: number, wanted: number): Promise<Grant>;
  close?(): Promise<void>;
}

export const WINDOW_SECONDS = 62;
/** Sends start a little before the deadline, so they also arrive before it. */
export const SAFETY_MS = 250;

export class DbRateLimiter implements RateLimiter {
  constructor(private readonly db: Db) {}

  async acquire(key: string, limitPerMinute: number, wanted: number): Promise<Grant> {
    return withTx(this.db, async (tx) => {
      // Upsert takes the row lock that serializes grants for this key across processes.
      await tx
        .insertInto('rate_limit_keys')
        .values({ key, limit_per_minute: limitPerMinute })
        .onConflict((oc) => oc.column('key').doUpdateSet({ limit_per_minute: limitPerMinute }))
        .execute();
      // A statement after the lock, so its snapshot includes every grant committed before it.
      const usage = await sql<{ second: number; used: number; oldest: number | null }>`
        with now as (select floor(extract(epoch from clock_timestamp()))::bigint as second)
        select now.second,
          coalesce((select sum(granted) from rate_limit_buckets b
                    where b.key = ${key} and b.second > now.second - ${WINDOW_SECONDS}), 0)::int as used,
          (select min(second) from rate_limit_buckets b
            where b.key = ${key} and b.second > now.second - ${WINDOW_SECONDS}) as oldest
        from now`.execute(tx);
      const { second, used, oldest } = usage.rows[0]!;
      const granted = Math.max(0, Math.min(wanted, limitPerMinute - used));
      if (granted > 0) {
        await tx
          .insertInto('rate_limit_buckets')
          .values({ key, second, granted })
          .onConflict((oc) =>
            oc
              .columns(['key', 'second'])
              .doUpdateSet({ granted: sql`rate_limit_buckets.granted + ${granted}` }),
          )
          .execute();
      }
      if (second % 30 === 0) {
        await tx
          .deleteFrom('rate_limit_buckets')
          .where('key', '=', key)
          .where('second', '<', second - WINDOW_SECONDS * 2)
          .execute();
      }
      const retryAfterMs = granted > 0 || oldest === null ? 0 : (oldest + WINDOW_SECONDS - second) * 1000;
      return {
        granted,
        deadline: (second + 2) * 1000 - SAFETY_MS,
        retryAfterMs: Math.max(retryAfterMs, 100),
      };
    });
  }
}
