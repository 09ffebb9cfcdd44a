import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertOfficer } from '../../../../test/fixtures.js';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { issueSlip } from '../slips.js';
import {
  A,
  act,
  buildWorld,
  call,
  FORM,
  insertFile,
  newCitizen,
  submit,
  validData,
  type World,
} from './dossiers.test-helpers.js';

describeEachDatabase('Console steps: assigning, timeline actors, bulk receipt, supplements', (kind) => {
  let w: World;
  let handlerY: string;
  beforeAll(async () => {
    w = await buildWorld(kind);
    handlerY = await insertOfficer(w.db, {
      tenantId: A,
      username: 'chuyenvien.y',
      password: 'matkhau-2025',
      roles: [{ agencyId: w.agencies.y, role: 'handler' }],
    });
  });
  afterAll(async () => w?.t.close());

  const newDossier = async () => {
    const c = await newCitizen(w);
    return { c, d: (await submit(w, c.token, validData(w))).json() as { id: string; code: string } };
  };

  it("lists the dossier's handlers and supervisors to whoever may read it, and assigns only to them", async () => {
    const { d } = await newDossier();
    const { clerkX, handlerX, supervisorX, clerkY, rootSupervisor, admin } = w.officers;
    const list = await call(w, clerkX.token, { url: `/api/admin/dossiers/${d.id}/assignees` });
    expect(list.statusCode).toBe(200);
    // Clerks and the province admin are not offered: assigning gives the dossier to its handler.
    expect(list.json()).toEqual(
      expect.arrayContaining([
        { id: handlerX.id, fullName: 'Cán bộ chuyenvien.x', role: 'handler' },
        { id: supervisorX.id, fullName: 'Cán bộ lanhdao.x', role: 'supervisor' },
        { id: rootSupervisor.id, fullName: 'Cán bộ lanhdao.tinh', role: 'supervisor' },
      ]),
    );
    const ids = list.json().map((o: { id: string }) => o.id);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(clerkX.id);
    expect(ids).not.toContain(admin.id);
    expect(ids).not.toContain(handlerY);
    expect((await call(w, clerkY.token, { url: `/api/admin/dossiers/${d.id}/assignees` })).statusCode).toBe(
      404,
    );

    for (const assigneeId of [handlerY, clerkY.id]) {
      const refused = await act(w, clerkX.token, d.id, { action: 'assign', assigneeId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'DOSSIER_ASSIGNEE_INVALID',
        message: expect.stringContaining('Cán bộ'),
      });
    }
    const assigned = await act(w, clerkX.token, d.id, { action: 'assign', assigneeId: handlerX.id });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().assignee).toEqual({ id: handlerX.id, name: 'Cán bộ chuyenvien.x' });
  });

  it('names who took each step in the console, and no officer to the citizen or the public', async () => {
    const { c, d } = await newDossier();
    const { clerkX } = w.officers;
    await act(w, clerkX.token, d.id, { action: 'receive' });
    const job = await w.db
      .selectFrom('jobs')
      .select(['payload', 'tenant_id'])
      .where('queue', '=', 'dossier.slip')
      .execute();
    const payload = job.find((j) => (j.payload as { dossierId: string }).dossierId === d.id)!;
    await issueSlip(
      {
        db: w.db,
        storage: w.t.app.ctx.fileStorage,
        publicUrl: 'https://dichvucong.example',
        render: async () => Buffer.from('%PDF-1.4 slip\n%%EOF\n'),
      },
      A,
      payload.payload as never,
    );

    const inConsole = (await call(w, clerkX.token, { url: `/api/admin/dossiers/${d.id}` })).json();
    expect(
      inConsole.timeline.map((e: { action: string; actor: unknown; form: unknown }) => [
        e.action,
        e.actor,
        e.form,
      ]),
    ).toEqual([
      ['submit', { type: 'citizen', name: 'Công dân' }, null],
      ['receive', { type: 'officer', name: 'Cán bộ motcua.x' }, null],
      ['slip_issued', { type: 'system', name: 'Hệ thống' }, '01'],
    ]);

    const mine = await call(w, c.token, { url: `/api/me/dossiers/${d.id}` });
    expect(mine.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'receive']);
    expect(mine.json().timeline[1]).not.toHaveProperty('actor');
    expect(mine.body).not.toContain('motcua.x');
    const lookup = await call(w, null, {
      url: '/api/dossiers/lookup',
      query: { code: d.code, phoneLast4: '5678' },
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).not.toContain('motcua.x');
  });

  it('bulk-receives what it can: one already received fails with the transition error', async () => {
    const [a, b, done] = [await newDossier(), await newDossier(), await newDossier()];
    const { clerkX } = w.officers;
    expect((await act(w, clerkX.token, done.d.id, { action: 'receive' })).statusCode).toBe(200);
    const res = await call(w, clerkX.token, {
      method: 'POST',
      url: '/api/admin/dossiers/bulk-receive',
      payload: { ids: [a.d.id, done.d.id, b.d.id] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      received: [a.d.id, b.d.id],
      failed: [{ id: done.d.id, code: 'DOSSIER_TRANSITION_INVALID' }],
    });
    const statuses = await w.db
      .selectFrom('dossiers')
      .select(['id', 'status'])
      .where('id', 'in', [a.d.id, b.d.id, done.d.id])
      .execute();
    expect(statuses.every((s) => s.status === 'received')).toBe(true);
  });

  it('takes a supplement under any field name when the form has no attachment field (the mini app sends bo_sung)', async () => {
    const procedure = await w.db
      .selectFrom('procedures')
      .selectAll()
      .where('id', '=', w.procedureId)
      .executeTakeFirstOrThrow();
    const noFiles = { fields: FORM.fields.filter((f) => f.type !== 'attachment') };
    const procedureId = (
      await w.db
        .insertInto('procedures')
        .values({
          ...procedure,
          id: undefined,
          created_at: undefined,
          code: '1.000009',
          fees: JSON.stringify(procedure.fees),
          documents: JSON.stringify(procedure.documents),
          form: JSON.stringify(noFiles),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const c = await newCitizen(w);
    const d = (await submit(w, c.token, validData(w), undefined, procedureId)).json();
    await act(w, w.officers.clerkX.token, d.id, { action: 'request_supplement', items: ['Bản sao CCCD'] });
    const fileId = await insertFile(w, { type: 'citizen', id: c.id });
    const res = await call(w, c.token, {
      method: 'POST',
      url: `/api/me/dossiers/${d.id}/supplement`,
      payload: { files: { bo_sung: [fileId] }, note: 'Bổ sung bản sao' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('submitted');
    expect(res.json().files).toEqual([
      expect.objectContaining({ id: fileId, purpose: 'supplement', field: 'bo_sung' }),
    ]);
  });

  it('lets the clerk record papers brought to the counter for the citizen, with a note and scans', async () => {
    const { d } = await newDossier();
    const { clerkX, handlerX } = w.officers;
    await act(w, clerkX.token, d.id, { action: 'receive' });
    const asked = await act(w, clerkX.token, d.id, { action: 'request_supplement', items: ['Tờ khai'] });
    expect(asked.json().allowedActions).toContain('supplement');
    expect((await act(w, handlerX.token, d.id, { action: 'supplement' })).statusCode).toBe(403);
    const scan = await insertFile(w, { type: 'officer', id: clerkX.id });
    const res = await act(w, clerkX.token, d.id, {
      action: 'supplement',
      note: 'Công dân nộp bản giấy tại quầy',
      fileIds: [scan],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'received', pausedAt: null, supplementRequest: null });
    expect(res.json().files).toEqual([
      expect.objectContaining({ id: scan, purpose: 'supplement', field: null }),
    ]);
    expect(res.json().timeline.at(-1)).toMatchObject({
      action: 'supplement',
      note: 'Công dân nộp bản giấy tại quầy',
      actor: { type: 'officer', name: 'Cán bộ motcua.x' },
    });
  });
});
