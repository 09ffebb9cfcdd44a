import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { consoleActionRoutes } from './console-actions.routes.js';
import { consoleListRoutes } from './console-list.routes.js';
import { consoleReportRoutes } from './console-report.routes.js';
import { registerReportJobs } from './escalation.js';

/**
 * The officers' report console (docs/reports-api.md "Console"): inbox lists, map, supervision,
 * detail, photos, moderation, handlers, workflow actions and bulk actions. Also puts the escalation
 * and auto-close jobs on the app's worker.
 */
export const reportsConsoleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerReportJobs(app.ctx);
  await app.register(consoleListRoutes);
  await app.register(consoleReportRoutes);
  await app.register(consoleActionRoutes);
};
