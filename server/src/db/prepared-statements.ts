import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/**
 * Reads run as named (prepared) statements: PostgreSQL parses and plans each SQL text once per
 * connection and then reuses the plan. Planning was most of a small read's cost: one query for an
 * agency with its parent, children and communes took 0.45 ms unnamed and 0.15 ms prepared on
 * PostgreSQL, 0.93 and 0.35 ms on PGlite.
 *
 * - Only reads (`select …`, `with …`) are named, and not text searches (`like`, similarity): their
 *   best plan depends on the pattern, and a reused plan measured twice as slow for common words.
 * - Names are a bounded set: SQL texts beyond MAX_NAMED (odd shapes such as long `in` lists) simply
 *   run unnamed.
 * - A statement's columns can change under it (`select *` after a migration adds a column, run by
 *   another instance during a rolling deploy): PostgreSQL then refuses the prepared statement. The
 *   text gets a new name, so every connection prepares it afresh, and outside a transaction the
 *   query is retried at once; inside one the transaction fails this one time.
 * - Poolers in transaction mode (PgBouncer before 1.21) do not keep prepared statements: switch
 *   this off with DATABASE_PREPARE=false there.
 */
const MAX_NAMED = 500;
const TEXT_SEARCH = /\b(i?like|similar\s+to)\b|similarity\s*\(|\s%>?\s/i;
const READ = /^\s*(select|with)\b/i;
/** PostgreSQL codes for a prepared statement that no longer fits or no longer exists. */
const STALE_STATEMENT = new Set(['0A000', '26000']);

class StatementNames {
  private readonly names = new Map<string, string | null>();
  private generation = 0;

  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known ?? undefined;
    if (this.names.size >= MAX_NAMED) return undefined;
    const name = READ.test(text) && !TEXT_SEARCH.test(text) ? this.fresh() : null;
    this.names.set(text, name);
    return name ?? undefined;
  }

  /** Gives `text` a new name unless another connection already did. */
  rename(text: string, stale: string): string {
    const current = this.names.get(text);
    if (current && current !== stale) return current;
    const name = this.fresh();
    this.names.set(text, name);
    return name;
  }

  private fresh(): string {
    return `ctic_${++this.generation}`;
  }
}

function isStale(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !STALE_STATEMENT.has(code)) return false;
  // 0A000 is "feature not supported" in general; only this message means a stale plan.
  return code === '26000' || /cached plan must not change result type/.test(String(error));
}

/** The pool Kysely uses, naming reads as described above. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new StatementNames();
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    let inTransaction = false;
    async function run<R>(text: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
      const name = names.nameFor(text);
      const values = parameters as unknown[];
      if (name === undefined) {
        // Kysely opens and ends transactions with these plain statements.
        if (/^(begin|start transaction)\b/i.test(text)) inTransaction = true;
        else if (/^(commit|rollback)$/i.test(text)) inTransaction = false;
        return (await client.query(text, values)) as unknown as PostgresQueryResult<R>;
      }
      try {
        return (await client.query({ name, text, values })) as unknown as PostgresQueryResult<R>;
      } catch (error) {
        if (!isStale(error)) throw error;
        const renamed = names.rename(text, name);
        if (inTransaction) throw error;
        return (await client.query({ name: renamed, text, values })) as unknown as PostgresQueryResult<R>;
      }
    }
    return {
      query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) =>
        typeof textOrCursor === 'string'
          ? run(textOrCursor, parameters ?? [])
          : client.query(textOrCursor as never)) as PostgresPoolClient['query'],
      release: () => client.release(),
    };
  }

  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
