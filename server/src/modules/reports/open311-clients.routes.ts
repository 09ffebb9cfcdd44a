import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { PROVINCE_ADMIN, SECURITY, SIGNED_IN_ERRORS } from '../../platform/auth/route-rules.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';

/**
 * The Open311 clients a province lets post reports (an outside app, a hotline's system): each gets
 * an API key, shown once when issued and kept only as its sha256, so a leaked database does not
 * leak working keys. The prefix stays readable so an administrator can tell keys apart.
 */
export const OPEN311_KEY_PREFIX = 'o311_';

export function hashOpen311Key(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 32 random bytes: not guessable, and long enough that a plain sha256 needs no salt. */
export function newOpen311Key(): string {
  return OPEN311_KEY_PREFIX + randomBytes(32).toString('base64url');
}

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Open311Client = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  keyPrefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
const Open311ClientWithKey = Type.Intersect([
  Open311Client,
  Type.Object({ key: Type.String({ description: 'The API key; shown only in this answer' }) }),
]);
const CreateBody = Type.Object(
  { name: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

interface ClientRow {
  id: string;
  name: string;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
const COLUMNS = ['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

const view = (r: ClientRow) => ({
  id: r.id,
  name: r.name,
  keyPrefix: r.key_prefix,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

async function issueClient(db: Db, tenantId: string, officerId: string, name: string) {
  const key = newOpen311Key();
  const exists = await db
    .selectFrom('open311_clients')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (exists) throw new AppError('OPEN311_CLIENT_EXISTS');
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('open311_clients')
      .values({
        tenant_id: tenantId,
        name,
        key_hash: hashOpen311Key(key),
        key_prefix: key.slice(0, OPEN311_KEY_PREFIX.length + 6),
        created_by: officerId,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // Two administrators issuing the same name at once: the unique index decides.
        if ((error as { code?: string }).code === '23505') throw new AppError('OPEN311_CLIENT_EXISTS');
        throw error;
      });
    // Never the key itself: administrators read the audit log.
    await appendAudit(tx, {
      tenantId,
      actor: { type: 'officer', id: officerId },
      action: 'open311.client.create',
      entityType: 'open311_client',
      entityId: row.id,
      data: { name: row.name, keyPrefix: row.key_prefix },
    });
    return { ...view(row), key };
  });
}

async function revokeClient(db: Db, tenantId: string, officerId: string, id: string) {
  return withTx(db, async (tx) => {
    const current = await tx
      .selectFrom('open311_clients')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('OPEN311_CLIENT_NOT_FOUND');
    // Revoking twice keeps the first moment: it is when the key stopped working.
    if (current.revoked_at) return view(current);
    const row = await tx
      .updateTable('open311_clients')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      tenantId,
      actor: { type: 'officer', id: officerId },
      action: 'open311.client.revoke',
      entityType: 'open311_client',
      entityId: id,
      data: { name: row.name, keyPrefix: row.key_prefix },
    });
    return view(row);
  });
}

/** Province admins issue, list and revoke the Open311 clients' API keys (docs/open311.md). */
export const open311ClientsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const base = { tags: ['reports: open311'], security: SECURITY };

  app.get(
    '/api/admin/open311-clients',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Open311 clients of the province, newest first (revoked ones too)',
        response: { 200: Type.Object({ items: Type.Array(Open311Client) }), ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => {
      const rows = await db
        .selectFrom('open311_clients')
        .select(COLUMNS)
        .where('tenant_id', '=', request.tenant.id)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/api/admin/open311-clients',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Issue an API key to a new Open311 client; the key is shown only in this answer',
        body: CreateBody,
        response: {
          201: Open311ClientWithKey,
          ...SIGNED_IN_ERRORS,
          409: ErrorResponse(['OPEN311_CLIENT_EXISTS']),
        },
      },
    },
    async (request, reply) => {
      const officer = requireOfficer(request);
      const created = await issueClient(db, request.tenant.id, officer.id, request.body.name.trim());
      // A key must never sit in a shared cache or the browser's stored responses.
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/admin/open311-clients/:id',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Revoke a client’s key at once (its reports stay)',
        params: Params,
        response: {
          200: Open311Client,
          ...SIGNED_IN_ERRORS,
          404: ErrorResponse(['OPEN311_CLIENT_NOT_FOUND']),
        },
      },
    },
    async (request) => revokeClient(db, request.tenant.id, requireOfficer(request).id, request.params.id),
  );
};
