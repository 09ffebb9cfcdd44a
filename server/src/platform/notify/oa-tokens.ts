import { hkdfSync } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import type { ZaloClient } from '../../integrations/zalo/client.js';
import { openTotpSecret, sealTotpSecret } from '../../modules/identity/totp.js';

/**
 * The tenant's Official Account tokens. Both are stored sealed (AES-256-GCM with a key derived from
 * SESSION_SECRET, the helper that seals TOTP secrets), so a database copy cannot send in the
 * province's name. The refresh token is single-use: a refresh happens with the token row locked,
 * and the new pair is committed before the new access token is handed to anyone. A second worker
 * that wanted to refresh waits on that lock, then finds a fresh token and uses it, so two workers
 * racing refresh once. A process keeps the current access token in memory until shortly before
 * it expires, or until Zalo calls it invalid (-216) or expired (-220).
 */
export class OaNotConfiguredError extends Error {
  constructor(tenantId: string) {
    super(`no Official Account refresh token stored for tenant ${tenantId}`);
    this.name = 'OaNotConfiguredError';
  }
}

const REFRESH_MARGIN_MS = 5 * 60_000;

export function deriveOaTokenKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'ctic', 'zalo-oa-token-v1', 32));
}

export class OaTokenStore {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly zalo: ZaloClient,
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** A usable access token, refreshed first when it is about to expire. */
  async accessToken(tenantId: string): Promise<string> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > this.now()) return cached.token;
    const row = await this.db
      .selectFrom('zalo_oa_tokens')
      .select(['access_token', 'access_expires_at'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!row) throw new OaNotConfiguredError(tenantId);
    const expiresAt = row.access_expires_at.getTime();
    if (row.access_token && expiresAt - REFRESH_MARGIN_MS > this.now()) {
      const token = openTotpSecret(row.access_token, this.key);
      this.cache.set(tenantId, { token, expiresAt });
      return token;
    }
    return this.refresh(tenantId, null);
  }

  /**
   * Refreshes unless someone already did. `failed` is the access token Zalo just refused: a stored
   * token different from it is newer and is used as it is.
   */
  async refresh(tenantId: string, failed: string | null): Promise<string> {
    this.cache.delete(tenantId);
    const fresh = await withTx(this.db, async (tx) => {
      const row = await tx
        .selectFrom('zalo_oa_tokens')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new OaNotConfiguredError(tenantId);
      const current = row.access_token ? openTotpSecret(row.access_token, this.key) : null;
      const expiresAt = row.access_expires_at.getTime();
      if (current && current !== failed && expiresAt - REFRESH_MARGIN_MS > this.now()) {
        return { token: current, expiresAt };
      }
      const tokens = await this.zalo.refreshOaToken(openTotpSecret(row.refresh_token, this.key));
      const newExpiry = this.now() + tokens.expiresInSeconds * 1000;
      await tx
        .updateTable('zalo_oa_tokens')
        .set({
          access_token: sealTotpSecret(tokens.accessToken, this.key),
          refresh_token: sealTotpSecret(tokens.refreshToken, this.key),
          access_expires_at: new Date(newExpiry),
          refreshed_count: (eb) => eb('refreshed_count', '+', 1),
          updated_at: new Date(this.now()),
        })
        .where('tenant_id', '=', tenantId)
        .execute();
      return { token: tokens.accessToken, expiresAt: newExpiry };
    });
    // Only after the commit: the new refresh token is safe before the access token is used.
    this.cache.set(tenantId, fresh);
    return fresh.token;
  }

  /** Stores the refresh token an administrator got from Zalo, then exchanges it at once to prove it. */
  async setRefreshToken(tenantId: string, refreshToken: string): Promise<{ expiresAt: Date }> {
    await this.db
      .insertInto('zalo_oa_tokens')
      .values({
        tenant_id: tenantId,
        access_token: null,
        refresh_token: sealTotpSecret(refreshToken, this.key),
        access_expires_at: new Date(0),
      })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({
          access_token: null,
          refresh_token: (eb) => eb.ref('excluded.refresh_token'),
          access_expires_at: new Date(0),
          updated_at: new Date(this.now()),
        }),
      )
      .execute();
    await this.refresh(tenantId, null);
    return { expiresAt: new Date(this.cache.get(tenantId)!.expiresAt) };
  }

  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
