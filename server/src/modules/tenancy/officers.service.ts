import { sql } from 'kysely';
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import type { Role } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { hashPassword, isStrongPassword } from '../../platform/auth/passwords.js';
import { revokeAllSessions } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors/app-error.js';
import {
  findOfficer,
  officerView,
  otherActiveProvinceAdmins,
  rolesOf,
  usernameTaken,
} from './officers.repository.js';
import { adminScope, inScope, type AdminScope } from '../../platform/auth/admin-scope.js';
import type { OfficerCreate, OfficerPatch, OfficerView, RoleGrant } from './tenancy.schemas.js';

/**
 * Officer administration. A province admin manages every officer of the province; an agency admin
 * sees officers holding a role in its agencies (or below) and manages only those roles. Contact
 * details, disabling and password resets need every role of the officer to be in its scope, so an
 * agency admin cannot lock out someone who also works for another agency.
 */

export interface OfficerWriteResult {
  officer: OfficerView;
  temporaryPassword?: string;
}

/** 16 characters with letters and digits: passes `isStrongPassword`, easy to read out once. */
export function generateTemporaryPassword(): string {
  return `Tn${randomBytes(9).toString('base64url')}${randomInt(10, 100)}`;
}

async function checkGrants(db: Db, tenantId: string, scope: AdminScope, grants: readonly RoleGrant[]) {
  const agencyIds = [...new Set(grants.map((g) => g.agencyId))];
  if (agencyIds.length === 0) return;
  const found = await db
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', agencyIds)
    .execute();
  const known = new Set(found.map((r) => r.id));
  const missing = agencyIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new AppError('AGENCY_NOT_FOUND', { field: 'roles', missing });
  if (scope.all) return;
  for (const grant of grants) {
    if (grant.role === 'province_admin') throw new AppError('ROLE_NOT_GRANTABLE');
    if (!inScope(scope, grant.agencyId)) throw new AppError('FORBIDDEN');
  }
}

function dedupe(grants: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Map(grants.map((g) => [`${g.agencyId}:${g.role}`, g]));
  return [...seen.values()];
}

function mapUsernameTaken(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw new AppError('OFFICER_USERNAME_TAKEN');
  throw error;
}

