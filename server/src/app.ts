import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/connection.js';
import { createSmsSender } from './integrations/sms/client.js';
import { HttpZaloClient } from './integrations/zalo/client.js';
import { auditLogRoutes } from './modules/audit-log/audit-log.routes.js';
import { lookupRoutes } from './modules/dossiers/lookup.routes.js';
import { oneStopRoutes } from './modules/dossiers/one-stop.routes.js';
import { reportsConsoleRoutes } from './modules/reports/console.routes.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { citizenRoutes } from './modules/identity/citizen.routes.js';
import { officerAuthRoutes } from './modules/identity/officer.routes.js';
import { inboxRoutes } from './modules/inbox/inbox.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { dossiersRoutes } from './modules/dossiers/dossiers.routes.js';
import { proceduresRoutes } from './modules/procedures/procedures.routes.js';
import { tenancyRoutes } from './modules/tenancy/tenancy.routes.js';
import { reportsPublicRoutes } from './modules/reports/feed.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { open311ClientsRoutes } from './modules/reports/open311-clients.routes.js';
import { open311Routes } from './modules/reports/open311.routes.js';
import { enforceAccess, trackAccessRules } from './platform/auth/access.js';
import { checkCsrf, resolvePrincipal } from './platform/auth/sessions.js';
import { CalendarService } from './platform/calendar/calendar-service.js';
import type { AppContext } from './platform/context.js';
import { AppError } from './platform/errors/app-error.js';
import { installErrorHandler } from './platform/errors/error-handler.js';
import { createFileStorage } from './platform/files/storage.js';
import { registerPlatformJobs } from './platform/jobs/maintenance.js';
import { createJobs } from './platform/jobs/queue.js';
import { JobWorker } from './platform/jobs/worker.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { registerHttpCache } from './platform/http/http-cache.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerStaticApps, type StaticAppDirs } from './platform/http/static-apps.js';
import { maskPersonalData, REDACT_PATHS } from './platform/logging/redact.js';
import { PersonalDataRegistry } from './platform/privacy/personal-data.js';
import { TenantResolver } from './platform/tenancy/tenant-resolver.js';

export const ZALO_MINIAPP_ORIGIN = 'https://h5.zdn.vn';

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  /** Replace services (fakes for outside systems) in tests. */
  overrides?: Partial<AppContext>;
  /** Where the built front ends are; `false` serves none (API-only tests). */
  staticApps?: StaticAppDirs | false;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, remove: true },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          url: maskPersonalData(req.url),
        }),
      },
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Built here so every process registers the same handlers; main.ts or worker.ts decides whether it runs.
  const worker =
    options.overrides?.worker ?? new JobWorker(database.db, { log: app.log.child({ component: 'jobs' }) });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    tenants: new TenantResolver(database.db, config.defaultTenant),
    calendar: new CalendarService(database.db),
    fileStorage: options.overrides?.fileStorage ?? createFileStorage(config),
    jobs: createJobs(database.db, { onEnqueued: () => worker.nudge() }),
    worker,
    zalo: options.overrides?.zalo ?? new HttpZaloClient(config.zalo),
    sms: options.overrides?.sms ?? createSmsSender(config, app.log),
    privacy: new PersonalDataRegistry(),
    ...options.overrides,
  };
  app.addHook('onClose', async () => ctx.fileStorage.close?.());
  registerPlatformJobs(ctx.worker);
  // Running handlers finish before the database closes (main.ts closes it after app.close()).
  app.addHook('onClose', async () => ctx.worker.stop());
  app.decorate('ctx', ctx);
  app.decorateRequest('tenant', null as never);
  app.decorateRequest('principal', null);

  trackAccessRules(app);
  installErrorHandler(app);
  // Hooks in callback style where nothing is awaited: an async hook costs a promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  registerSecurityHeaders(app);
  registerHttpCache(app);
  const allowedOrigins = new Set([
    ZALO_MINIAPP_ORIGIN,
    new URL(config.publicUrl).origin,
    ...config.corsOrigins,
  ]);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || allowedOrigins.has(origin)),
    credentials: true,
    exposedHeaders: ['x-request-id'],
  });
  // In memory by default; through Redis when several instances must share one count per client.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    ...(redis ? { redis, nameSpace: 'ctic-rl:' } : {}),
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.uploads.documentMaxBytes, files: 10, fields: 20, fieldSize: 64 * 1024 },
  });

  // Tenant, then caller, then access: decided before the body is read, so a stranger learns
  // nothing from validation errors.
  app.addHook('onRequest', async (request) => {
    const routeConfig = request.routeOptions.config;
    if (!request.is404 && routeConfig?.tenant !== false) {
      request.tenant = await ctx.tenants.resolve(request);
      request.principal = await resolvePrincipal(ctx.db, request, request.tenant.id);
    }
    enforceAccess(request);
    if (request.principal && routeConfig?.access !== 'public') {
      checkCsrf(request, request.principal);
    }
  });

  await registerOpenApi(app, config);
  registerMetrics(app, config, database);
  await app.register(healthRoutes);
  await app.register(tenancyRoutes);
  await app.register(officerAuthRoutes);
  await app.register(citizenRoutes);
  await app.register(filesRoutes);
  await app.register(inboxRoutes);
  await app.register(auditLogRoutes);
  await app.register(notificationsRoutes);
  await app.register(dossiersRoutes);
  await app.register(proceduresRoutes);
  await app.register(lookupRoutes);
  await app.register(oneStopRoutes);
  await app.register(reportsRoutes);
  await app.register(reportsConsoleRoutes);
  await app.register(reportsPublicRoutes);
  await app.register(open311Routes);
  await app.register(open311ClientsRoutes);
  if (options.staticApps !== false) await registerStaticApps(app, options.staticApps);

  return app;
}
