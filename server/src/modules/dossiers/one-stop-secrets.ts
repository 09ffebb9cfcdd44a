import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { openTotpSecret, sealTotpSecret } from '../../modules/identity/totp.js';

/**
 * The HMAC secret shared with a province's one-stop system. Stored sealed (AES-256-GCM under a key
 * derived from SESSION_SECRET, the helper that seals TOTP secrets and OA tokens), so a copy of the
 * database cannot forge dossiers; shown to the administrator once, when created or rotated.
 */
export function deriveOneStopKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'ctic', 'one-stop-secret-v1', 32));
}

/** 32 random bytes, base64url: 43 characters that survive any configuration file or shell. */
export function newOneStopSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const sealOneStopSecret = (secret: string, key: Buffer) => sealTotpSecret(secret, key);
export const openOneStopSecret = (sealed: string, key: Buffer) => openTotpSecret(sealed, key);

/** Clocks of two servers drift a little; an older request is a replay or hopelessly late. */
export const ONE_STOP_MAX_SKEW_SECONDS = 5 * 60;

/** hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`): the timestamp is signed, so it cannot be moved. */
export function signOneStop(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function verifyOneStopSignature(
  secret: string,
  timestamp: string,
  rawBody: string | Buffer,
  signature: string | undefined,
): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const expected = Buffer.from(signOneStop(secret, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.trim(), 'hex'));
}
