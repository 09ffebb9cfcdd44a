import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { insertAgency, insertTenant } from '../../../../test/fixtures.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { call, errorCode, startCitizenFakes } from './citizen.test-helpers.js';

describeEachDatabase("A citizen's own data", (kind) => {
  let t: TestApp;
  let fakes: Awaited<ReturnType<typeof startCitizenFakes>>;
  const A = 'tay-ninh';
  const B = 'long-an';
  let seq = 0;

  beforeAll(async () => {
    fakes = await startCitizenFakes();
    t = await buildTestApp(kind, { env: fakes.env });
    await insertTenant(t.database.db, A);
    await insertTenant(t.database.db, B);
  });
  afterAll(async () => {
    await t?.close();
    await fakes?.close();
  });

  /**
   * A dossier and a draft of the citizen, through the dossier routes: the dossiers module holds them
   * and hands them to the export and the deletion through the app's personal-data registry.
   */
  async function dossierAndDraft(token: string) {
    const db = t.database.db;
    const agencyId = await insertAgency(db, A, `STP${++seq}`, 'Sở Tư pháp');
    const procedure = await db
      .insertInto('procedures')
      .values({
        tenant_id: A,
        code: `9.${seq}`,
        name: 'Cấp phiếu lý lịch tư pháp',
        name_norm: 'cap phieu ly lich tu phap',
        field: 'Lý lịch tư pháp',
        field_norm: 'ly lich tu phap',
        agency_id: agencyId,
        level: 'full',
        processing_days: 3,
        fees: JSON.stringify([]),
        documents: JSON.stringify([]),
        form: JSON.stringify({
          fields: [{ name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true }],
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const headers = { 'x-tenant-id': A, authorization: `Bearer ${token}` };
    const dossier = await t.app.inject({
      method: 'POST',
      url: '/api/me/dossiers',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      payload: { procedureId: procedure.id, data: { ho_ten: 'Lê Thị Hoa' } },
    });
    expect(dossier.statusCode).toBe(201);
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/me/drafts',
      headers,
      payload: { procedureId: procedure.id, data: { ho_ten: 'Nháp' } },
    });
    expect(draft.statusCode).toBe(201);
    return { dossier: dossier.json() as { id: string; code: string }, draftId: draft.json().id as string };
  }

  /** A Zalo citizen with a phone (and so a phone consent); returns the session token and id. */
  async function zaloCitizen(tenant = A) {
    seq += 1;
    const id = `z-me-${seq}`;
    const phone = `8498${String(seq).padStart(7, '0')}`;
    const { accessToken } = fakes.zalo.addUser({ id, name: `Công Dân ${seq}`, phone });
    const res = await call(t.app, tenant, 'POST', '/api/auth/zalo', {
      body: { accessToken, phoneToken: fakes.zalo.issuePhoneToken(id) },
    });
    expect(res.statusCode).toBe(200);
    return {
      token: res.json().token as string,
      id: res.json().citizen.id as string,
      phone: `0${phone.slice(2)}`,
    };
  }

  describe('GET /api/me', () => {
    it('shows the owner their profile, their whole phone number and their consents', async () => {
      const c = await zaloCitizen();
      const res = await call(t.app, A, 'GET', '/api/me', { token: c.token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: c.id,
        name: expect.stringMatching(/^Công Dân/),
        avatarUrl: null,
        phone: c.phone,
        phoneVerifiedAt: expect.any(String),
        hasZalo: true,
        createdAt: expect.any(String),
        consents: [
          {
            id: expect.any(String),
            purposeCode: 'phone',
            purpose: expect.stringContaining('số điện thoại'),
            grantedAt: expect.any(String),
            withdrawnAt: null,
          },
        ],
      });
    });

    it('needs a citizen session', async () => {
      const res = await call(t.app, A, 'GET', '/api/me');
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('AUTH_REQUIRED');
    });
  });

  describe('GET /api/me/export', () => {
    it('downloads everything held about the citizen as a JSON file, without credentials', async () => {
      const c = await zaloCitizen();
      const res = await call(t.app, A, 'GET', '/api/me/export', { token: c.token });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="du-lieu-ca-nhan-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const data = res.json();
      expect(data.tenant).toEqual({ id: A, name: `Tỉnh ${A}` });
      expect(data.citizen).toMatchObject({
        id: c.id,
        zaloId: expect.stringMatching(/^z-me-/),
        phone: c.phone,
      });
      expect(data.consents).toHaveLength(1);
      expect(data.sessions).toEqual([expect.objectContaining({ current: true })]);
      expect(Array.isArray(data.oneTimeCodes)).toBe(true);
      expect(Array.isArray(data.activity)).toBe(true);
      expect(res.body).not.toContain(c.token);
      expect(res.body).not.toMatch(/code_hash|csrf/i);
    });

    it("includes the citizen's dossiers with their timeline, and drafts, and says what deletion keeps", async () => {
      const c = await zaloCitizen();
      const { dossier, draftId } = await dossierAndDraft(c.token);
      const data = (await call(t.app, A, 'GET', '/api/me/export', { token: c.token })).json();
      expect(data.records.dossiers.dossiers).toEqual([
        expect.objectContaining({
          code: dossier.code,
          procedure: { code: expect.any(String), name: 'Cấp phiếu lý lịch tư pháp' },
          status: 'submitted',
          applicant: expect.objectContaining({ name: 'Lê Thị Hoa' }),
          data: { ho_ten: 'Lê Thị Hoa' },
          submittedAt: expect.any(String),
          timeline: [expect.objectContaining({ action: 'submit', toStatus: 'submitted' })],
        }),
      ]);
      expect(data.records.dossiers.drafts).toEqual([
        expect.objectContaining({ id: draftId, data: { ho_ten: 'Nháp' } }),
      ]);
      expect(data.retainedOnDeletion).toEqual(
        expect.arrayContaining([
          { source: 'dossiers', note: expect.stringContaining('Luật Lưu trữ') },
          { source: 'files', note: expect.stringContaining('chưa gửi kèm được xóa hẳn') },
        ]),
      );
    });
  });

  describe('consents', () => {
    it('records a consent once per purpose and lets the citizen withdraw it', async () => {
      const c = await zaloCitizen();
      const body = { purposeCode: 'survey', purpose: 'Nhận phiếu khảo sát mức độ hài lòng qua Zalo' };
      const given = await call(t.app, A, 'POST', '/api/me/consents', { token: c.token, body });
      expect(given.statusCode).toBe(201);
      const again = await call(t.app, A, 'POST', '/api/me/consents', { token: c.token, body });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(given.json().id);

      const withdrawn = await call(t.app, A, 'DELETE', `/api/me/consents/${given.json().id}`, {
        token: c.token,
      });
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json().withdrawnAt).toEqual(expect.any(String));
      // Withdrawn consents stay on record; giving it again makes a new one.
      const renewed = await call(t.app, A, 'POST', '/api/me/consents', { token: c.token, body });
      expect(renewed.statusCode).toBe(201);
      expect(renewed.json().id).not.toBe(given.json().id);
    });

    it('drops the Zalo phone number when the phone consent is withdrawn', async () => {
      const c = await zaloCitizen();
      const me = (await call(t.app, A, 'GET', '/api/me', { token: c.token })).json();
      const phoneConsent = me.consents.find((x: { purposeCode: string }) => x.purposeCode === 'phone');
      await call(t.app, A, 'DELETE', `/api/me/consents/${phoneConsent.id}`, { token: c.token });
      const after = (await call(t.app, A, 'GET', '/api/me', { token: c.token })).json();
      expect(after.phone).toBeNull();
      expect(after.phoneVerifiedAt).toBeNull();
    });

    it("cannot touch another citizen's consent, in this province or another", async () => {
      const owner = await zaloCitizen();
      const other = await zaloCitizen();
      const stranger = await zaloCitizen(B);
      const consentId = (await call(t.app, A, 'GET', '/api/me', { token: owner.token })).json().consents[0]
        .id;
      const res = await call(t.app, A, 'DELETE', `/api/me/consents/${consentId}`, { token: other.token });
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('CONSENT_NOT_FOUND');
      const cross = await call(t.app, B, 'DELETE', `/api/me/consents/${consentId}`, {
        token: stranger.token,
      });
      expect(cross.statusCode).toBe(404);
    });

    it('validates the purpose code', async () => {
      const c = await zaloCitizen();
      const res = await call(t.app, A, 'POST', '/api/me/consents', {
        token: c.token,
        body: { purposeCode: 'Not Valid!', purpose: 'x' },
      });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('DELETE /api/me', () => {
    it('deletes the citizen with sessions, consents and codes, and audits it in the chain', async () => {
      const c = await zaloCitizen();
      await call(t.app, A, 'POST', '/api/auth/otp/request', { body: { phone: c.phone } });
      const second = await call(t.app, A, 'POST', '/api/auth/otp/verify', {
        body: { phone: c.phone, code: fakes.sms.lastCodeTo(c.phone)! },
      });
      expect(second.json().citizen.id).toBe(c.id);

      const res = await call(t.app, A, 'DELETE', '/api/me', { token: c.token });
      expect(res.statusCode).toBe(204);

      const db = t.database.db;
      expect(await db.selectFrom('citizens').select('id').where('id', '=', c.id).execute()).toEqual([]);
      expect(await db.selectFrom('consents').select('id').where('citizen_id', '=', c.id).execute()).toEqual(
        [],
      );
      expect(await db.selectFrom('sessions').select('id').where('subject_id', '=', c.id).execute()).toEqual(
        [],
      );
      expect(
        await db.selectFrom('otp_challenges').select('id').where('phone', '=', c.phone).execute(),
      ).toEqual([]);
      // Every session of the citizen is gone, not only the one that asked.
      expect((await call(t.app, A, 'GET', '/api/me', { token: second.json().token })).statusCode).toBe(401);

      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', A)
        .where('action', '=', 'citizen.deleted')
        .where('entity_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor_type: 'citizen', actor_id: c.id, entity_type: 'citizen' });
      expect(JSON.stringify(audit.data)).not.toContain(c.phone);
      expect((await verifyAuditChain(db, A)).ok).toBe(true);
    });

    it('deletes the drafts and unlinks the dossiers, which the agency keeps on record', async () => {
      const c = await zaloCitizen();
      const { dossier, draftId } = await dossierAndDraft(c.token);
      expect((await call(t.app, A, 'DELETE', '/api/me', { token: c.token })).statusCode).toBe(204);
      const db = t.database.db;
      expect(await db.selectFrom('dossier_drafts').select('id').where('id', '=', draftId).execute()).toEqual(
        [],
      );
      const kept = await db
        .selectFrom('dossiers')
        .select(['citizen_id', 'applicant_name', 'code'])
        .where('id', '=', dossier.id)
        .executeTakeFirstOrThrow();
      expect(kept).toEqual({ citizen_id: null, applicant_name: 'Lê Thị Hoa', code: dossier.code });
    });

    it("leaves other citizens' data alone", async () => {
      const keep = await zaloCitizen();
      const gone = await zaloCitizen();
      await call(t.app, A, 'DELETE', '/api/me', { token: gone.token });
      expect((await call(t.app, A, 'GET', '/api/me', { token: keep.token })).statusCode).toBe(200);
    });
  });
});
