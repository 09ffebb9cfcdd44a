import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { NotifyChannel } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { requireCitizen } from '../../platform/auth/access.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { MESSAGE_TYPES } from '../../platform/notify/templates.js';
import { claimOaLink } from './oa-link.js';

const CHANNELS: readonly NotifyChannel[] = ['oa', 'zns', 'sms'];

const ChannelSwitches = Type.Object(
  { oa: Type.Boolean(), zns: Type.Boolean(), sms: Type.Boolean() },
  { additionalProperties: false, description: 'true: I receive this kind of notice on the channel' },
);
const PreferenceItem = Type.Object({
  type: Type.String(),
  label: Type.String(),
  legal: Type.Boolean({ description: 'Owed by law: always delivered, the switches cannot turn it off' }),
  channels: ChannelSwitches,
});
const Preferences = Type.Object({ items: Type.Array(PreferenceItem) });
const PreferencesUpdate = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { type: Type.String({ maxLength: 50 }), channels: ChannelSwitches },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

/**
 * The citizen's side: which notices reach them on which channel (the in-app inbox always gets
 * everything), and the link between their account and their Official Account user id.
 */
export const citizenNotifyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['notifications'];
  const security = [{ bearer: [] }];
  const errors = { 401: ErrorResponse(['AUTH_REQUIRED']), 403: ErrorResponse(['FORBIDDEN']) };

  const read = async (tenantId: string, citizenId: string, english: boolean) => {
    const rows = await db
      .selectFrom('notification_opt_outs')
      .select(['type', 'channel'])
      .where('tenant_id', '=', tenantId)
      .where('citizen_id', '=', citizenId)
      .execute();
    const off = new Set(rows.map((r) => `${r.type}:${r.channel}`));
    return {
      items: MESSAGE_TYPES.map((t) => ({
        type: t.type,
        label: english ? t.label.en : t.label.vi,
        legal: t.legal,
        channels: Object.fromEntries(
          CHANNELS.map((c) => [c, t.legal || !(off.has(`${t.type}:${c}`) || off.has(`${t.type}:*`))]),
        ) as Record<NotifyChannel, boolean>,
      })),
    };
  };
  const english = (accept: string | undefined) => /^en/i.test(accept ?? '');

  app.get(
    '/api/me/notification-preferences',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'Which notices I receive on Zalo OA, ZNS and SMS',
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => {
      const me = requireCitizen(request);
      return read(me.tenantId, me.id, english(request.headers['accept-language']));
    },
  );

  app.put(
    '/api/me/notification-preferences',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'Switch channels on or off per kind of notice (legal notices stay on)',
        body: PreferencesUpdate,
        response: { 200: Preferences, 400: ErrorResponse(['VALIDATION_FAILED']), ...errors },
      },
    },
    async (request) => {
      const me = requireCitizen(request);
      const known = new Map(MESSAGE_TYPES.map((t) => [t.type, t]));
      await withTx(db, async (tx) => {
        for (const item of request.body.items) {
          const definition = known.get(item.type);
          // Unknown types are ignored rather than refused: an older app may list a retired one.
          if (!definition || definition.legal) continue;
          await tx
            .deleteFrom('notification_opt_outs')
            .where('tenant_id', '=', me.tenantId)
            .where('citizen_id', '=', me.id)
            .where('type', '=', item.type)
            .execute();
          const off = CHANNELS.filter((c) => !item.channels[c]);
          if (off.length === 0) continue;
          await tx
            .insertInto('notification_opt_outs')
            .values(
              off.map((channel) => ({ tenant_id: me.tenantId, citizen_id: me.id, type: item.type, channel })),
            )
            .execute();
        }
      });
      return read(me.tenantId, me.id, english(request.headers['accept-language']));
    },
  );

  app.post(
    '/api/me/zalo/oa-link',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary:
          'Link my Official Account user id (getUserInfo idByOA); confirmed by Zalo’s own follow event',
        body: Type.Object(
          {
            idByOA: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }),
            followedOA: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('linked'), Type.Literal('pending')], {
              description: 'pending until Zalo reports the follow (or a message) from this OA user',
            }),
          }),
          400: ErrorResponse(['VALIDATION_FAILED']),
          409: ErrorResponse(['OA_LINK_CONFLICT']),
          ...errors,
        },
      },
    },
    async (request) => {
      const me = requireCitizen(request);
      const status = await claimOaLink(db, {
        tenantId: me.tenantId,
        citizenId: me.id,
        oaUserId: request.body.idByOA,
      });
      return { status };
    },
  );
};
