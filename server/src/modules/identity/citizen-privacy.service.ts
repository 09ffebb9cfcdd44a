import type { Db } from '../../db/connection.js';
import type { Citizen, Tenant } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { CitizenPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { PersonalDataRegistry } from '../../platform/privacy/personal-data.js';
import type { ConsentViewT, ExportReplyT, MeReplyT } from './citizen.schemas.js';
import { grantConsent, PHONE_CONSENT } from './citizen.service.js';

/**
 * A citizen's rights over their data (Decree 13/2023/NĐ-CP): see it, take a copy, withdraw consent,
 * have it deleted. Every query is scoped by the tenant as well as the citizen id.
 *
 * Data other modules hold about a citizen (dossiers, …) comes through the app's personal-data
 * registry (platform/privacy): this module cannot read their tables, and they register themselves.
 */
interface ConsentRow {
  id: string;
  purpose_code: string;
  purpose: string;
  granted_at: Date;
  withdrawn_at: Date | null;
}

function consentView(row: ConsentRow): ConsentViewT {
  return {
    id: row.id,
    purposeCode: row.purpose_code,
    purpose: row.purpose,
    grantedAt: row.granted_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}

async function loadCitizen(db: Db, actor: CitizenPrincipal): Promise<Citizen> {
  const citizen = await db
    .selectFrom('citizens')
    .selectAll()
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', actor.id)
    .executeTakeFirst();
  if (!citizen) throw new AppError('CITIZEN_NOT_FOUND');
  return citizen;
}

async function listConsents(db: Db, actor: CitizenPrincipal): Promise<ConsentViewT[]> {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('tenant_id', '=', actor.tenantId)
    .where('citizen_id', '=', actor.id)
    .orderBy('granted_at')
    .execute();
  return rows.map(consentView);
}

/** The owner sees their own number whole; nobody else is served this route. */
export async function readMe(opts: { db: Db; actor: CitizenPrincipal }): Promise<MeReplyT> {
  const citizen = await loadCitizen(opts.db, opts.actor);
  return {
    id: citizen.id,
    name: citizen.display_name,
    avatarUrl: citizen.avatar_url,
    phone: citizen.phone,
    phoneVerifiedAt: citizen.phone_verified_at?.toISOString() ?? null,
    hasZalo: citizen.zalo_id !== null,
    createdAt: citizen.created_at.toISOString(),
    consents: await listConsents(opts.db, opts.actor),
  };
}

export async function exportMyData(opts: {
  db: Db;
  actor: CitizenPrincipal;
  tenant: Tenant;
  privacy: PersonalDataRegistry;
}): Promise<ExportReplyT> {
  const { db, actor } = opts;
  const citizen = await loadCitizen(db, actor);
  const sessions = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'expires_at', 'last_seen_at'])
    .where('tenant_id', '=', actor.tenantId)
    .where('subject_type', '=', 'citizen')
    .where('subject_id', '=', actor.id)
    .orderBy('created_at')
    .execute();
  const codes = citizen.phone
    ? await db
        .selectFrom('otp_challenges')
        .select(['created_at', 'expires_at', 'attempts', 'consumed_at'])
        .where('tenant_id', '=', actor.tenantId)
        .where('phone', '=', citizen.phone)
        .orderBy('created_at')
        .execute()
    : [];
  const activity = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'entity_type', 'entity_id'])
    .where('tenant_id', '=', actor.tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb('actor_type', '=', 'citizen'), eb('actor_id', '=', actor.id)]),
        eb.and([eb('entity_type', '=', 'citizen'), eb('entity_id', '=', actor.id)]),
      ]),
    )
    .orderBy('seq')
    .execute();
  const inbox = await db
    .selectFrom('inbox_messages')
    .select(['id', 'type', 'title', 'body', 'link', 'legal', 'created_at', 'read_at'])
    .where('tenant_id', '=', actor.tenantId)
    .where('citizen_id', '=', actor.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    exportedAt: new Date().toISOString(),
    tenant: { id: opts.tenant.id, name: opts.tenant.name },
    citizen: {
      id: citizen.id,
      zaloId: citizen.zalo_id,
      name: citizen.display_name,
      avatarUrl: citizen.avatar_url,
      phone: citizen.phone,
      phoneVerifiedAt: citizen.phone_verified_at?.toISOString() ?? null,
      createdAt: citizen.created_at.toISOString(),
      updatedAt: citizen.updated_at.toISOString(),
      lastSeenAt: citizen.last_seen_at.toISOString(),
    },
    consents: await listConsents(db, actor),
    // Session and code hashes are credentials, not information about the person: left out.
    sessions: sessions.map((s) => ({
      createdAt: s.created_at.toISOString(),
      expiresAt: s.expires_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      current: s.id === actor.sessionId,
    })),
    oneTimeCodes: codes.map((c) => ({
      createdAt: c.created_at.toISOString(),
      expiresAt: c.expires_at.toISOString(),
      attempts: c.attempts,
      consumedAt: c.consumed_at?.toISOString() ?? null,
    })),
    activity: activity.map((a) => ({
      at: a.at.toISOString(),
      action: a.action,
      entityType: a.entity_type,
      entityId: a.entity_id,
    })),
    inbox: inbox.map((m) => ({
      id: m.id,
      type: m.type,
      title: m.title,
      body: m.body,
      link: m.link,
      legal: m.legal,
      createdAt: m.created_at.toISOString(),
      readAt: m.read_at?.toISOString() ?? null,
    })),
    records: await opts.privacy.exportFor(db, actor.tenantId, actor.id),
    retainedOnDeletion: opts.privacy.retained(),
  };
}

