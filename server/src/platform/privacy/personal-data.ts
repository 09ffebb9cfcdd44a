import type { Db } from '../../db/connection.js';

/**
 * Personal data a module holds about a citizen, for the citizen's rights under Decree 13/2023:
 * a copy of it (export) and its deletion (erase). The identity module owns those two routes but
 * must not reach into other modules' tables, so each module that keeps data about a citizen
 * registers a source here when its routes are registered, and identity calls every source.
 */
export interface PersonalDataSource {
  /** The key of this source's part of the export, e.g. `dossiers`. Unique per app. */
  name: string;
  /** What this source holds about the citizen, as plain JSON. */
  exportFor(db: Db, tenantId: string, citizenId: string): Promise<unknown>;
  /** Deletes (or unlinks) the citizen's data; `tx` is the deletion's transaction. */
  eraseFor(tx: Db, tenantId: string, citizenId: string): Promise<void>;
  /**
   * What deletion keeps and why (in Vietnamese, for the citizen), when a law makes the source keep
   * something: shown in the export so the citizen knows before deleting.
   */
  retainedOnErase?: string;
}

/**
 * One registry per app instance (on AppContext), not a module-level list: test apps built side by
 * side must not see each other's sources, and a source registered twice is a bug worth failing on.
 */
export class PersonalDataRegistry {
  readonly #sources = new Map<string, PersonalDataSource>();

  register(source: PersonalDataSource): void {
    if (this.#sources.has(source.name)) {
      throw new Error(`Personal data source "${source.name}" is registered twice`);
    }
    this.#sources.set(source.name, source);
  }

  /** Every source's export, by name. */
  async exportFor(db: Db, tenantId: string, citizenId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const source of this.#sources.values())
      out[source.name] = await source.exportFor(db, tenantId, citizenId);
    return out;
  }

  /** Erases in registration order, inside the caller's transaction: all or nothing. */
  async eraseFor(tx: Db, tenantId: string, citizenId: string): Promise<void> {
    if (!tx.isTransaction) throw new Error('eraseFor needs a transaction handle');
    for (const source of this.#sources.values()) await source.eraseFor(tx, tenantId, citizenId);
  }

  /** What deletion keeps, per source that keeps anything. */
  retained(): { source: string; note: string }[] {
    return [...this.#sources.values()]
      .filter((s) => s.retainedOnErase)
      .map((s) => ({ source: s.name, note: s.retainedOnErase! }));
  }
}
