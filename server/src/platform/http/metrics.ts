import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { DatabaseHandle } from '../../db/connection.js';
import { AppError } from '../errors/app-error.js';
import { queueDepth } from '../jobs/queue.js';

/**
 * Prometheus metrics at /metrics: request rate and latency by route (the route pattern, never the
 * raw URL, so ids and personal data cannot become label values), database pool use, and whatever
 * the job queue depth by queue and status.
 * One registry per app instance, so several apps in one test process do not collide.
 */
export interface Metrics {
  registry: Registry;
}

export function registerMetrics(app: FastifyInstance, config: Config, database: DatabaseHandle): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting clients, max)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });

  new Gauge({
    name: 'job_queue_depth',
    help: 'Jobs by queue and status (pending, running, dead); done jobs are not counted',
    labelNames: ['queue', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await queueDepth(database.db))
        this.set({ queue: row.queue, status: row.status }, row.count);
    },
  });

  // Callback style: an async hook would cost a promise on every request.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    if (route !== '/metrics') {
      requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    }
    done();
  });

  app.get(
    '/metrics',
    { config: { access: 'public', tenant: false, rateLimit: false }, schema: { hide: true } },
    async (request, reply) => {
      if (config.metricsToken) {
        const expected = Buffer.from(`Bearer ${config.metricsToken}`);
        const sent = Buffer.from(request.headers.authorization ?? '');
        if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
          throw new AppError('AUTH_REQUIRED');
      }
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    },
  );

  return { registry };
}
