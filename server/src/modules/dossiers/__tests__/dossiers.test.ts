import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertOfficer } from '../../../../test/fixtures.js';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { createSession } from '../../../platform/auth/sessions.js';
import { issueSlip } from '../slips.js';
import {
  A,
  act,
  buildWorld,
  call,
  insertFile,
  newCitizen,
  submit,
  validData,
  type World,
} from './dossiers.test-helpers.js';

describeEachDatabase('Dossiers through the API', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const detail = (token: string, id: string) => call(w, token, { url: `/api/me/dossiers/${id}` });
  const fakeRender = async () => Buffer.from('%PDF-1.4 slip\n%%EOF\n');

  it('runs the whole life of a dossier: submit → receive → supplement → pay → result → return → rating', async () => {
    const c = await newCitizen(w);
    const fileId = await insertFile(w, { type: 'citizen', id: c.id });
    const draft = await call(w, c.token, {
      method: 'POST',
      url: '/api/me/drafts',
      payload: { procedureId: w.procedureId, data: { ho_ten: 'Nháp' } },
    });
    expect(draft.statusCode).toBe(201);
    const res = await call(w, c.token, {
      method: 'POST',
      url: '/api/me/dossiers',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        procedureId: w.procedureId,
        data: validData(w, { giay_to: [fileId] }),
        draftId: draft.json().id,
      },
    });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 'submitted', channel: 'app', actions: ['withdraw'] });
    expect(d.code).toMatch(/^STP-\d{6}-0001$/);
    expect(d.applicant).toMatchObject({
      name: 'Nguyễn Văn An',
      phone: '0912345678',
      address: '12 Lê Lợi, Phường Tân Ninh',
    });
    expect(d.files).toEqual([
      expect.objectContaining({ id: fileId, purpose: 'attachment', field: 'giay_to' }),
    ]);
    expect((await call(w, c.token, { url: `/api/me/drafts/${draft.json().id}` })).statusCode).toBe(404);

    const { clerkX, handlerX, supervisorX } = w.officers;
    const received = await act(w, clerkX.token, d.id, { action: 'receive' });
    expect(received.statusCode).toBe(200);
    expect(received.json().dueAt).toMatch(/T10:00:00.000Z$/); // 17:00 Vietnam time
    expect(received.json().allowedActions).toEqual(
      expect.arrayContaining(['request_supplement', 'refuse', 'assign']),
    );
    expect((await act(w, clerkX.token, d.id, { action: 'receive' })).json().error.code).toBe(
      'DOSSIER_TRANSITION_INVALID',
    );
    expect((await act(w, clerkX.token, d.id, { action: 'start' })).statusCode).toBe(403);
    expect((await act(w, handlerX.token, d.id, { action: 'start' })).json().status).toBe('processing');

    const asked = await act(w, handlerX.token, d.id, {
      action: 'request_supplement',
      items: ['Bản sao CCCD'],
    });
    expect(asked.json()).toMatchObject({
      status: 'supplement_requested',
      supplementRequest: { items: ['Bản sao CCCD'] },
    });
    expect(asked.json().pausedAt).not.toBeNull();
    const extra = await insertFile(w, { type: 'citizen', id: c.id });
    const supplemented = await call(w, c.token, {
      method: 'POST',
      url: `/api/me/dossiers/${d.id}/supplement`,
      payload: { files: { giay_to: [extra] } },
    });
    expect(supplemented.statusCode).toBe(200);
    expect(supplemented.json().status).toBe('processing');

    expect((await act(w, handlerX.token, d.id, { action: 'request_payment' })).json()).toMatchObject({
      status: 'payment_requested',
      feeAmount: 8000,
    });
    expect((await act(w, clerkX.token, d.id, { action: 'confirm_payment' })).json().status).toBe(
      'processing',
    );
    const result = await insertFile(w, { type: 'officer', id: handlerX.id });
    expect(
      (await act(w, supervisorX.token, d.id, { action: 'complete', resultFileIds: [result] })).json().status,
    ).toBe('result_ready');
    expect((await act(w, clerkX.token, d.id, { action: 'return' })).json().status).toBe('returned');

    const mine = (await detail(c.token, d.id)).json();
    expect(mine.actions).toEqual(['rate']);
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'receive',
      'start',
      'request_supplement',
      'supplement',
      'request_payment',
      'confirm_payment',
      'complete',
      'return',
    ]);
    const rated = await call(w, c.token, {
      method: 'POST',
      url: `/api/me/dossiers/${d.id}/rating`,
      payload: { rating: 5 },
    });
    expect(rated.json()).toMatchObject({ rating: 5, actions: [] });
    expect(
      (
        await call(w, c.token, {
          method: 'POST',
          url: `/api/me/dossiers/${d.id}/rating`,
          payload: { rating: 1 },
        })
      ).statusCode,
    ).toBe(409);

    // Notices went to the citizen's inbox, linking to the dossier.
    const inbox = await w.db
      .selectFrom('inbox_messages')
      .select(['type', 'link'])
      .where('citizen_id', '=', c.id)
      .execute();
    expect(inbox.map((m) => m.type).sort()).toEqual([
      'dossier.payment_requested',
      'dossier.received',
      'dossier.result_ready',
      'dossier.returned',
      'dossier.submitted',
      'dossier.supplement_requested',
    ]);
    expect(inbox[0]!.link).toEqual({ page: 'ho-so', params: { code: d.code } });

    // Slips: Mẫu 01 and 02 were queued; the job stores the PDF, the citizen downloads it.
    const jobs = await w.db
      .selectFrom('jobs')
      .select(['payload', 'tenant_id'])
      .where('queue', '=', 'dossier.slip')
      .execute();
    const mineJobs = jobs.filter((j) => (j.payload as { dossierId: string }).dossierId === d.id);
    expect(mineJobs.map((j) => (j.payload as { form: string }).form).sort()).toEqual(['01', '02']);
    const deps = {
      db: w.db,
      storage: w.t.app.ctx.fileStorage,
      publicUrl: 'https://dichvucong.example',
      render: fakeRender,
    };
    const slipId = await issueSlip(deps, mineJobs[0]!.tenant_id!, mineJobs[0]!.payload as never);
    expect(await issueSlip(deps, mineJobs[0]!.tenant_id!, mineJobs[0]!.payload as never)).toBeNull(); // a retry
    const pdf = await call(w, c.token, { url: `/api/me/dossiers/${d.id}/slips/${slipId}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toContain('private');
    expect(pdf.body).toContain('%PDF');
    const file = await call(w, c.token, { url: `/api/me/dossiers/${d.id}/files/${fileId}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''T%E1%BB%9D");
  });

  it('refuses with a reason and lets a citizen withdraw', async () => {
    const c = await newCitizen(w);
    const a = (await submit(w, c.token, validData(w))).json();
    expect((await act(w, w.officers.clerkX.token, a.id, { action: 'refuse' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    const refused = await act(w, w.officers.clerkX.token, a.id, {
      action: 'refuse',
      reason: 'Không thuộc thẩm quyền',
    });
    expect(refused.json().status).toBe('refused');
    const b = (await submit(w, c.token, validData(w))).json();
    const withdrawn = await call(w, c.token, {
      method: 'POST',
      url: `/api/me/dossiers/${b.id}/withdraw`,
      payload: { reason: 'Nộp nhầm' },
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', actions: [] });
    expect((await act(w, w.officers.clerkX.token, b.id, { action: 'receive' })).statusCode).toBe(409);
    const list = await call(w, c.token, { url: '/api/me/dossiers?status=withdrawn' });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: b.id, status: 'withdrawn' }] });
  });

  it('answers a replayed submission with the same dossier and refuses a reused key', async () => {
    const c = await newCitizen(w);
    const key = randomUUID();
    const first = await submit(w, c.token, validData(w), key);
    const again = await submit(w, c.token, validData(w), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const other = await submit(w, c.token, validData(w, { so_luong: 3 }), key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const count = await w.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('citizen_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('rejects malformed form data field by field, and files that are not mine', async () => {
    const c = await newCitizen(w);
    const bad = await submit(w, c.token, {
      so_dien_thoai: '123',
      so_luong: 99,
      dia_chi: { communeId: randomUUID(), street: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FORM_INVALID');
    const paths = bad.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['ho_ten', 'so_dien_thoai', 'so_luong']));
    const stranger = await newCitizen(w);
    const theirs = await insertFile(w, { type: 'citizen', id: stranger.id });
    const notMine = await submit(w, c.token, validData(w, { giay_to: [theirs] }));
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.code).toBe('DOSSIER_FILE_INVALID');
    const missing = await call(w, c.token, {
      method: 'POST',
      url: '/api/me/dossiers',
      payload: { procedureId: w.procedureId, data: validData(w) },
    });
    expect(missing.statusCode).toBe(400);
  });

  it("hides citizen A's dossier and files from citizen B on every route", async () => {
    const a = await newCitizen(w);
    const b = await newCitizen(w);
    const fileId = await insertFile(w, { type: 'citizen', id: a.id });
    const d = (await submit(w, a.token, validData(w, { giay_to: [fileId] }))).json();
    const routes = [
      { url: `/api/me/dossiers/${d.id}` },
      { url: `/api/me/dossiers/${d.id}/files/${fileId}` },
      { url: `/api/me/dossiers/${d.id}/slips/${randomUUID()}` },
      { method: 'POST' as const, url: `/api/me/dossiers/${d.id}/withdraw`, payload: { reason: 'x' } },
      { method: 'POST' as const, url: `/api/me/dossiers/${d.id}/supplement`, payload: { files: {} } },
      { method: 'POST' as const, url: `/api/me/dossiers/${d.id}/rating`, payload: { rating: 1 } },
      {
        method: 'POST' as const,
        url: '/api/me/dossiers/link',
        payload: { code: d.code, secret: 'sai-ma-bi-mat' },
      },
    ];
    for (const r of routes) {
      const res = await call(w, b.token, r);
      expect(res.statusCode, r.url).toBe(404);
      expect(res.json().error.code).toBe('DOSSIER_NOT_FOUND');
    }
    expect((await call(w, b.token, { url: `/api/me/dossiers?code=${d.code}` })).json().total).toBe(0);
    // With the slip's secret an unlinked dossier can be claimed; a linked one stays A's.
    const row = await w.db
      .selectFrom('dossiers')
      .select('lookup_secret')
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    const steal = await call(w, b.token, {
      method: 'POST',
      url: '/api/me/dossiers/link',
      payload: { code: d.code, secret: row.lookup_secret },
    });
    expect(steal.statusCode).toBe(404);
  });

  it("keeps agency Y's clerk out of agency X's dossiers; a parent agency's supervisor sees both", async () => {
    const c = await newCitizen(w);
    const d = (await submit(w, c.token, validData(w))).json();
    const { clerkY, rootSupervisor, admin } = w.officers;
    expect((await call(w, clerkY.token, { url: `/api/admin/dossiers/${d.id}` })).statusCode).toBe(404);
    expect((await act(w, clerkY.token, d.id, { action: 'receive' })).statusCode).toBe(404);
    const list = (await call(w, clerkY.token, { url: '/api/admin/dossiers' })).json();
    expect(list.items.some((i: { id: string }) => i.id === d.id)).toBe(false);
    const bulk = await call(w, clerkY.token, {
      method: 'POST',
      url: '/api/admin/dossiers/bulk-receive',
      payload: { ids: [d.id] },
    });
    expect(bulk.json()).toEqual({ received: [], failed: [{ id: d.id, code: 'DOSSIER_NOT_FOUND' }] });
    const seen = await call(w, rootSupervisor.token, { url: `/api/admin/dossiers/${d.id}` });
    expect(seen.statusCode).toBe(200);
    expect((await act(w, rootSupervisor.token, d.id, { action: 'receive' })).statusCode).toBe(403);
    expect(
      (
        await call(w, admin.token, {
          method: 'POST',
          url: '/api/admin/dossiers/bulk-receive',
          payload: { ids: [d.id] },
        })
      ).json().received,
    ).toEqual([d.id]);
  });

  it("lets the public service centre's clerk receive for the departments, not for the communes", async () => {
    const agency = async (code: string, kind: string) =>
      (
        await w.db
          .insertInto('agencies')
          .values({
            tenant_id: A,
            code,
            name: code,
            name_norm: code.toLowerCase(),
            kind,
            parent_id: w.agencies.root,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const centre = await agency('TTPVHCC', 'service_center');
    const commune = await agency('UBND-XA', 'commune_committee');
    const procedure = await w.db
      .selectFrom('procedures')
      .selectAll()
      .where('id', '=', w.procedureId)
      .executeTakeFirstOrThrow();
    const communeProcedure = (
      await w.db
        .insertInto('procedures')
        .values({
          ...procedure,
          id: undefined,
          created_at: undefined,
          code: '2.000001',
          agency_id: commune,
          fees: JSON.stringify(procedure.fees),
          documents: JSON.stringify(procedure.documents),
          form: JSON.stringify(procedure.form),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const clerkId = await insertOfficer(w.db, {
      tenantId: A,
      username: 'motcua.ttpvhcc',
      password: 'matkhau-2025',
      roles: [{ agencyId: centre, role: 'clerk' }],
    });
    const token = (
      await createSession(w.db, { tenantId: A, subjectType: 'officer', subjectId: clerkId, ttlHours: 1 })
    ).token;
    const c = await newCitizen(w);
    const department = (await submit(w, c.token, validData(w))).json();
    const ward = (await submit(w, c.token, validData(w), randomUUID(), communeProcedure)).json();
    expect((await act(w, token, department.id, { action: 'receive' })).statusCode).toBe(200);
    expect((await call(w, token, { url: `/api/admin/dossiers/${ward.id}` })).statusCode).toBe(404);
    expect((await act(w, token, ward.id, { action: 'receive' })).statusCode).toBe(404);
  });

  it('lists, counts, searches, exports and reports for the console', async () => {
    const c = await newCitizen(w);
    const d = (await submit(w, c.token, validData(w, { ho_ten: 'Trần Thị Bích' }))).json();
    const { admin } = w.officers;
    const found = (
      await call(w, admin.token, { url: '/api/admin/dossiers?q=tran thi bich&sort=-dueAt' })
    ).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect(found.items[0].applicantPhone).toBe('09xxxxx678');
    const counts = (await call(w, admin.token, { url: '/api/admin/dossiers/counts' })).json();
    expect(counts.submitted).toBeGreaterThan(0);
    expect(counts).toHaveProperty('late');
    const csv = await call(w, admin.token, { url: '/api/admin/dossiers?format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(d.code);
    const stats = (await call(w, admin.token, { url: '/api/admin/dossiers/stats' })).json();
    expect(stats.byChannel.app).toBeGreaterThan(0);
    expect(stats.perProcedure[0]).toMatchObject({ count: expect.any(Number) });
  });
});
