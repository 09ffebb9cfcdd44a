import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { NotifyServices } from '../../platform/notify/channels.js';
import type { AppContext } from '../../platform/context.js';
import { createNotifyServices, registerNotifyJobs } from '../../platform/notify/services.js';
import { applyZaloEvent, WEBHOOK_QUEUE } from '../../platform/notify/zalo-events.js';
import { broadcastsRoutes } from './broadcasts.routes.js';
import { citizenNotifyRoutes } from './citizen-notify.routes.js';
import { notificationsConsoleRoutes } from './console.routes.js';
import { oaTokenRoutes } from './oa-token.routes.js';
import { notifySettingsRoutes } from './settings.routes.js';
import { templatesRoutes } from './templates.routes.js';
import { znsTemplatesRoutes } from './zns-templates.routes.js';
import { zaloWebhookRoutes } from './zalo-webhook.routes.js';

const servicesByContext = new WeakMap<AppContext, NotifyServices>();

/** The delivery services of an app (tests and the bench reach the token store and limiter here). */
export function notifyServicesOf(ctx: AppContext): NotifyServices {
  const services = servicesByContext.get(ctx);
  if (!services) throw new Error('the notifications module is not registered on this app');
  return services;
}

/**
 * The notification platform's HTTP side and its jobs: delivery, the Zalo webhook, citizen
 * preferences and the OA link, the console's message log, cost report and OA token.
 */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  const services = createNotifyServices({
    db: ctx.db,
    zalo: ctx.zalo,
    sms: ctx.sms,
    sessionSecret: ctx.config.sessionSecret,
    redisUrl: ctx.config.redisUrl,
  });
  app.addHook('onClose', async () => services.limiter.close?.());
  servicesByContext.set(ctx, services);
  registerNotifyJobs(ctx.worker, services);
  ctx.worker.handle<{ eventId: number }>(WEBHOOK_QUEUE, async (job) =>
    applyZaloEvent(ctx.db, job.payload.eventId),
  );

  await app.register(zaloWebhookRoutes);
  await app.register(citizenNotifyRoutes);
  await app.register(oaTokenRoutes(services.tokens));
  await app.register(notificationsConsoleRoutes);
  await app.register(broadcastsRoutes);
  await app.register(templatesRoutes);
  await app.register(znsTemplatesRoutes);
  await app.register(notifySettingsRoutes(services.settings));
};
