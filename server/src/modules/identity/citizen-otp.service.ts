import { sql } from 'kysely';
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import type { Tenant } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import type { SmsSender } from '../../integrations/sms/client.js';
import { normalizeVietnamesePhone } from '../../integrations/sms/phone.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { ErrorCode } from '../../platform/errors/codes.js';
import { maskPersonalData } from '../../platform/logging/redact.js';
import type { SessionReplyT } from './citizen.schemas.js';
import { retryOnUniqueViolation, signIn } from './citizen.service.js';

/**
 * Web sign-in with a phone number and a one-time code sent by SMS. Only the newest code for a
 * number works; it lives 5 minutes and survives 5 wrong tries. Codes are stored as an HMAC keyed
 * with the session secret: a 6-digit code under a plain hash falls to a million guesses offline.
 * Sending is throttled per number (one a minute, five an hour) because each SMS costs money and a
 * stranger can type anyone's number.
 */
export const OTP_POLICY = {
  ttlMs: 5 * 60_000,
  maxAttempts: 5,
  resendAfterMs: 60_000,
  maxPerHour: 5,
} as const;

function codeHash(config: Config, tenantId: string, phone: string, code: string): string {
  return createHmac('sha256', config.sessionSecret).update(`otp:${tenantId}:${phone}:${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

function canonicalPhone(input: string): string {
  const phone = normalizeVietnamesePhone(input);
  if (!phone) throw new AppError('PHONE_INVALID');
  return phone;
}

/** Carriers' brandname templates are plain ASCII, and one GSM-7 part (160 chars) costs a third of UCS-2. */
function ascii(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function otpText(tenant: Pick<Tenant, 'short_name' | 'branding'>, code: string): string {
  const portal = ascii(tenant.branding?.appName ?? `Cong dich vu cong ${tenant.short_name}`);
  // The code comes first so it shows in the notification preview and phones can offer to fill it.
  return `${code} la ma xac thuc dang nhap ${portal}. Ma co hieu luc 5 phut. KHONG chia se ma nay cho bat ky ai.`;
}

export async function requestOtp(opts: {
  db: Db;
  config: Config;
  sms: SmsSender;
  tenant: Tenant;
  phone: string;
}): Promise<{ expiresAt: string; resendAfterSeconds: number; sentTo: string }> {
  const phone = canonicalPhone(opts.phone);
  const tenantId = opts.tenant.id;
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const now = new Date();
  const challenge = await withTx(opts.db, async (tx) => {
    // Serializes requests for one number so two parallel requests cannot both pass the throttle.
    await sql`select pg_advisory_xact_lock(hashtext(${`otp:${tenantId}:${phone}`}))`.execute(tx);
    const recent = await tx
      .selectFrom('otp_challenges')
      .select('created_at')
      .where('tenant_id', '=', tenantId)
      .where('phone', '=', phone)
      .where('created_at', '>', new Date(now.getTime() - 3600_000))
      .orderBy('created_at', 'desc')
      .execute();
    const last = recent[0]?.created_at.getTime();
    if (last !== undefined && now.getTime() - last < OTP_POLICY.resendAfterMs) {
      const retryAfterSeconds = Math.ceil((last + OTP_POLICY.resendAfterMs - now.getTime()) / 1000);
      throw new AppError('OTP_RESEND_TOO_SOON', { retryAfterSeconds });
    }
    if (recent.length >= OTP_POLICY.maxPerHour) throw new AppError('OTP_LIMIT_REACHED');
    // Superseded codes count as used: only the code in the latest SMS works.
    await tx
      .updateTable('otp_challenges')
      .set({ consumed_at: now })
      .where('tenant_id', '=', tenantId)
      .where('phone', '=', phone)
      .where('consumed_at', 'is', null)
      .execute();
    return tx
      .insertInto('otp_challenges')
      .values({
        tenant_id: tenantId,
        phone,
        code_hash: codeHash(opts.config, tenantId, phone, code),
        expires_at: new Date(now.getTime() + OTP_POLICY.ttlMs),
        consumed_at: null,
        created_at: now,
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
  });
  try {
    await opts.sms.send({ to: phone, text: otpText(opts.tenant, code) });
  } catch (error) {
    // The citizen never got this code: do not let it block a retry behind the resend throttle.
    await opts.db
      .deleteFrom('otp_challenges')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', challenge.id)
      .execute();
    throw error instanceof AppError ? error : new AppError('SMS_UNAVAILABLE');
  }
  return {
    expiresAt: challenge.expires_at.toISOString(),
    resendAfterSeconds: OTP_POLICY.resendAfterMs / 1000,
    sentTo: maskPersonalData(phone),
  };
}

type VerifyOutcome = { session: SessionReplyT } | { error: ErrorCode; details?: Record<string, unknown> };

export async function verifyOtp(opts: {
  db: Db;
  config: Config;
  tenantId: string;
  phone: string;
  code: string;
}): Promise<SessionReplyT> {
  const phone = canonicalPhone(opts.phone);
  const { tenantId } = opts;
  // Failures are returned, not thrown, inside the transaction: throwing would roll back the
  // attempt counter and give a guesser unlimited tries.
  const outcome = await retryOnUniqueViolation(() =>
    withTx(opts.db, async (tx): Promise<VerifyOutcome> => {
      const now = new Date();
      const challenge = await tx
        .selectFrom('otp_challenges')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('phone', '=', phone)
        .where('consumed_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (!challenge || challenge.expires_at.getTime() <= now.getTime()) return { error: 'OTP_EXPIRED' };
      if (challenge.attempts >= OTP_POLICY.maxAttempts) return { error: 'OTP_TOO_MANY_ATTEMPTS' };
      if (!sameHash(challenge.code_hash, codeHash(opts.config, tenantId, phone, opts.code))) {
        const attempts = challenge.attempts + 1;
        await tx.updateTable('otp_challenges').set({ attempts }).where('id', '=', challenge.id).execute();
        if (attempts >= OTP_POLICY.maxAttempts) return { error: 'OTP_TOO_MANY_ATTEMPTS' };
        return { error: 'OTP_INVALID', details: { attemptsLeft: OTP_POLICY.maxAttempts - attempts } };
      }
      await tx
        .updateTable('otp_challenges')
        .set({ consumed_at: now, attempts: challenge.attempts + 1 })
        .where('id', '=', challenge.id)
        .execute();
      const existing = await tx
        .selectFrom('citizens')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('phone', '=', phone)
        .executeTakeFirst();
      const citizen = existing
        ? await tx
            .updateTable('citizens')
            .set({ phone_verified_at: now, last_seen_at: now, updated_at: now })
            .where('tenant_id', '=', tenantId)
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await tx
            .insertInto('citizens')
            .values({
              tenant_id: tenantId,
              zalo_id: null,
              display_name: null,
              avatar_url: null,
              phone,
              phone_verified_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
      return { session: await signIn(tx, opts.config, citizen) };
    }),
  );
  if ('error' in outcome) throw new AppError(outcome.error, outcome.details);
  return outcome.session;
}
