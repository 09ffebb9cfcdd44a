import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from 'kysely';

/**
 * Inside a transaction every query must go through the transaction handle. Using the outer handle
 * there deadlocks on PGlite (one connection) and silently escapes the transaction on PostgreSQL.
 * `withTx` marks the async context; the guarded driver refuses to hand out a new connection while
 * that mark is set, so the mistake fails at once, on both databases, with a clear message.
 */
interface TransactionMark {
  active: boolean;
  /** Work to do last, just before COMMIT, in registration order (see `beforeCommit`). */
  beforeCommit: (() => Promise<void>)[];
}
const transactionContext = new AsyncLocalStorage<TransactionMark>();

export class OuterHandleInTransactionError extends Error {
  constructor() {
    super('A query used the outer database handle inside a transaction; pass `tx` instead.');
    this.name = 'OuterHandleInTransactionError';
  }
}

class GuardedDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    if (transactionContext.getStore()?.active) throw new OuterHandleInTransactionError();
    return this.inner.acquireConnection();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export function guardDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new GuardedDriver(inner.createDriver()),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
  };
}

export function isInTransaction(): boolean {
  return transactionContext.getStore()?.active === true;
}

/**
 * Transactions open right now. On Node 20 and 22 AsyncLocalStorage runs on promise hooks, which tax
 * every promise in the process once enabled (a tenth of a cached read's cost); the storage is
 * disabled again whenever no transaction is open, so reads that use none pay nothing. Code inside a
 * transaction always runs while it is enabled, so the guard loses nothing.
 */
let openTransactions = 0;

/**
 * Registers `hook` to run at the end of the current `withTx` transaction, after its callback and
 * just before COMMIT; false when no `withTx` transaction is open here. For work that takes a lock
 * every writer of a tenant contends for (the audit chain): done last, the lock is held for the
 * few statements up to COMMIT instead of for the rest of the transaction.
 */
export function beforeCommit(hook: () => Promise<void>): boolean {
  const mark = transactionContext.getStore();
  if (!mark?.active) return false;
  mark.beforeCommit.push(hook);
  return true;
}

/** Runs `fn` in a transaction; `fn` receives the only handle it may use. */
export async function withTx<DB, T>(db: Kysely<DB>, fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  if (isInTransaction()) throw new OuterHandleInTransactionError();
  const mark: TransactionMark = { active: true, beforeCommit: [] };
  openTransactions++;
  try {
    return await db.transaction().execute((tx) =>
      transactionContext.run(mark, async () => {
        const result = await fn(tx);
        // A hook may register another; the index loop runs those too.
        for (let i = 0; i < mark.beforeCommit.length; i++) await mark.beforeCommit[i]!();
        return result;
      }),
    );
  } finally {
    // Work the callback left running after commit or rollback may use the outer handle again.
    mark.active = false;
    if (--openTransactions === 0) transactionContext.disable();
  }
}
