import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { Type } from '@sinclair/typebox';
import { requireOfficer } from '../../platform/auth/access.js';
import { createHoliday, deleteHoliday, listHolidays } from './holidays.service.js';
import { PROVINCE_ADMIN, SECURITY, SIGNED_IN_ERRORS } from '../../platform/auth/route-rules.js';
import { Holiday, HolidayCreate, HolidayQuery, IdParams } from './tenancy.schemas.js';

/** The province's working-day calendar: national days (read-only) and its own days off or working days. */
export const holidayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const base = { tags: ['tenancy: calendar'], security: SECURITY };

  app.get(
    '/api/admin/holidays',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Days off and working weekend days of the province, national ones included',
        querystring: HolidayQuery,
        response: { 200: Type.Object({ items: Type.Array(Holiday) }), ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => ({ items: await listHolidays(db, request.tenant.id, request.query.year) }),
  );

  app.post(
    '/api/admin/holidays',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: "Add a day to the province's calendar",
        body: HolidayCreate,
        response: { 201: Holiday, ...SIGNED_IN_ERRORS, 409: ErrorResponse(['HOLIDAY_EXISTS']) },
      },
    },
    async (request, reply) => {
      const holiday = await createHoliday({ db, actor: requireOfficer(request), input: request.body });
      app.ctx.calendar.invalidate(request.tenant.id);
      return reply.status(201).send(holiday);
    },
  );

  app.delete(
    '/api/admin/holidays/:id',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: "Remove one of the province's own days",
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Removed' }),
          ...SIGNED_IN_ERRORS,
          403: ErrorResponse(['FORBIDDEN', 'HOLIDAY_NATIONAL_READONLY', 'CSRF_INVALID']),
          404: ErrorResponse(['HOLIDAY_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      await deleteHoliday({ db, actor: requireOfficer(request), holidayId: request.params.id });
      app.ctx.calendar.invalidate(request.tenant.id);
      return reply.status(204).send(null);
    },
  );
};
