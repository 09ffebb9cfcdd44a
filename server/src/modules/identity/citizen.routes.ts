import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { citizenAuthRoutes } from './citizen-auth.routes.js';
import { citizenMeRoutes } from './citizen-me.routes.js';

/** Citizen identity: sign-in (Zalo, development, SMS code), sign-out, and the citizen's own data. */
export const citizenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(citizenAuthRoutes);
  await app.register(citizenMeRoutes);
};
