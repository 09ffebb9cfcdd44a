import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { withTx } from '../../../db/transaction-guard.js';
import { localInstant } from '../../../platform/calendar/working-days.js';
import { createDossier } from '../create-dossier.js';
import { runOverdueScan } from '../overdue.js';
import { applyAction } from '../workflow.js';
import { A, buildWorld, newCitizen, type World } from './dossiers.test-helpers.js';

describeEachDatabase('Dossier codes, deadlines and the overdue job', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
    // A province day off on Monday 9 March 2026.
    await w.db
      .insertInto('holidays')
      .values({ tenant_id: A, day: '2026-03-09', name: 'Ngày nghỉ thử', kind: 'off' })
      .execute();
    w.t.app.ctx.calendar.invalidate();
  });
  afterAll(async () => w?.t.close());

  const file = (citizenId: string | null, at: Date) =>
    withTx(w.db, (tx) =>
      createDossier({
        tx,
        tenantId: A,
        procedureId: w.procedureId,
        channel: 'counter',
        citizenId,
        applicant: { name: 'Lê Văn Cường' },
        data: {},
        submittedAt: at,
        actor: { type: 'officer', id: w.officers.clerkX.id },
      }),
    );

  it('numbers 50 concurrent submissions 0001…0050 without gaps, and a rollback gives its number back', async () => {
    const at = new Date('2026-05-04T03:00:00Z');
    const codes = (await Promise.all(Array.from({ length: 50 }, () => file(null, at)))).map((d) => d.code);
    expect(new Set(codes).size).toBe(50);
    expect(codes.sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `STP-260504-${String(i + 1).padStart(4, '0')}`),
    );
    await expect(
      withTx(w.db, async (tx) => {
        await createDossier({
          tx,
          tenantId: A,
          procedureId: w.procedureId,
          channel: 'counter',
          citizenId: null,
          applicant: { name: 'X' },
          data: {},
          submittedAt: at,
          actor: { type: 'system', id: null },
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await file(null, at)).code).toBe('STP-260504-0051');
    // 23:30 Vietnam time still belongs to that day.
    expect((await file(null, new Date('2026-05-04T16:30:00Z'))).code).toBe('STP-260504-0052');
  });

  it('sets the due date in working days across a weekend and a holiday, and moves it after a supplement', async () => {
    const d = await file(null, localInstant('2026-03-05', '09:00'));
    // Received Friday 6/3 10:00: Sat, Sun and the Monday holiday skipped → Tue, Wed, Thu 12/3 17:00.
    await withTx(w.db, (tx) =>
      applyAction({
        tx,
        tenantId: A,
        dossierId: d.id,
        action: 'receive',
        actor: { type: 'system', id: null },
        at: localInstant('2026-03-06', '10:00'),
      }),
    );
    const received = await w.db
      .selectFrom('dossiers')
      .select(['due_at'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(received.due_at).toEqual(localInstant('2026-03-12', '17:00'));
    // Paused on Tue 10/3 with 2 working days left (Wed, Thu); resumed Mon 16/3 → Tue 17, Wed 18.
    await withTx(w.db, (tx) =>
      applyAction({
        tx,
        tenantId: A,
        dossierId: d.id,
        action: 'request_supplement',
        items: ['Bản sao'],
        actor: { type: 'system', id: null },
        at: localInstant('2026-03-10', '09:00'),
      }),
    );
    await withTx(w.db, (tx) =>
      applyAction({
        tx,
        tenantId: A,
        dossierId: d.id,
        action: 'supplement',
        actor: { type: 'system', id: null },
        at: localInstant('2026-03-16', '09:00'),
      }),
    );
    const resumed = await w.db
      .selectFrom('dossiers')
      .select(['due_at', 'paused_at', 'status'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(resumed).toEqual({
      due_at: localInstant('2026-03-18', '17:00'),
      paused_at: null,
      status: 'received',
    });
  });

  it('apologises once for a late dossier: Mẫu 04, a legal notice, an internal alert', async () => {
    const c = await newCitizen(w);
    const d = await file(c.id, localInstant('2026-04-01', '09:00'));
    await withTx(w.db, (tx) =>
      applyAction({
        tx,
        tenantId: A,
        dossierId: d.id,
        action: 'receive',
        actor: { type: 'system', id: null },
        at: localInstant('2026-04-01', '09:00'),
      }),
    );
    const { calendar } = w.t.app.ctx;
    await runOverdueScan({ db: w.db, calendar, now: localInstant('2026-03-31', '09:00') }); // the earlier tests' dossiers
    expect(await runOverdueScan({ db: w.db, calendar, now: localInstant('2026-04-06', '16:00') })).toBe(0); // due 6/4 17:00
    expect(await runOverdueScan({ db: w.db, calendar, now: localInstant('2026-04-06', '18:00') })).toBe(1);
    expect(await runOverdueScan({ db: w.db, calendar, now: localInstant('2026-04-07', '18:00') })).toBe(0);
    const events = await w.db
      .selectFrom('dossier_events')
      .select(['action', 'public', 'data'])
      .where('dossier_id', '=', d.id)
      .where('action', 'like', 'overdue%')
      .execute();
    expect(events.map((e) => [e.action, e.public])).toEqual([
      ['overdue_apology', true],
      ['overdue_alert', false],
    ]);
    // 3 days / 2 → 2 working days counted from the scan (6/4 18:00, after closing: from 7/4) → Thu 9/4.
    expect((events[0]!.data as { newDueAt: string }).newDueAt).toBe(
      localInstant('2026-04-09', '17:00').toISOString(),
    );
    const slips = await w.db
      .selectFrom('jobs')
      .select('payload')
      .where('queue', '=', 'dossier.slip')
      .execute();
    expect(
      slips
        .filter((j) => (j.payload as { dossierId: string; form: string }).dossierId === d.id)
        .map((j) => (j.payload as { form: string }).form),
    ).toEqual(['01', '04']);
    const notes = await w.db
      .selectFrom('notifications')
      .select(['type', 'legal'])
      .where('citizen_id', '=', c.id)
      .where('type', '=', 'dossier.overdue_apology')
      .execute();
    expect(notes).toEqual([{ type: 'dossier.overdue_apology', legal: true }]);
  });
});
