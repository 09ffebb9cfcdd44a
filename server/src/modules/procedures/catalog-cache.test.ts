import { describe, expect, it } from 'vitest';
import { CatalogCache } from './catalog-cache.js';

describe('CatalogCache', () => {
  it('answers from memory within the minute, loads again after it, per tenant', async () => {
    let now = 0;
    let loads = 0;
    const cache = new CatalogCache(60_000, 10, () => now);
    const load = async () => ++loads;
    expect(await cache.get('a', 'q', load)).toBe(1);
    now = 59_999;
    expect(await cache.get('a', 'q', load)).toBe(1);
    expect(await cache.get('b', 'q', load)).toBe(2);
    now = 60_000;
    expect(await cache.get('a', 'q', load)).toBe(3);
  });

  it("forgets one tenant's answers when its catalog changes", async () => {
    let loads = 0;
    const cache = new CatalogCache();
    const load = async () => ++loads;
    await cache.get('a', 'q', load);
    await cache.get('b', 'q', load);
    cache.invalidate('a');
    expect(await cache.get('a', 'q', load)).toBe(3);
    expect(await cache.get('b', 'q', load)).toBe(2);
  });

  it('evicts the oldest answer when full', async () => {
    let loads = 0;
    const cache = new CatalogCache(60_000, 2);
    const load = async () => ++loads;
    await cache.get('a', 'one', load);
    await cache.get('a', 'two', load);
    await cache.get('a', 'three', load);
    expect(await cache.get('a', 'two', load)).toBe(2);
    expect(await cache.get('a', 'one', load)).toBe(4);
  });
});
