import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { NotifyChannel } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import type { SettingsCache } from '../../platform/notify/channels.js';
import { loadSettings } from '../../platform/notify/routing.js';
import { messageType } from '../../platform/notify/templates.js';

const Channel = Type.Union([Type.Literal('oa'), Type.Literal('zns'), Type.Literal('sms')]);
const Settings = Type.Object(
  {
    oaRatePerMinute: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description: "Zalo's limit for this OA",
    }),
    smsUnitCost: Type.Integer({ minimum: 0, maximum: 100_000, description: 'VND per SMS part' }),
    znsUnitCost: Type.Integer({ minimum: 0, maximum: 100_000, description: 'VND per ZNS message' }),
    oaUnitCost: Type.Integer({ minimum: 0, maximum: 100_000, description: 'VND per OA message (0: free)' }),
    routing: Type.Record(
      Type.String({ maxLength: 50 }),
      Type.Array(Channel, { maxItems: 3, uniqueItems: true }),
      {
        description:
          'Per message type, the channels tried after the inbox, in order; absent types use the default',
      },
    ),
  },
  { additionalProperties: false },
);

/** The province's delivery settings: OA rate limit, unit costs for the ledger, channel order per type. */
export function notifySettingsRoutes(cache: SettingsCache): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db } = app.ctx;
    const security: { [label: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
    const base = { tags: ['notifications'], security };
    const errors = {
      401: ErrorResponse(['AUTH_REQUIRED']),
      403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
    };

    app.get(
      '/api/admin/notifications/settings',
      {
        config: { access: { roles: ['province_admin'] } },
        schema: {
          ...base,
          summary: 'Delivery settings of this province',
          response: { 200: Settings, ...errors },
        },
      },
      async (request) => loadSettings(db, request.tenant.id),
    );

    app.put(
      '/api/admin/notifications/settings',
      {
        config: { access: { roles: ['province_admin'] } },
        schema: {
          ...base,
          summary: 'Change the delivery settings (takes effect within 30 s on every worker)',
          body: Settings,
          response: { 200: Settings, 400: ErrorResponse(['VALIDATION_FAILED']), ...errors },
        },
      },
      async (request) => {
        const officer = requireOfficer(request);
        const body = request.body;
        const unknown = Object.keys(body.routing).filter((type) => !messageType(type));
        if (unknown.length > 0) {
          throw new AppError('VALIDATION_FAILED', {
            fields: unknown.map((t) => ({ path: `/routing/${t}`, rule: 'type' })),
          });
        }
        const values = {
          oa_rate_per_minute: body.oaRatePerMinute,
          sms_unit_cost: body.smsUnitCost,
          zns_unit_cost: body.znsUnitCost,
          oa_unit_cost: body.oaUnitCost,
          routing: JSON.stringify(body.routing as Record<string, NotifyChannel[]>),
        };
        await withTx(db, async (tx) => {
          await tx
            .insertInto('notification_settings')
            .values({ tenant_id: officer.tenantId, ...values })
            .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
            .execute();
          await appendAudit(tx, {
            tenantId: officer.tenantId,
            actor: { type: 'officer', id: officer.id },
            action: 'notifications.settings_saved',
            entityType: 'tenant',
            entityId: officer.tenantId,
            data: { ...body },
          });
        });
        cache.clear();
        return loadSettings(db, officer.tenantId);
      },
    );
  };
}
