import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, registerSecurityHeaders, SECURITY_HEADERS } from './security-headers.js';

const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

async function headersOf(register: (app: ReturnType<typeof Fastify>) => Promise<void> | void) {
  const app = Fastify({ logger: false });
  await register(app);
  app.get('/x', async () => ({ ok: true }));
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  const ok = await app.inject({ url: '/x' });
  const failed = await app.inject({ url: '/fails' });
  const missing = await app.inject({ url: '/missing' });
  await app.close();
  return [ok, failed, missing].map((res) =>
    Object.fromEntries(Object.entries(res.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name))),
  );
}

describe('security headers', () => {
  it('are exactly what @fastify/helmet sends with our options', async () => {
    const [fromHelmet] = await headersOf((app) => app.register(helmet, HELMET_OPTIONS));
    expect(SECURITY_HEADERS).toEqual(fromHelmet);
  });

  it('are on every response: success, error and not found', async () => {
    for (const headers of await headersOf(registerSecurityHeaders)) {
      expect(headers).toEqual(SECURITY_HEADERS);
    }
  });
});
