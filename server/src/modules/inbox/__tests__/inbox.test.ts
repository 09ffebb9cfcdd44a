import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { withTx } from '../../../db/transaction-guard.js';
import { writeInboxMessage } from '../../../platform/notify/inbox.js';
import { A, B, buildInboxWorld, call, newCitizen, send, type InboxWorld } from './inbox.test-helpers.js';

describeEachDatabase("A citizen's inbox", (kind) => {
  let w: InboxWorld;
  beforeAll(async () => {
    w = await buildInboxWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const inbox = (token: string, query = '') => call(w, A, token, { url: `/api/me/inbox${query}` });

  it('lists my messages newest first, page by page, with the unread count', async () => {
    const c = await newCitizen(w);
    for (const n of [1, 2, 3, 4, 5]) await send(w, { citizenId: c.id }, { title: `Tin số ${n}` });
    const first = await inbox(c.token, '?page=1&pageSize=2');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 5, page: 1, pageSize: 2, unread: 5 });
    expect(first.json().items.map((m: { title: string }) => m.title)).toEqual(['Tin số 5', 'Tin số 4']);
    expect(first.json().items[0]).toEqual({
      id: expect.any(String),
      type: 'officer_message',
      title: 'Tin số 5',
      body: 'Nội dung',
      link: null,
      createdAt: expect.any(String),
      readAt: null,
    });
    const last = await inbox(c.token, '?page=3&pageSize=2');
    expect(last.json().items.map((m: { title: string }) => m.title)).toEqual(['Tin số 1']);
    const beyond = await inbox(c.token, '?page=9&pageSize=2');
    expect(beyond.json()).toMatchObject({ items: [], total: 5, unread: 5 });
  });

  it('marks one message read, keeps the first reading time, and filters unread ones', async () => {
    const c = await newCitizen(w);
    const older = await send(w, { citizenId: c.id }, { title: 'Cũ' });
    await send(w, { citizenId: c.id }, { title: 'Mới' });
    const read = await call(w, A, c.token, { method: 'POST', url: `/api/me/inbox/${older}/read` });
    expect(read.statusCode).toBe(204);
    const afterFirst = (await inbox(c.token)).json();
    const readAt = afterFirst.items.find((m: { id: string }) => m.id === older).readAt;
    expect(readAt).toEqual(expect.any(String));
    expect(afterFirst.unread).toBe(1);

    const again = await call(w, A, c.token, { method: 'POST', url: `/api/me/inbox/${older}/read` });
    expect(again.statusCode).toBe(204);
    const afterAgain = (await inbox(c.token)).json();
    expect(afterAgain.items.find((m: { id: string }) => m.id === older).readAt).toBe(readAt);

    const unreadOnly = (await inbox(c.token, '?unread=true')).json();
    expect(unreadOnly).toMatchObject({ total: 1, unread: 1 });
    expect(unreadOnly.items.map((m: { title: string }) => m.title)).toEqual(['Mới']);
    // false is "do not filter": a switched-off toggle shows everything.
    expect((await inbox(c.token, '?unread=false')).json().total).toBe(2);

    const count = await call(w, A, c.token, { url: '/api/me/inbox/unread-count' });
    expect(count.json()).toEqual({ unread: 1 });
  });

  it('marks everything read at once', async () => {
    const c = await newCitizen(w);
    await send(w, { citizenId: c.id }, { title: 'Một' });
    await send(w, { citizenId: c.id }, { title: 'Hai' });
    const res = await call(w, A, c.token, { method: 'POST', url: '/api/me/inbox/read-all' });
    expect(res.statusCode).toBe(204);
    expect((await call(w, A, c.token, { url: '/api/me/inbox/unread-count' })).json()).toEqual({ unread: 0 });
    const items = (await inbox(c.token)).json().items as { readAt: string | null }[];
    expect(items.every((m) => m.readAt !== null)).toBe(true);
  });

  it("keeps citizens and provinces apart: another's message is not found", async () => {
    const owner = await newCitizen(w);
    const other = await newCitizen(w);
    const stranger = await newCitizen(w, B);
    const id = await send(w, { citizenId: owner.id }, { title: 'Riêng tư' });

    const res = await call(w, A, other.token, { method: 'POST', url: `/api/me/inbox/${id}/read` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MESSAGE_NOT_FOUND');
    const cross = await call(w, B, stranger.token, { method: 'POST', url: `/api/me/inbox/${id}/read` });
    expect(cross.statusCode).toBe(404);
    // Marking all as read touches only the caller's own messages.
    await call(w, A, other.token, { method: 'POST', url: '/api/me/inbox/read-all' });

    expect((await inbox(other.token)).json()).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await call(w, B, stranger.token, { url: '/api/me/inbox' })).json().total).toBe(0);
    expect((await inbox(owner.token)).json()).toMatchObject({ total: 1, unread: 1 });
  });

  it('is for signed-in citizens only, and pages hold at most 100', async () => {
    expect((await call(w, A, null, { url: '/api/me/inbox' })).statusCode).toBe(401);
    expect((await call(w, A, w.officers.admin.token, { url: '/api/me/inbox' })).statusCode).toBe(403);
    const c = await newCitizen(w);
    const big = await inbox(c.token, '?pageSize=101');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('VALIDATION_FAILED');
    const notId = await call(w, A, c.token, { method: 'POST', url: '/api/me/inbox/abc/read' });
    expect(notId.statusCode).toBe(400);
  });

  describe('writeInboxMessage', () => {
    it('must be given the transaction of the change it reports', async () => {
      const c = await newCitizen(w);
      await expect(
        writeInboxMessage({ tx: w.db, tenantId: A, citizenId: c.id, type: 'test', title: 'x', body: 'y' }),
      ).rejects.toThrow(/transaction/);
    });

    it('stores a module message with its link and legal flag, rolled back with its transaction', async () => {
      const c = await newCitizen(w);
      const link = { page: 'ho-so', params: { code: 'HS-0001' } };
      await withTx(w.db, (tx) =>
        writeInboxMessage({
          tx,
          tenantId: A,
          citizenId: c.id,
          type: 'dossier.received',
          title: 'Hồ sơ đã được tiếp nhận',
          body: 'Hẹn trả kết quả ngày 25/11/2026.',
          link,
          legal: true,
        }),
      );
      await expect(
        withTx(w.db, async (tx) => {
          await writeInboxMessage({
            tx,
            tenantId: A,
            citizenId: c.id,
            type: 'test.cancelled',
            title: 'Hủy',
            body: '',
          });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const items = (await inbox(c.token)).json().items;
      expect(items).toEqual([expect.objectContaining({ type: 'dossier.received', link })]);
      const row = await w.db
        .selectFrom('inbox_messages')
        .select('legal')
        .where('citizen_id', '=', c.id)
        .execute();
      expect(row).toEqual([{ legal: true }]);
    });

    it('refuses a link the app cannot open', async () => {
      const c = await newCitizen(w);
      await expect(
        withTx(w.db, (tx) =>
          writeInboxMessage({
            tx,
            tenantId: A,
            citizenId: c.id,
            type: 'test.link',
            title: 'x',
            body: 'y',
            link: { page: '../admin', params: {} },
          }),
        ),
      ).rejects.toThrow(/link/);
    });
  });

  describe('personal data', () => {
    it('includes my messages in my export and deletes them with my account', async () => {
      const c = await newCitizen(w);
      const id = await send(w, { citizenId: c.id }, { title: 'Giữ trong bản sao', body: 'Chi tiết' });
      const exported = await call(w, A, c.token, { url: '/api/me/export' });
      expect(exported.statusCode).toBe(200);
      expect(exported.json().inbox).toEqual([
        {
          id,
          type: 'officer_message',
          title: 'Giữ trong bản sao',
          body: 'Chi tiết',
          link: null,
          legal: false,
          createdAt: expect.any(String),
          readAt: null,
        },
      ]);
      const other = await newCitizen(w);
      await send(w, { citizenId: other.id }, { title: 'Của người khác' });

      expect((await call(w, A, c.token, { method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
      const left = await w.db.selectFrom('inbox_messages').select('citizen_id').execute();
      expect(left.some((m) => m.citizen_id === c.id)).toBe(false);
      expect(left.some((m) => m.citizen_id === other.id)).toBe(true);
    });
  });
});
