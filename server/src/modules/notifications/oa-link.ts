import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { AppError } from '../../platform/errors/app-error.js';
import { CLAIM_CONFIRM_WINDOW_MS, confirmClaim } from '../../platform/notify/zalo-events.js';

/**
 * The mini app reports what getUserInfo gave it (idByOA, followedOA) after the citizen followed the
 * Official Account. The app runs on the citizen's phone, so the server cannot take it on trust: a
 * forged id would route this citizen's notices to somebody else's Zalo. The id is recorded as a
 * claim and becomes the link only when Zalo itself, through the signed webhook, reports an event
 * from that OA user within ten minutes of the claim — the follow that the followOA flow causes, or,
 * for someone who followed long ago, any message they send to the OA (the app asks them to
 * interact). An id already linked to another citizen cannot be claimed.
 */
export async function claimOaLink(
  db: Db,
  input: { tenantId: string; citizenId: string; oaUserId: string; now?: Date },
): Promise<'linked' | 'pending'> {
  const now = input.now ?? new Date();
  return withTx(db, async (tx) => {
    const existing = await tx
      .selectFrom('oa_followers')
      .select(['citizen_id', 'followed', 'followed_at', 'last_interaction_at'])
      .where('tenant_id', '=', input.tenantId)
      .where('oa_user_id', '=', input.oaUserId)
      .forUpdate()
      .executeTakeFirst();
    if (existing?.citizen_id === input.citizenId) return 'linked';
    if (existing?.citizen_id) throw new AppError('OA_LINK_CONFLICT');
    await tx
      .insertInto('oa_followers')
      .values({
        tenant_id: input.tenantId,
        oa_user_id: input.oaUserId,
        claimed_citizen_id: input.citizenId,
        claimed_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'oa_user_id']).doUpdateSet({
          claimed_citizen_id: input.citizenId,
          claimed_at: now,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    // Zalo's event may have come first (the webhook is often faster than the app).
    const recent = [existing?.followed ? existing.followed_at : null, existing?.last_interaction_at]
      .filter((d): d is Date => d instanceof Date)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (recent && now.getTime() - recent.getTime() <= CLAIM_CONFIRM_WINDOW_MS) {
      if (await confirmClaim(tx, input.tenantId, input.oaUserId, recent)) return 'linked';
    }
    return 'pending';
  });
}
