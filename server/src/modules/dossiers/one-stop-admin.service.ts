import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { newOneStopSecret, sealOneStopSecret } from './one-stop-secrets.js';

/** Managing the one-stop systems allowed to post dossiers to a province (province admins). */
export interface IntegrationView {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
}

const view = (r: { id: string; name: string; enabled: boolean; created_at: Date }): IntegrationView => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  createdAt: r.created_at.toISOString(),
});

export async function listIntegrations(db: Db, tenantId: string): Promise<IntegrationView[]> {
  const rows = await db
    .selectFrom('one_stop_integrations')
    .select(['id', 'name', 'enabled', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .execute();
  return rows.map(view);
}

export async function createIntegration(o: {
  db: Db;
  key: Buffer;
  actor: OfficerPrincipal;
  name: string;
}): Promise<IntegrationView & { secret: string }> {
  const secret = newOneStopSecret();
  return withTx(o.db, async (tx) => {
    const row = await tx
      .insertInto('one_stop_integrations')
      .values({
        tenant_id: o.actor.tenantId,
        name: o.name.trim(),
        secret_sealed: sealOneStopSecret(secret, o.key),
      })
      .returning(['id', 'name', 'enabled', 'created_at'])
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') throw new AppError('INTEGRATION_EXISTS');
        throw error;
      });
    // The secret itself is never audited: the audit log is readable by administrators.
    await appendAudit(tx, {
      tenantId: o.actor.tenantId,
      actor: { type: 'officer', id: o.actor.id },
      action: 'one_stop.integration.create',
      entityType: 'one_stop_integration',
      entityId: row.id,
      data: { name: row.name },
    });
    return { ...view(row), secret };
  });
}

/** A new secret replaces the old at once: the one-stop system must switch when it is shown. */
export async function rotateIntegration(o: {
  db: Db;
  key: Buffer;
  actor: OfficerPrincipal;
  id: string;
}): Promise<IntegrationView & { secret: string }> {
  const secret = newOneStopSecret();
  return withTx(o.db, async (tx) => {
    const row = await tx
      .updateTable('one_stop_integrations')
      .set({ secret_sealed: sealOneStopSecret(secret, o.key) })
      .where('tenant_id', '=', o.actor.tenantId)
      .where('id', '=', o.id)
      .returning(['id', 'name', 'enabled', 'created_at'])
      .executeTakeFirst();
    if (!row) throw new AppError('INTEGRATION_NOT_FOUND');
    await appendAudit(tx, {
      tenantId: o.actor.tenantId,
      actor: { type: 'officer', id: o.actor.id },
      action: 'one_stop.integration.rotate',
      entityType: 'one_stop_integration',
      entityId: row.id,
    });
    return { ...view(row), secret };
  });
}

export async function setIntegrationEnabled(o: {
  db: Db;
  actor: OfficerPrincipal;
  id: string;
  enabled: boolean;
}): Promise<IntegrationView> {
  return withTx(o.db, async (tx) => {
    const row = await tx
      .updateTable('one_stop_integrations')
      .set({ enabled: o.enabled })
      .where('tenant_id', '=', o.actor.tenantId)
      .where('id', '=', o.id)
      .returning(['id', 'name', 'enabled', 'created_at'])
      .executeTakeFirst();
    if (!row) throw new AppError('INTEGRATION_NOT_FOUND');
    await appendAudit(tx, {
      tenantId: o.actor.tenantId,
      actor: { type: 'officer', id: o.actor.id },
      action: o.enabled ? 'one_stop.integration.enable' : 'one_stop.integration.disable',
      entityType: 'one_stop_integration',
      entityId: row.id,
    });
    return view(row);
  });
}
