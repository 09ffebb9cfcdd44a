import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { categoriesRoutes } from './categories.routes.js';
import { citizenActionRoutes } from './citizen-actions.routes.js';
import { citizenReportRoutes } from './citizen-reports.routes.js';
import { reportConfigRoutes } from './config.routes.js';
import { locateRoutes } from './locate.routes.js';
import { reportPersonalData } from './personal-data.js';
import { seedDemoReports } from './seed-demo-reports.js';
import { DEMO_TENANT_ID } from '../../db/seed/demo.js';

/**
 * Field reports, intake side: categories, the map and point lookup, nearby duplicates, the citizen's
 * reports and the province's report configuration. The console, the public feed and Open311 are
 * registered by their own plugins (see app.ts).
 */
export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.ctx.privacy.register(reportPersonalData);
  await app.register(categoriesRoutes);
  await app.register(locateRoutes);
  await app.register(citizenReportRoutes);
  await app.register(citizenActionRoutes);
  await app.register(reportConfigRoutes);
  if (app.ctx.config.demoData) {
    // The demo reports need the file storage for their photos, which exists only once the app is
    // built (db/seed/demo.ts runs before); a failure leaves the demo without reports, not down.
    app.addHook('onReady', async () => {
      try {
        await seedDemoReports(app.ctx, DEMO_TENANT_ID);
      } catch (error) {
        app.log.error({ err: error }, 'demo reports not created');
      }
    });
  }
};
