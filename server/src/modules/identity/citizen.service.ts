import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { Citizen } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { normalizeVietnamesePhone } from '../../integrations/sms/phone.js';
import { zaloErrorToAppError, type ZaloClient, type ZaloProfile } from '../../integrations/zalo/client.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { createSession } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { SessionReplyT } from './citizen.schemas.js';

/**
 * Citizen sign-in: through Zalo (the mini app), a simulated Zalo identity (development), or a phone
 * number with a one-time code (web; see citizen-otp.service.ts). All three end in `signIn`.
 */

/** What the mini app tells the citizen before it asks Zalo for the number (Decree 13/2023). */
export const PHONE_CONSENT = {
  code: 'phone',
  purpose:
    'Dùng số điện thoại để liên hệ và gửi thông báo về hồ sơ, phản ánh, lịch hẹn của bạn; ' +
    'đăng nhập trên trình duyệt bằng mã xác thực.',
} as const;

export function toSummary(citizen: Citizen): SessionReplyT['citizen'] {
  return {
    id: citizen.id,
    name: citizen.display_name,
    avatarUrl: citizen.avatar_url,
    hasPhone: citizen.phone !== null,
  };
}

export async function signIn(tx: Db, config: Config, citizen: Citizen): Promise<SessionReplyT> {
  const session = await createSession(tx, {
    tenantId: citizen.tenant_id,
    subjectType: 'citizen',
    subjectId: citizen.id,
    ttlHours: config.sessionTtlHours,
  });
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), citizen: toSummary(citizen) };
}

export async function signInWithZalo(opts: {
  db: Db;
  config: Config;
  zalo: ZaloClient;
  tenantId: string;
  accessToken: string;
  phoneToken?: string | undefined;
}): Promise<SessionReplyT> {
  if (!opts.zalo.configured) throw new AppError('ZALO_NOT_CONFIGURED');
  // Both Zalo calls happen before the transaction opens: a slow Zalo must not hold a connection
  // (PGlite has exactly one).
  const { profile, phone } = await readZaloIdentity(opts.zalo, opts.accessToken, opts.phoneToken);
  return retryOnUniqueViolation(() =>
    withTx(opts.db, async (tx) => {
      const citizen = await upsertZaloCitizen(tx, {
        tenantId: opts.tenantId,
        zaloId: profile.id,
        name: profile.name || null,
        avatarUrl: profile.pictureUrl,
        phone,
      });
      if (phone) await grantConsent(tx, { citizen, ...PHONE_CONSENT });
      return signIn(tx, opts.config, citizen);
    }),
  );
}

async function readZaloIdentity(
  zalo: ZaloClient,
  accessToken: string,
  phoneToken: string | undefined,
): Promise<{ profile: ZaloProfile; phone: string | null }> {
  try {
    const profile = await zalo.getProfile(accessToken);
    if (!phoneToken) return { profile, phone: null };
    const raw = await zalo.getPhoneNumber(accessToken, phoneToken);
    // A Zalo account registered with a foreign number has no place in a Vietnamese phone column.
    const phone = normalizeVietnamesePhone(raw);
    if (!phone) throw new AppError('PHONE_INVALID');
    return { profile, phone };
  } catch (error) {
    throw zaloErrorToAppError(error);
  }
}

export async function signInDevZalo(opts: {
  db: Db;
  config: Config;
  tenantId: string;
  zaloId: string;
  name: string;
}): Promise<SessionReplyT> {
  if (!opts.config.devLogin || opts.config.env === 'production') throw new AppError('DEV_LOGIN_DISABLED');
  return retryOnUniqueViolation(() =>
    withTx(opts.db, async (tx) => {
      const citizen = await upsertZaloCitizen(tx, {
        tenantId: opts.tenantId,
        zaloId: opts.zaloId,
        name: opts.name,
        avatarUrl: null,
        phone: null,
      });
      return signIn(tx, opts.config, citizen);
    }),
  );
}

/**
 * Creates or refreshes the citizen for a Zalo identity. A phone number verified just now belongs
 * to this person now: a phone-only account (web sign-in) holding it is the same person and gets
 * the Zalo id linked; any other holder loses it (numbers are recycled by carriers), with an audit
 * row so support can trace the move.
 */
export async function upsertZaloCitizen(
  tx: Db,
  input: {
    tenantId: string;
    zaloId: string;
    name: string | null;
    avatarUrl: string | null;
    phone: string | null;
  },
): Promise<Citizen> {
  const now = new Date();
  let citizen = await tx
    .selectFrom('citizens')
    .selectAll()
    .where('tenant_id', '=', input.tenantId)
    .where('zalo_id', '=', input.zaloId)
    .forUpdate()
    .executeTakeFirst();
  if (input.phone) {
    const holder = await tx
      .selectFrom('citizens')
      .selectAll()
      .where('tenant_id', '=', input.tenantId)
      .where('phone', '=', input.phone)
      .forUpdate()
      .executeTakeFirst();
    if (holder && holder.id !== citizen?.id) {
      if (!citizen && holder.zalo_id === null) {
        citizen = holder;
      } else {
        await tx
          .updateTable('citizens')
          .set({ phone: null, phone_verified_at: null, updated_at: now })
          .where('tenant_id', '=', input.tenantId)
          .where('id', '=', holder.id)
          .execute();
        await appendAudit(tx, {
          tenantId: input.tenantId,
          actor: { type: 'system', id: null },
          action: 'citizen.phone_reassigned',
          entityType: 'citizen',
          entityId: holder.id,
          data: { toCitizenId: citizen?.id ?? null, reason: 'verified_by_zalo' },
        });
      }
    }
  }
  const phoneFields = input.phone ? { phone: input.phone, phone_verified_at: now } : {};
  if (citizen) {
    return tx
      .updateTable('citizens')
      .set({
        zalo_id: input.zaloId,
        display_name: input.name ?? citizen.display_name,
        avatar_url: input.avatarUrl ?? citizen.avatar_url,
        ...phoneFields,
        updated_at: now,
        last_seen_at: now,
      })
      .where('tenant_id', '=', input.tenantId)
      .where('id', '=', citizen.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return tx
    .insertInto('citizens')
    .values({
      tenant_id: input.tenantId,
      zalo_id: input.zaloId,
      display_name: input.name,
      avatar_url: input.avatarUrl,
      phone: input.phone,
      phone_verified_at: input.phone ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records consent unless an active one for the same purpose code exists; returns the active one. */
export async function grantConsent(
  tx: Db,
  input: { citizen: Pick<Citizen, 'id' | 'tenant_id'>; code: string; purpose: string },
) {
  const active = await tx
    .selectFrom('consents')
    .selectAll()
    .where('tenant_id', '=', input.citizen.tenant_id)
    .where('citizen_id', '=', input.citizen.id)
    .where('purpose_code', '=', input.code)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (active) return { consent: active, created: false };
  const consent = await tx
    .insertInto('consents')
    .values({
      tenant_id: input.citizen.tenant_id,
      citizen_id: input.citizen.id,
      purpose_code: input.code,
      purpose: input.purpose,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { consent, created: true };
}

/**
 * Two first sign-ins of the same new citizen can race past the lookup and collide on a unique
 * index; the second attempt then finds the row the first one made.
 */
export async function retryOnUniqueViolation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    return fn();
  }
}
