import { describe, expect, it } from 'vitest';
import {
  deriveTotpKey,
  isValidTotp,
  matchTotpStep,
  newTotpSecret,
  openTotpSecret,
  sealTotpSecret,
  totpCode,
} from '../totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = new Date('2025-07-01T08:00:10Z');

  it('accepts the code of this step and of one step either side only', () => {
    expect(isValidTotp(secret, totpCode(secret, at), at)).toBe(true);
    expect(isValidTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(true);
    expect(isValidTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(true);
    expect(isValidTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at)).toBe(false);
    expect(isValidTotp(secret, 'abcdef', at)).toBe(false);
  });

  it('names the time step a code belongs to, so a used step can be refused', () => {
    const step = Math.floor(at.getTime() / 30_000);
    expect(matchTotpStep(secret, totpCode(secret, at), at)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at)).toBeNull();
    expect(matchTotpStep(secret, '12345', at)).toBeNull();
  });

  it('matches the RFC 6238 SHA1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits → 287082.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(rfcSecret, new Date(59_000))).toBe('287082');
  });

  it('seals secrets so only the same SESSION_SECRET opens them', () => {
    const key = deriveTotpKey('a'.repeat(32));
    const sealed = sealTotpSecret(secret, key);
    expect(sealed).not.toContain(secret);
    expect(sealTotpSecret(secret, key)).not.toBe(sealed);
    expect(openTotpSecret(sealed, key)).toBe(secret);
    expect(openTotpSecret(secret, key)).toBe(secret);
    expect(() => openTotpSecret(sealed, deriveTotpKey('b'.repeat(32)))).toThrow(/SESSION_SECRET/);
  });
});
