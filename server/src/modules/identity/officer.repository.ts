import type { Db } from '../../db/connection.js';
import type { Officer, Role } from '../../db/schema.js';

/** Officer rows, always looked up within one tenant: usernames are unique per province only. */
export function findOfficerByUsername(
  db: Db,
  tenantId: string,
  username: string,
): Promise<Officer | undefined> {
  // `username` is citext, so "NguyenVanA" and "nguyenvana" are the same account.
  return db
    .selectFrom('officers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export function findOfficerById(db: Db, tenantId: string, id: string): Promise<Officer | undefined> {
  return db
    .selectFrom('officers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function officerRolesWithAgencies(
  db: Db,
  tenantId: string,
  officerId: string,
): Promise<{ agencyId: string; agencyName: string; role: Role }[]> {
  const rows = await db
    .selectFrom('officer_roles')
    .innerJoin('agencies', 'agencies.id', 'officer_roles.agency_id')
    .select(['officer_roles.agency_id', 'agencies.name', 'officer_roles.role'])
    .where('officer_roles.tenant_id', '=', tenantId)
    .where('agencies.tenant_id', '=', tenantId)
    .where('officer_roles.officer_id', '=', officerId)
    .orderBy('agencies.name')
    .orderBy('officer_roles.role')
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, agencyName: r.name, role: r.role }));
}

/** Adds one failure atomically, so parallel guesses cannot share a count; returns the new count. */
export async function addFailedLogin(tx: Db, officerId: string): Promise<number> {
  const row = await tx
    .updateTable('officers')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', officerId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

/** Locking restarts the count, so the officer gets a full set of tries once the lock ends. */
export async function lockOfficer(tx: Db, officerId: string, until: Date): Promise<void> {
  await tx
    .updateTable('officers')
    .set({ failed_logins: 0, locked_until: until })
    .where('id', '=', officerId)
    .execute();
}

export async function clearFailedLogins(tx: Db, officerId: string): Promise<void> {
  await tx
    .updateTable('officers')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', officerId)
    .execute();
}

export async function revokeOtherSessions(tx: Db, officerId: string, keepSessionId: string): Promise<number> {
  const result = await tx
    .deleteFrom('sessions')
    .where('subject_type', '=', 'officer')
    .where('subject_id', '=', officerId)
    .where('id', '!=', keepSessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records `step` as the last accepted TOTP step, unless that step (or a later one) was already
 * used; returns false then. One conditional update, so of two requests racing with the same code
 * only one can win: PostgreSQL re-checks the condition on the row the other one just updated.
 */
export async function consumeTotpStep(tx: Db, officerId: string, step: number): Promise<boolean> {
  const row = await tx
    .updateTable('officers')
    .set({ totp_last_step: step })
    .where('id', '=', officerId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
