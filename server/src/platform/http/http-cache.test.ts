import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import '../auth/access.js';
import { registerHttpCache } from './http-cache.js';

describe('http cache', () => {
  it('refuses cacheSeconds on a route that is not public', async () => {
    const app = Fastify({ logger: false });
    registerHttpCache(app);
    expect(() =>
      app.get('/mine', { config: { access: 'citizen', cacheSeconds: 60 } }, async () => ({ ok: true })),
    ).toThrow(/public route/);
    await app.close();
  });

  it('marks only successful GET answers of the routes that ask for it', async () => {
    const app = Fastify({ logger: false });
    registerHttpCache(app);
    const config = { access: 'public', cacheSeconds: 5 } as const;
    app.get('/dir', { config }, async () => ({ items: [1, 2] }));
    app.post('/dir', { config }, async () => ({ items: [1, 2] }));
    app.get('/gone', { config }, async (_request, reply) => reply.code(404).send({ error: 'gone' }));
    app.get('/plain', { config: { access: 'public' } }, async () => ({ ok: true }));
    const get = await app.inject({ url: '/dir' });
    expect(get.headers['cache-control']).toBe('public, max-age=5');
    expect(get.headers.vary).toBe('x-tenant-id');
    for (const res of [
      await app.inject({ method: 'POST', url: '/dir' }),
      await app.inject({ url: '/gone' }),
      await app.inject({ url: '/plain' }),
    ]) {
      expect(res.headers['cache-control']).toBeUndefined();
    }
    await app.close();
  });
});
