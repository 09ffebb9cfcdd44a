import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/jobs/queue.js';
import { citizenActionRoutes } from './citizen-actions.routes.js';
import { citizenDossierRoutes } from './citizen-dossiers.routes.js';
import { consoleActionRoutes } from './console-actions.routes.js';
import { consoleDossierRoutes } from './console-dossier.routes.js';
import { consoleQueueRoutes } from './console-queue.routes.js';
import { draftRoutes } from './drafts.routes.js';
import { runOverdueScan } from './overdue.js';
import { dossierPersonalData } from './personal-data.js';
import type { SlipJobPayload } from './slip-queue.js';
import { issueSlip } from './slips.js';
import { OVERDUE_QUEUE, SLIP_QUEUE } from './types.js';

/** The slip and overdue jobs on the app's worker; `clock` lets tests control "now". */
export function registerDossierJobs(ctx: AppContext, options: { clock?: Clock } = {}): void {
  ctx.worker.handle<SlipJobPayload>(SLIP_QUEUE, async (job) => {
    await issueSlip(
      { db: ctx.db, storage: ctx.fileStorage, publicUrl: ctx.config.publicUrl },
      job.tenantId!,
      job.payload,
    );
  });
  ctx.worker.handle(OVERDUE_QUEUE, async () => {
    await runOverdueScan({ db: ctx.db, calendar: ctx.calendar, now: options.clock?.() ?? new Date() });
  });
  ctx.worker.schedule(OVERDUE_QUEUE, OVERDUE_QUEUE, 3600);
}

/** Dossiers: citizens' drafts, submissions and their dossiers; the officers' queues and actions. */
export const dossiersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerDossierJobs(app.ctx);
  app.ctx.privacy.register(dossierPersonalData);
  await app.register(draftRoutes);
  await app.register(citizenDossierRoutes);
  await app.register(citizenActionRoutes);
  await app.register(consoleQueueRoutes);
  await app.register(consoleDossierRoutes);
  await app.register(consoleActionRoutes);
};
