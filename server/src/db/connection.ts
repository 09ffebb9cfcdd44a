import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { installTypeParsers } from './pg-types.js';
import { preparingPool } from './prepared-statements.js';
import type { Database } from './schema.js';
import { guardDialect } from './transaction-guard.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  poolStats(): { total: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files; `memory://` keeps everything in memory (tests). */
  dataDir: string;
  poolMax?: number;
  /** Run reads as prepared statements (see prepared-statements.ts). Default true. */
  preparedStatements?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  installTypeParsers();
  const prepared = options.preparedStatements ?? true;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolMax ?? 10, prepared);
  return openPglite(options.dataDir, prepared);
}

function handleFor(
  pool: pg.Pool,
  kind: DatabaseHandle['kind'],
  max: number,
  prepared: boolean,
  onClose: () => Promise<void>,
) {
  const dialect = new PostgresDialect({ pool: prepared ? preparingPool(pool) : pool });
  const db = new Kysely<Database>({ dialect: guardDialect(dialect) });
  let closed = false;
  const handle: DatabaseHandle = {
    db,
    kind,
    async ping(timeoutMs = 2000) {
      if (closed) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = sql`select 1`
        .execute(db)
        .then(() => true)
        .catch(() => false);
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await onClose();
    },
  };
  return handle;
}

async function openPostgres(
  connectionString: string,
  max: number,
  prepared: boolean,
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // A broken idle connection must not crash the process; the next query reports the failure.
  pool.on('error', () => undefined);
  return handleFor(pool, 'postgres', max, prepared, async () => undefined);
}

async function openPglite(dataDir: string, prepared: boolean): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  let lock: DataDirLock | undefined;
  let location = dataDir;
  if (!inMemory) {
    lock = lockDataDir(dataDir);
    location = path.join(dataDir, 'pgdata');
  }
  try {
    const pglite = await PGlite.create(location, { extensions: { citext, pg_trgm, unaccent } });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    pool.on('error', () => undefined);
    return handleFor(pool, 'pglite', 1, prepared, async () => {
      await pglite.close();
      lock?.release();
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
}
