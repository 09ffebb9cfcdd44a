import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTx } from '../../db/transaction-guard.js';
import { verifyZaloWebhookSignature } from '../../integrations/zalo/signature.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { WEBHOOK_QUEUE, type ZaloEvent } from '../../platform/notify/zalo-events.js';

/** Zalo's clock and ours may differ a little; an older call is a replay or hopelessly late. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;

/**
 * POST /api/integrations/zalo/webhook. The signature is checked over the raw bytes before anything
 * is stored: X-ZEvent-Signature = hex SHA-256(appId + raw body + timestamp + OA secret key), with
 * appId and timestamp taken from the body and the app id naming the province. A bad, missing or
 * stale call gets 401 and leaves no trace. A good one is stored once (the signature is the key:
 * a replay of the same call is a no-op) with the job that applies it, and answered at once.
 */
export const zaloWebhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;
  // Only in this plugin: the body stays the exact string Zalo signed.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/api/integrations/zalo/webhook',
    {
      config: { access: 'public', tenant: false, rateLimit: false },
      schema: {
        tags: ['notifications'],
        summary: 'Events from Zalo (follow, unfollow, user_received_message, user messages)',
        headers: Type.Object({ 'x-zevent-signature': Type.Optional(Type.String()) }),
        response: {
          200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }),
          401: ErrorResponse(['ZALO_WEBHOOK_SIGNATURE_INVALID', 'ZALO_WEBHOOK_STALE']),
        },
      },
    },
    async (request) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      let event: ZaloEvent;
      try {
        event = JSON.parse(raw) as ZaloEvent;
      } catch {
        throw new AppError('ZALO_WEBHOOK_SIGNATURE_INVALID');
      }
      if (!event || typeof event !== 'object') throw new AppError('ZALO_WEBHOOK_SIGNATURE_INVALID');
      const appId = typeof event.app_id === 'string' ? event.app_id : String(event.app_id ?? '');
      const timestamp = String(event.timestamp ?? '');
      const oaSecret = ctx.config.zalo.oaSecret;
      const tenant = appId
        ? await ctx.db.selectFrom('tenants').select('id').where('zalo_app_id', '=', appId).executeTakeFirst()
        : undefined;
      const signature = request.headers['x-zevent-signature'];
      if (
        !tenant ||
        !oaSecret ||
        !verifyZaloWebhookSignature({ appId, rawBody: raw, timestamp, oaSecret, signature })
      ) {
        request.log.warn({ appId }, 'Zalo webhook refused: bad or missing signature');
        throw new AppError('ZALO_WEBHOOK_SIGNATURE_INVALID');
      }
      const sentAt = Number(timestamp);
      if (!Number.isFinite(sentAt) || Math.abs(Date.now() - sentAt) > WEBHOOK_MAX_AGE_MS) {
        throw new AppError('ZALO_WEBHOOK_STALE');
      }
      const key = signature!
        .trim()
        .replace(/^mac\s*=\s*/i, '')
        .toLowerCase();
      const stored = await withTx(ctx.db, async (tx) => {
        const row = await tx
          .insertInto('zalo_webhook_events')
          .values({
            tenant_id: tenant.id,
            signature: key,
            event_name: String(event.event_name ?? '').slice(0, 100),
            body: raw,
          })
          .onConflict((oc) => oc.column('signature').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) {
          await enqueue(tx, { queue: WEBHOOK_QUEUE, tenantId: tenant.id, payload: { eventId: row.id } });
        }
        return row;
      });
      if (stored) ctx.worker.nudge();
      return { received: true, duplicate: !stored };
    },
  );
};