/**
 * Deletes the citizen and everything tied to them. The audit row keeps only the (now meaningless)
 * id, so the log records that a deletion happened without keeping what was deleted. Other modules
 * erase (or, for records the law makes them keep, unlink) their part in the same transaction; what
 * they keep is listed in the export's `retainedOnDeletion`, since the 204 has no body to say it.
 */
export async function deleteMe(opts: {
  db: Db;
  actor: CitizenPrincipal;
  privacy: PersonalDataRegistry;
}): Promise<void> {
  const { actor } = opts;
  await withTx(opts.db, async (tx) => {
    const citizen = await loadCitizen(tx, actor);
    await tx
      .deleteFrom('sessions')
      .where('tenant_id', '=', actor.tenantId)
      .where('subject_type', '=', 'citizen')
      .where('subject_id', '=', actor.id)
      .execute();
    if (citizen.phone) {
      await tx
        .deleteFrom('otp_challenges')
        .where('tenant_id', '=', actor.tenantId)
        .where('phone', '=', citizen.phone)
        .execute();
    }
    await opts.privacy.eraseFor(tx, actor.tenantId, actor.id);
    // The foreign key would cascade; deleting here keeps the list of what goes in one place.
    await tx
      .deleteFrom('inbox_messages')
      .where('tenant_id', '=', actor.tenantId)
      .where('citizen_id', '=', actor.id)
      .execute();
    await tx
      .deleteFrom('consents')
      .where('tenant_id', '=', actor.tenantId)
      .where('citizen_id', '=', actor.id)
      .execute();
    await tx
      .deleteFrom('citizens')
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', actor.id)
      .execute();
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: { type: 'citizen', id: actor.id },
      action: 'citizen.deleted',
      entityType: 'citizen',
      entityId: actor.id,
      data: { hadZalo: citizen.zalo_id !== null, hadPhone: citizen.phone !== null },
    });
  });
}

export async function addConsent(opts: {
  db: Db;
  actor: CitizenPrincipal;
  purposeCode: string;
  purpose: string;
}): Promise<{ consent: ConsentViewT; created: boolean }> {
  const { consent, created } = await withTx(opts.db, (tx) =>
    grantConsent(tx, {
      citizen: { id: opts.actor.id, tenant_id: opts.actor.tenantId },
      code: opts.purposeCode,
      purpose: opts.purpose,
    }),
  );
  return { consent: consentView(consent), created };
}

/**
 * Withdrawal stops the processing the consent allowed. For the phone purpose that means the number
 * Zalo gave us goes too; a citizen who signs in on the web by phone keeps it, because there the
 * number is the sign-in itself rather than something collected under this consent.
 */
export async function withdrawConsent(opts: {
  db: Db;
  actor: CitizenPrincipal;
  consentId: string;
}): Promise<ConsentViewT> {
  const { actor } = opts;
  return withTx(opts.db, async (tx) => {
    const consent = await tx
      .selectFrom('consents')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .where('citizen_id', '=', actor.id)
      .where('id', '=', opts.consentId)
      .forUpdate()
      .executeTakeFirst();
    if (!consent) throw new AppError('CONSENT_NOT_FOUND');
    if (consent.withdrawn_at) return consentView(consent);
    const now = new Date();
    const updated = await tx
      .updateTable('consents')
      .set({ withdrawn_at: now })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', consent.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (consent.purpose_code === PHONE_CONSENT.code) {
      await tx
        .updateTable('citizens')
        .set({ phone: null, phone_verified_at: null, updated_at: now })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', actor.id)
        .where('zalo_id', 'is not', null)
        .execute();
    }
    return consentView(updated);
  });
}
