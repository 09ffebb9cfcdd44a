import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';

/** OpenAPI 3 generated from the route schemas, at /api/openapi.json, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cổng tiện ích công dân — API',
        description:
          'API of the citizen-services platform. Errors are `{ "error": { "code", "message" } }` ' +
          'with Vietnamese messages (English with `Accept-Language: en`).',
        version: '0.1.0',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'ctic_sid' },
        },
      },
    },
  });

  // The docs UI is a set of static routes owned by the plugin; it is public and tenant-free.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public', tenant: false };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  app.get(
    '/api/openapi.json',
    { config: { access: 'public', tenant: false }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
