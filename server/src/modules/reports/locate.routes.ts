import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC_DIRECTORY } from '../../platform/auth/route-rules.js';
import { zaloErrorToAppError } from '../../integrations/zalo/errors.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { locatePoint, tenantMapArea } from './geo.js';
import {
  LatLngQuery,
  Located,
  MapConfig,
  NearbyList,
  NearbyQuery,
  ZaloLocation,
  ZaloLocationBody,
} from './intake.schemas.js';
import { findNearby } from './nearby.js';

/** Where the map opens when a province has no geography yet: the whole of Viet Nam. */
const COUNTRY_VIEW = { centre: { lat: 16.0, lng: 106.0 }, zoom: 5, bounds: null };

/**
 * What the report screen needs before sending (no sign-in): the map's tiles and view, the commune
 * of a point, and the open reports nearby that the citizen may follow instead of filing again.
 */
export const locateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config, zalo } = app.ctx;
  const tags = ['reports: public'];

  app.get(
    '/api/reports/map-config',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'Map tiles and the province’s view (centre, zoom, bounds)',
        response: { 200: MapConfig },
      },
    },
    async (request) => {
      const area = (await tenantMapArea(db, request.tenant.id)) ?? COUNTRY_VIEW;
      return { tileUrl: config.map.tileUrl, attribution: config.map.attribution, ...area };
    },
  );

  app.get(
    '/api/reports/locate',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The commune of a point (its boundary, else the nearest commune centre) and an address',
        description: 'A point outside the province answers `{ commune: null, address: null }`.',
        querystring: LatLngQuery,
        response: { 200: Located, 400: ErrorResponse(['VALIDATION_FAILED']) },
      },
    },
    async (request) => {
      const { lat, lng } = request.query;
      const location = await locatePoint(db, request.tenant.id, { lat, lng });
      const commune = location.inside ? location.commune : null;
      return { commune, address: commune ? `${commune.name}, ${request.tenant.name}` : null };
    },
  );

  app.post(
    '/api/reports/zalo-location',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The phone’s position inside Zalo: exchanges the getLocation() token with Zalo',
        description:
          'Inside Zalo the mini app gets a one-use token, not coordinates; only the server, with the ' +
          'app secret, can turn it into a position (graph.zalo.me /v2.0/me/info). Nothing is stored.',
        body: ZaloLocationBody,
        response: {
          200: ZaloLocation,
          400: ErrorResponse(['VALIDATION_FAILED', 'ZALO_LOCATION_TOKEN_INVALID']),
          401: ErrorResponse(['ZALO_TOKEN_INVALID', 'ZALO_TOKEN_EXPIRED']),
          502: ErrorResponse(['ZALO_UNAVAILABLE']),
          503: ErrorResponse(['ZALO_NOT_CONFIGURED', 'ZALO_RATE_LIMITED']),
        },
      },
    },
    async (request) => {
      if (!zalo.configured) throw new AppError('ZALO_NOT_CONFIGURED');
      try {
        const found = await zalo.getLocation(request.body.accessToken, request.body.token);
        return { lat: found.latitude, lng: found.longitude };
      } catch (error) {
        throw zaloErrorToAppError(error);
      }
    },
  );

  app.get(
    '/api/reports/nearby',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open reports of a category within its duplicate radius of a point, nearest first (≤ 10)',
        description: 'Public-safe fields only: no reporter, no contact; hidden text is null.',
        querystring: NearbyQuery,
        response: {
          200: NearbyList,
          400: ErrorResponse(['VALIDATION_FAILED']),
          404: ErrorResponse(['REPORT_CATEGORY_NOT_FOUND']),
        },
      },
    },
    async (request) => {
      const { categoryId, lat, lng } = request.query;
      return findNearby({ db, tenantId: request.tenant.id, categoryId, point: { lat, lng } });
    },
  );
};
