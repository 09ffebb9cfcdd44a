import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app understands them: SHA1, 6 digits,
 * 30 seconds. A window of one step either side forgives a phone clock that is a little off.
 * The issuer is ASCII because some authenticator apps mangle diacritics in otpauth:// labels.
 */
export const TOTP_ISSUER = 'Cong tien ich cong dan';
const PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const WINDOW = 1;

/** 160 random bits, the size RFC 4226 recommends for SHA1, as base32 for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secret: string, account: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: account,
    secret: Secret.fromBase32(secret),
    ...PARAMS,
  }).toString();
}

export function totpCode(secret: string, at: Date = new Date()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime(), ...PARAMS });
}

/**
 * The time step (unix seconds / 30) the code belongs to, or null if it fits none in the window.
 * Callers store the step they accepted and refuse any step not after it (`consumeTotpStep`), so a
 * code seen over a shoulder or replayed from a log cannot be used a second time.
 */
export function matchTotpStep(secret: string, code: string, at: Date = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    timestamp: at.getTime(),
    window: WINDOW,
    ...PARAMS,
  });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PARAMS.period) + delta;
}

export function isValidTotp(secret: string, code: string, at: Date = new Date()): boolean {
  return matchTotpStep(secret, code, at) !== null;
}

/*
 * TOTP secrets are stored sealed (AES-256-GCM, key derived from SESSION_SECRET), so a copy of the
 * database alone does not let anyone mint second-factor codes. Changing SESSION_SECRET therefore
 * invalidates enrolled authenticators; the failure is loud (an error naming the cause), never a
 * silent "wrong code". Values without the version prefix are read as plain base32, which lets
 * seed scripts and tests write secrets directly.
 */
const SEALED_PREFIX = 'v1.';

export function deriveTotpKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'ctic', 'officer-totp-secret-v1', 32));
}

export function sealTotpSecret(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url'));
  return SEALED_PREFIX + parts.join('.');
}

export function openTotpSecret(stored: string, key: Buffer): string {
  if (!stored.startsWith(SEALED_PREFIX)) return stored;
  const [iv, tag, sealed] = stored
    .slice(SEALED_PREFIX.length)
    .split('.')
    .map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('An officer TOTP secret cannot be opened: was SESSION_SECRET changed since enrolment?');
  }
}
