import type { Db } from '../../db/connection.js';
import type { Tenant } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import {
  adminScope,
  agencyTree,
  descendantsOf,
  inScope,
  type AdminScope,
} from '../../platform/auth/admin-scope.js';
import type { AgencyCreate, AgencyPatch, TenantPatch } from './tenancy.schemas.js';
import {
  adminUnitExists,
  agencyView,
  existingCommunes,
  findAgency,
  replaceAgencyCommunes,
} from './tenancy.repository.js';

/** Use-cases of the tenancy module that change data; each writes its audit row in the same transaction. */

const actorOf = (officer: OfficerPrincipal) => ({ type: 'officer' as const, id: officer.id });

export async function updateTenant(opts: {
  db: Db;
  actor: OfficerPrincipal;
  patch: TenantPatch;
}): Promise<Tenant> {
  const { db, actor, patch } = opts;
  return withTx(db, async (tx) => {
    const current = await tx
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', actor.tenantId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('TENANT_NOT_FOUND');
    const updated = await tx
      .updateTable('tenants')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.shortName !== undefined && { short_name: patch.shortName }),
        ...(patch.utilities !== undefined && { utilities: JSON.stringify(patch.utilities) }),
        ...(patch.branding !== undefined && { branding: JSON.stringify(patch.branding) }),
        ...(patch.hotlines !== undefined && { hotlines: JSON.stringify(patch.hotlines) }),
        ...(patch.zalo?.appId !== undefined && { zalo_app_id: patch.zalo.appId }),
        ...(patch.zalo?.oaId !== undefined && { zalo_oa_id: patch.zalo.oaId }),
        updated_at: new Date(),
      })
      .where('id', '=', actor.tenantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: actorOf(actor),
      action: 'tenant.update',
      entityType: 'tenant',
      entityId: actor.tenantId,
      data: { changed: Object.keys(patch), ...patch },
    });
    return updated;
  });
}

async function checkReferences(
  db: Db,
  tenantId: string,
  input: { adminUnitId?: string | null; communeIds?: string[] },
): Promise<void> {
  if (input.adminUnitId && !(await adminUnitExists(db, tenantId, input.adminUnitId))) {
    throw new AppError('ADMIN_UNIT_NOT_FOUND', { field: 'adminUnitId' });
  }
  if (input.communeIds && input.communeIds.length > 0) {
    const found = await existingCommunes(db, tenantId, input.communeIds);
    const missing = input.communeIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new AppError('ADMIN_UNIT_NOT_FOUND', { field: 'communeIds', missing });
  }
}

async function checkCodeFree(db: Db, tenantId: string, code: string, exceptId?: string): Promise<void> {
  let query = db
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new AppError('AGENCY_CODE_TAKEN');
}

/** A unique violation that slipped between the check and the insert is still a 409, not a 500. */
function mapUniqueViolation(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw new AppError('AGENCY_CODE_TAKEN');
  throw error;
}

export async function createAgency(opts: { db: Db; actor: OfficerPrincipal; input: AgencyCreate }) {
  const { db, actor, input } = opts;
  const tenantId = actor.tenantId;
  const scope = await adminScope(db, actor);
  const parentId = input.parentId ?? null;
  // An agency admin works below its own agencies; only a province admin creates top-level ones.
  if (!scope.all && (parentId === null || !inScope(scope, parentId))) throw new AppError('FORBIDDEN');
  if (parentId !== null && !(await findAgency(db, tenantId, parentId))) {
    throw new AppError('AGENCY_PARENT_INVALID');
  }
  await checkReferences(db, tenantId, input);
  await checkCodeFree(db, tenantId, input.code);
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('agencies')
      .values({
        tenant_id: tenantId,
        code: input.code,
        name: input.name,
        name_norm: normalizeVi(input.name),
        kind: input.kind,
        parent_id: parentId,
        admin_unit_id: input.adminUnitId ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(mapUniqueViolation);
    if (input.communeIds) await replaceAgencyCommunes(tx, tenantId, row.id, input.communeIds);
    await appendAudit(tx, {
      tenantId,
      actor: actorOf(actor),
      action: 'agency.create',
      entityType: 'agency',
      entityId: row.id,
      data: { ...input },
    });
    return agencyView(row);
  });
}

async function checkNewParent(
  db: Db,
  tenantId: string,
  scope: AdminScope,
  agencyId: string,
  parentId: string | null,
): Promise<void> {
  if (!scope.all) {
    // Moving an agency it administers would widen its own scope; moving out of scope would lose it.
    if (scope.roots.has(agencyId) || parentId === null || !inScope(scope, parentId)) {
      throw new AppError('FORBIDDEN');
    }
  }
  if (parentId === null) return;
  const tree = await agencyTree(db, tenantId);
  if (!tree.has(parentId)) throw new AppError('AGENCY_PARENT_INVALID');
  // The new parent may not be the agency itself or one of its descendants: no cycles.
  if (descendantsOf(tree, [agencyId]).has(parentId)) throw new AppError('AGENCY_PARENT_INVALID');
}

export async function updateAgency(opts: {
  db: Db;
  actor: OfficerPrincipal;
  agencyId: string;
  patch: AgencyPatch;
}) {
  const { db, actor, agencyId, patch } = opts;
  const tenantId = actor.tenantId;
  const current = await findAgency(db, tenantId, agencyId);
  if (!current) throw new AppError('AGENCY_NOT_FOUND');
  const scope = await adminScope(db, actor);
  if (!inScope(scope, agencyId)) throw new AppError('FORBIDDEN');
  const parentChanges = patch.parentId !== undefined && patch.parentId !== current.parent_id;
  if (parentChanges) await checkNewParent(db, tenantId, scope, agencyId, patch.parentId ?? null);
  await checkReferences(db, tenantId, patch);
  if (patch.code !== undefined && patch.code !== current.code) {
    await checkCodeFree(db, tenantId, patch.code, agencyId);
  }
  const changes = {
    ...(patch.code !== undefined && { code: patch.code }),
    ...(patch.name !== undefined && { name: patch.name, name_norm: normalizeVi(patch.name) }),
    ...(patch.kind !== undefined && { kind: patch.kind }),
    ...(parentChanges && { parent_id: patch.parentId ?? null }),
    ...(patch.adminUnitId !== undefined && { admin_unit_id: patch.adminUnitId }),
    ...(patch.phone !== undefined && { phone: patch.phone }),
    ...(patch.address !== undefined && { address: patch.address }),
  };
  return withTx(db, async (tx) => {
    const row =
      Object.keys(changes).length === 0
        ? await findAgency(tx, tenantId, agencyId)
        : await tx
            .updateTable('agencies')
            .set(changes)
            .where('tenant_id', '=', tenantId)
            .where('id', '=', agencyId)
            .returningAll()
            .executeTakeFirst()
            .catch(mapUniqueViolation);
    if (!row) throw new AppError('AGENCY_NOT_FOUND');
    if (patch.communeIds) await replaceAgencyCommunes(tx, tenantId, agencyId, patch.communeIds);
    await appendAudit(tx, {
      tenantId,
      actor: actorOf(actor),
      action: 'agency.update',
      entityType: 'agency',
      entityId: agencyId,
      data: { changed: Object.keys(patch), ...patch },
    });
    return agencyView(row);
  });
}
