import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { CalendarService } from '../../platform/calendar/calendar-service.js';
import { notify } from '../../platform/notify/notify.js';
import { enqueueSlip } from './slip-queue.js';
import { vietnamDateTimeShort } from './types.js';

const BATCH = 200;

/**
 * The hourly `dossier.overdue` job. For each open dossier (received or processing) past its due date
 * and not yet apologised for: a new appointment, the Mẫu 04 apology slip and the legal notice
 * `dossier.overdue_apology` to the citizen, and an internal timeline entry + audit row for the
 * agency's supervisors (there is no officer notification channel yet; the console's `late` filter
 * and counts show them). `overdue_notified_at` makes it happen once per dossier.
 *
 * New appointment: half the procedure's processing days (at least 1 working day), counted in working
 * days from the later of the old due date and now — a job that runs late never promises a past day.
 * `due_at` keeps the legal deadline: lateness is measured against it.
 */
export async function runOverdueScan(o: { db: Db; calendar: CalendarService; now: Date }): Promise<number> {
  const { db, now } = o;
  let done = 0;
  for (;;) {
    const due = await db
      .selectFrom('dossiers')
      .select(['id', 'tenant_id'])
      .where('status', 'in', ['received', 'processing'])
      .where('due_at', '<', now)
      .where('overdue_notified_at', 'is', null)
      .orderBy('due_at')
      .limit(BATCH)
      .execute();
    for (const d of due) if (await apologise(o, d.tenant_id, d.id)) done++;
    if (due.length < BATCH) return done;
  }
}

async function apologise(o: { db: Db; calendar: CalendarService; now: Date }, tenantId: string, id: string) {
  const calendar = await o.calendar.forTenant(tenantId);
  return withTx(o.db, async (tx) => {
    const d = await tx
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .select([
        'dossiers.id',
        'dossiers.code',
        'dossiers.citizen_id',
        'dossiers.status',
        'dossiers.due_at',
        'dossiers.overdue_notified_at',
        'dossiers.agency_id',
        'procedures.processing_days',
      ])
      .where('dossiers.tenant_id', '=', tenantId)
      .where('dossiers.id', '=', id)
      .forUpdate('dossiers')
      .executeTakeFirst();
    // Re-checked under the lock: another worker or an officer's action may have come first.
    if (!d || d.overdue_notified_at || !d.due_at || d.due_at >= o.now) return false;
    if (d.status !== 'received' && d.status !== 'processing') return false;
    const base = d.due_at > o.now ? d.due_at : o.now;
    const extra = Math.max(1, Math.ceil(d.processing_days / 2));
    const newDueAt = calendar.addWorkingDays(base, extra);
    await tx
      .updateTable('dossiers')
      .set({ overdue_notified_at: o.now, updated_at: o.now })
      .where('id', '=', d.id)
      .execute();
    const data = { dueAt: d.due_at.toISOString(), newDueAt: newDueAt.toISOString() };
    const apology = await tx
      .insertInto('dossier_events')
      .values({
        tenant_id: tenantId,
        dossier_id: d.id,
        at: o.now,
        action: 'overdue_apology',
        from_status: d.status,
        to_status: d.status,
        actor_type: 'system',
        actor_id: null,
        note: `Hẹn lại ngày trả kết quả: ${vietnamDateTimeShort(newDueAt)}`,
        data: JSON.stringify(data),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('dossier_events')
      .values({
        tenant_id: tenantId,
        dossier_id: d.id,
        at: o.now,
        action: 'overdue_alert',
        from_status: d.status,
        to_status: d.status,
        actor_type: 'system',
        actor_id: null,
        note: 'Hồ sơ quá hạn giải quyết: lãnh đạo đơn vị cần xem xét.',
        data: JSON.stringify({ ...data, agencyId: d.agency_id }),
        public: false,
      })
      .execute();
    await appendAudit(tx, {
      tenantId,
      actor: { type: 'system', id: null },
      action: 'dossier.overdue',
      entityType: 'dossier',
      entityId: d.id,
      data: { code: d.code, agencyId: d.agency_id, ...data },
    });
    await enqueueSlip(tx, { tenantId, dossierId: d.id, form: '04', eventId: apology.id });
    if (d.citizen_id) {
      await notify({
        tx,
        tenantId,
        citizenId: d.citizen_id,
        type: 'dossier.overdue_apology',
        data: { code: d.code, appointment: vietnamDateTimeShort(newDueAt) },
      });
    }
    return true;
  });
}