export async function createOfficer(opts: {
  db: Db;
  actor: OfficerPrincipal;
  input: OfficerCreate;
}): Promise<OfficerWriteResult> {
  const { db, actor, input } = opts;
  const tenantId = actor.tenantId;
  const scope = await adminScope(db, actor);
  const roles = dedupe(input.roles);
  if (!scope.all && roles.length === 0) {
    // Without a role in its scope the new officer would vanish from the agency admin's own list.
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: '/roles', rule: 'minItems' }] });
  }
  await checkGrants(db, tenantId, scope, roles);
  const password = input.temporaryPassword ?? generateTemporaryPassword();
  if (!isStrongPassword(password)) throw new AppError('PASSWORD_TOO_WEAK');
  if (await usernameTaken(db, tenantId, input.username)) throw new AppError('OFFICER_USERNAME_TAKEN');
  // Hash outside the transaction: argon2 takes tens of milliseconds and PGlite has one connection.
  const passwordHash = await hashPassword(password);

  const officer = await withTx(db, async (tx) => {
    const row = await tx
      .insertInto('officers')
      .values({
        tenant_id: tenantId,
        username: input.username,
        full_name: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        totp_secret: null,
        locked_until: null,
        must_change_password: true,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(mapUsernameTaken);
    if (roles.length > 0) {
      await tx
        .insertInto('officer_roles')
        .values(
          roles.map((r) => ({
            tenant_id: tenantId,
            officer_id: row.id,
            agency_id: r.agencyId,
            role: r.role,
          })),
        )
        .execute();
    }
    await appendAudit(tx, {
      tenantId,
      actor: { type: 'officer', id: actor.id },
      action: 'officer.create',
      entityType: 'officer',
      entityId: row.id,
      data: { username: input.username, fullName: input.fullName, roles },
    });
    return officerView(row, await rolesOf(tx, tenantId, [row.id]));
  });
  return { officer, temporaryPassword: password };
}

export async function updateOfficer(opts: {
  db: Db;
  actor: OfficerPrincipal;
  officerId: string;
  patch: OfficerPatch;
}): Promise<OfficerWriteResult> {
  const { db, actor, officerId, patch } = opts;
  const tenantId = actor.tenantId;
  const scope = await adminScope(db, actor);
  const current = await findOfficer(db, tenantId, officerId);
  const currentRoles = current ? await rolesOf(db, tenantId, [officerId]) : [];
  const managed = currentRoles.filter((r) => inScope(scope, r.agency_id));
  // Outside the agency admin's scope the officer does not exist, as far as it can tell.
  if (!current || (!scope.all && managed.length === 0)) throw new AppError('OFFICER_NOT_FOUND');
  const fullyManaged = scope.all || managed.length === currentRoles.length;
  const touchesAccount =
    patch.fullName !== undefined ||
    patch.email !== undefined ||
    patch.phone !== undefined ||
    patch.disabled !== undefined ||
    patch.resetPassword !== undefined;
  if (touchesAccount && !fullyManaged) throw new AppError('FORBIDDEN');
  if (patch.disabled === true && officerId === actor.id) throw new AppError('OFFICER_SELF_DISABLE');

  const newRoles = patch.roles ? dedupe(patch.roles) : undefined;
  if (newRoles) await checkGrants(db, tenantId, scope, newRoles);
  const kept = currentRoles.filter((r) => !inScope(scope, r.agency_id));
  const finalRoles: { agencyId: string; role: Role }[] = newRoles
    ? [...kept.map((r) => ({ agencyId: r.agency_id, role: r.role })), ...newRoles]
    : currentRoles.map((r) => ({ agencyId: r.agency_id, role: r.role }));
  const wasAdmin = !current.disabled && currentRoles.some((r) => r.role === 'province_admin');
  const staysAdmin =
    !(patch.disabled ?? current.disabled) && finalRoles.some((r) => r.role === 'province_admin');

  const temporaryPassword = patch.resetPassword ? generateTemporaryPassword() : undefined;
  const passwordHash = temporaryPassword ? await hashPassword(temporaryPassword) : undefined;

  const officer = await withTx(db, async (tx) => {
    // One officer change at a time per province, so two admins cannot disable each other at once.
    await sql`select pg_advisory_xact_lock(hashtext(${'officers:' + tenantId}))`.execute(tx);
    if (wasAdmin && !staysAdmin && (await otherActiveProvinceAdmins(tx, tenantId, officerId)) === 0) {
      throw new AppError('OFFICER_LAST_PROVINCE_ADMIN');
    }
    const changes = {
      ...(patch.fullName !== undefined && { full_name: patch.fullName }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled }),
      ...(passwordHash !== undefined && {
        password_hash: passwordHash,
        must_change_password: true,
        password_changed_at: new Date(),
        failed_logins: 0,
        locked_until: null,
      }),
    };
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('officers')
        .set(changes)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', officerId)
        .execute();
    }
    if (newRoles) {
      let removal = tx
        .deleteFrom('officer_roles')
        .where('tenant_id', '=', tenantId)
        .where('officer_id', '=', officerId);
      if (!scope.all) removal = removal.where('agency_id', 'in', [...scope.agencyIds]);
      await removal.execute();
      if (newRoles.length > 0) {
        await tx
          .insertInto('officer_roles')
          .values(
            newRoles.map((r) => ({
              tenant_id: tenantId,
              officer_id: officerId,
              agency_id: r.agencyId,
              role: r.role,
            })),
          )
          .execute();
      }
    }
    if (patch.disabled === true || passwordHash !== undefined) {
      await revokeAllSessions(tx, 'officer', officerId);
    }
    await appendAudit(tx, {
      tenantId,
      actor: { type: 'officer', id: actor.id },
      action: 'officer.update',
      entityType: 'officer',
      entityId: officerId,
      data: {
        changed: Object.keys(patch),
        ...(patch.fullName !== undefined && { fullName: patch.fullName }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(newRoles && { roles: newRoles }),
        ...(patch.resetPassword && { resetPassword: true }),
      },
    });
    const row = await findOfficer(tx, tenantId, officerId);
    const roles = await rolesOf(tx, tenantId, [officerId]);
    return officerView(row!, scope.all ? roles : roles.filter((r) => inScope(scope, r.agency_id)));
  });
  return temporaryPassword ? { officer, temporaryPassword } : { officer };
}

/** One officer as an administrator sees it; 404 outside an agency admin's scope. */
export async function getOfficer(opts: { db: Db; actor: OfficerPrincipal; officerId: string }) {
  const { db, actor, officerId } = opts;
  const scope = await adminScope(db, actor);
  const officer = await findOfficer(db, actor.tenantId, officerId);
  const roles = officer ? await rolesOf(db, actor.tenantId, [officerId]) : [];
  const visible = scope.all ? roles : roles.filter((r) => inScope(scope, r.agency_id));
  if (!officer || (!scope.all && visible.length === 0)) throw new AppError('OFFICER_NOT_FOUND');
  return officerView(officer, visible);
}
