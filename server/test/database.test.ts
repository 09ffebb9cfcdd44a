import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.js';
import { DataDirInUseError } from '../src/db/data-dir-lock.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { toCount } from '../src/db/pg-types.js';
import { reusableQuery } from '../src/db/reusable-query.js';
import { OuterHandleInTransactionError, withTx } from '../src/db/transaction-guard.js';
import { appendAudit, verifyAuditChain } from '../src/platform/audit/audit.js';
import { createTestDatabase, describeEachDatabase } from './helpers.js';
import { insertTenant } from './fixtures.js';

describe('data directory lock', () => {
  it('refuses a second open of the same folder and frees it on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctic-lock-'));
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctic-lock-'));
    // 2^22 is above Linux's default pid_max, so no live process can own it.
    fs.writeFileSync(path.join(dir, 'server.lock'), String(4_194_305));
    const handle = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'server.lock'), 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(fs.existsSync(path.join(dir, 'server.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describeEachDatabase('database', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertTenant(database.db, 'tinh-a');
    await insertTenant(database.db, 'tinh-b');
  });
  afterAll(async () => database?.close());

  it('runs migrations idempotently', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    const extensions = await sql<{ extname: string }>`select extname from pg_extension`.execute(database.db);
    expect(extensions.rows.map((r) => r.extname)).toEqual(
      expect.arrayContaining(['pg_trgm', 'unaccent', 'citext']),
    );
  });

  it('returns count(*) and bigint as numbers', async () => {
    const row = await database.db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(2);
    expect(toCount(row.n)).toBe(2);
    const big = await sql<{ v: number }>`select 9007199254740991::bigint as v`.execute(database.db);
    expect(big.rows[0]?.v).toBe(Number.MAX_SAFE_INTEGER);
    await expect(sql`select 9007199254740993::bigint as v`.execute(database.db)).rejects.toThrow(
      /safe integer/,
    );
  });

  it('refuses the outer handle inside a transaction instead of deadlocking', async () => {
    await expect(
      withTx(database.db, async (tx) => {
        await tx.selectFrom('tenants').select('id').execute();
        await database.db.selectFrom('tenants').select('id').execute();
      }),
    ).rejects.toBeInstanceOf(OuterHandleInTransactionError);
    // The database still answers: nothing is left waiting on the transaction.
    expect(await database.ping(2000)).toBe(true);
  });

  it('keeps guarding a transaction after another one ends, and frees the outer handle after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let ended!: () => void;
    const afterEnd = new Promise<void>((resolve) => (ended = resolve));
    let leftRunning: Promise<unknown> | undefined;
    const long = withTx(database.db, async (tx) => {
      await tx.selectFrom('tenants').select('id').execute();
      await gate;
      // Work left running past the end of the transaction may use the outer handle by then.
      leftRunning = afterEnd.then(() => sql`select 1`.execute(database.db));
      await database.db.selectFrom('tenants').select('id').execute();
    });
    const short = withTx(database.db, (tx) => tx.selectFrom('tenants').select('id').execute());
    // On PostgreSQL the short transaction commits while the long one is still open; PGlite has one
    // connection, so there it waits for the long one.
    if (database.kind === 'postgres') await short;
    release();
    await expect(long).rejects.toBeInstanceOf(OuterHandleInTransactionError);
    await short;
    ended();
    await expect(leftRunning).resolves.toBeDefined();
  });

  it('prepares reads, not text searches, and survives a column added under a prepared statement', async () => {
    const db = database.db;
    await sql`create table prepared_probe (id int primary key, a text)`.execute(db);
    await sql`insert into prepared_probe values (1, 'x')`.execute(db);
    const read = () => sql<Record<string, unknown>>`select * from prepared_probe where id = ${1}`.execute(db);
    const search = () => sql`select id from prepared_probe where a like ${'%x%'}`.execute(db);
    await read();
    await search();
    const prepared = await withTx(db, async (tx) => {
      await sql`select * from prepared_probe where id = ${1}`.execute(tx);
      await sql`select id from prepared_probe where a like ${'%x%'}`.execute(tx);
      const rows = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(tx);
      return rows.rows.map((r) => r.statement);
    });
    expect(prepared).toContain('select * from prepared_probe where id = $1');
    expect(prepared.filter((s) => s.includes('like'))).toEqual([]);

    // Another instance migrates: `select *` now has another column; the prepared plan is stale.
    await sql`alter table prepared_probe add column b text default 'new'`.execute(db);
    for (let i = 0; i < 3; i++) expect((await read()).rows).toEqual([{ id: 1, a: 'x', b: 'new' }]);
    await sql`drop table prepared_probe`.execute(db);
  });

  it('runs a query compiled once with new values each time', async () => {
    const byId = reusableQuery((db: typeof database.db, args: { id: string; other: string }) =>
      db.selectFrom('tenants').select('id').where('id', 'in', [args.id, args.other, 'none']).orderBy('id'),
    );
    expect(await byId(database.db, { id: 'tinh-a', other: 'x' })).toEqual([{ id: 'tinh-a' }]);
    expect(await byId(database.db, { id: 'tinh-b', other: 'tinh-a' })).toEqual([
      { id: 'tinh-a' },
      { id: 'tinh-b' },
    ]);
    const derived = reusableQuery((db: typeof database.db, args: { id: string }) =>
      db.selectFrom('tenants').select('id').where('id', 'like', `${args.id}%`),
    );
    await expect(derived(database.db, { id: 'tinh' })).rejects.toThrow(/not a plain parameter/);
  });

  it('rolls back everything when the transaction fails', async () => {
    await expect(
      withTx(database.db, async (tx) => {
        await appendAudit(tx, {
          tenantId: 'tinh-a',
          actor: { type: 'system', id: null },
          action: 'test.rollback',
          entityType: 'test',
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'test.rollback')
      .execute();
    expect(rows).toEqual([]);
  });

  it('chains audit rows per tenant and detects an edited or deleted row', async () => {
    for (const [i, tenantId] of ['tinh-a', 'tinh-b', 'tinh-a', 'tinh-a'].entries()) {
      await withTx(database.db, (tx) =>
        appendAudit(tx, {
          tenantId,
          actor: { type: 'officer', id: `officer-${i}` },
          action: 'agency.update',
          entityType: 'agency',
          entityId: `agency-${i}`,
          data: { z: i, a: { nested: ['x', 1.5, true, null] } },
        }),
      );
    }
    expect(await verifyAuditChain(database.db, 'tinh-a')).toEqual({
      tenantId: 'tinh-a',
      ok: true,
      checked: 3,
    });
    expect(await verifyAuditChain(database.db, 'tinh-b')).toMatchObject({ ok: true, checked: 1 });

    await expect(sql`update audit_log set action = 'x'`.execute(database.db)).rejects.toThrow(/append-only/);

    // Someone with superuser rights edits history behind the application's back.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(database.db);
    await sql`update audit_log set data = '{"z": 99}' where tenant_id = 'tinh-a' and seq = 2`.execute(
      database.db,
    );
    expect(await verifyAuditChain(database.db, 'tinh-a')).toMatchObject({
      ok: false,
      checked: 1,
      problem: { seq: 2, reason: 'hash_mismatch' },
    });
    await sql`delete from audit_log where tenant_id = 'tinh-a' and seq = 2`.execute(database.db);
    expect(await verifyAuditChain(database.db, 'tinh-a')).toMatchObject({
      ok: false,
      problem: { seq: 2, reason: 'missing_row' },
    });
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(database.db);
    expect((await verifyAuditChain(database.db, 'tinh-b')).ok).toBe(true);
  });

  it("writes a transaction's audit rows last, so the chain's lock is held only up to COMMIT", async () => {
    const entry = (tenantId: string, action: string) => ({
      tenantId,
      actor: { type: 'system' as const, id: null },
      action,
      entityType: 'test',
    });
    // A province of its own: the test above leaves tinh-a's chain broken on purpose.
    await insertTenant(database.db, 'tinh-c');
    const count = (db: typeof database.db, action: string) =>
      db
        .selectFrom('audit_log')
        .select('seq')
        .where('tenant_id', '=', 'tinh-c')
        .where('action', 'like', `${action}%`)
        .orderBy('seq')
        .execute();
    await withTx(database.db, async (tx) => {
      await appendAudit(tx, entry('tinh-c', 'test.late-1'));
      await appendAudit(tx, entry('tinh-b', 'test.late-b'));
      await appendAudit(tx, entry('tinh-c', 'test.late-2'));
      // Nothing is written while the transaction's own work goes on.
      expect(await count(tx, 'test.late')).toEqual([]);
    });
    const written = await count(database.db, 'test.late-');
    expect(written).toHaveLength(2);
    expect(written[1]!.seq).toBe(written[0]!.seq + 1);
    expect((await verifyAuditChain(database.db, 'tinh-c')).ok).toBe(true);
    expect((await verifyAuditChain(database.db, 'tinh-b')).ok).toBe(true);

    if (kind !== 'postgres') return; // PGlite has one connection: transactions never overlap.
    // A long transaction that audited early no longer holds back another writer of the province.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = withTx(database.db, async (tx) => {
      await appendAudit(tx, entry('tinh-c', 'test.slow'));
      await held;
    });
    await withTx(database.db, (tx) => appendAudit(tx, entry('tinh-c', 'test.quick')));
    release();
    await slow;
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['action', 'seq'])
      .where('action', 'in', ['test.slow', 'test.quick'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['test.quick', 'test.slow']);
    expect((await verifyAuditChain(database.db, 'tinh-c')).ok).toBe(true);
  });
});
