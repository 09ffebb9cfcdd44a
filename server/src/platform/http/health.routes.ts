import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const Status = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) });

/** Liveness (the process answers) and readiness (the database answers within 2 s). */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const publicNoTenant = { access: 'public', tenant: false } as const;

  app.get(
    '/health',
    { config: publicNoTenant, schema: { tags: ['platform'], response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    { config: publicNoTenant, schema: { tags: ['platform'], response: { 200: Status, 503: Status } } },
    async (_request, reply) => {
      const ok = await app.ctx.database.ping(2000);
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ready' : 'unavailable', database: ok ? 'up' : 'down' });
    },
  );
};
