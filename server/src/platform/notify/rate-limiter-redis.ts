import { Redis } from 'ioredis';
import { SAFETY_MS, WINDOW_SECONDS, type Grant, type RateLimiter } from './rate-limiter.js';

/**
 * The same limiter as DbRateLimiter (grants per second of one clock, a grant usable until the end
 * of the next second, a window of 62 seconds), kept in Redis when REDIS_URL is set: one hash per
 * key, field = second, value = grants. The Lua script runs atomically on the server and uses the
 * server's clock, so every worker process sees one count and one time.
 */
const SCRIPT = `
local t = redis.call('TIME')
local second = tonumber(t[1])
local limit = tonumber(ARGV[1])
local wanted = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local fields = redis.call('HGETALL', KEYS[1])
local used = 0
local oldest = -1
for i = 1, #fields, 2 do
  local s = tonumber(fields[i])
  if s > second - window then
    used = used + tonumber(fields[i + 1])
    if oldest < 0 or s < oldest then oldest = s end
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
local granted = math.max(0, math.min(wanted, limit - used))
if granted > 0 then redis.call('HINCRBY', KEYS[1], tostring(second), granted) end
redis.call('EXPIRE', KEYS[1], window * 2)
return {granted, second, oldest}
`;

export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
    this.redis.defineCommand('ctic_rate_acquire', { numberOfKeys: 1, lua: SCRIPT });
  }

  async acquire(key: string, limitPerMinute: number, wanted: number): Promise<Grant> {
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<number[]>>)
      .ctic_rate_acquire!;
    const [granted, second, oldest] = await run.call(
      this.redis,
      `ctic-rate:${key}`,
      limitPerMinute,
      wanted,
      WINDOW_SECONDS,
    );
    const retryAfterMs = granted! > 0 || oldest! < 0 ? 0 : (oldest! + WINDOW_SECONDS - second!) * 1000;
    return {
      granted: granted!,
      deadline: (second! + 2) * 1000 - SAFETY_MS,
      retryAfterMs: Math.max(retryAfterMs, 100),
    };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
