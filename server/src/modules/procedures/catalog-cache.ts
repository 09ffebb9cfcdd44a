/**
 * Answers of the public catalog (search, fields, one procedure), kept for a minute per tenant and
 * query. The catalog is small and changes a few times a year, while every citizen who opens
 * "Nộp hồ sơ" searches it: a search costs two queries whose planning alone outweighs their
 * execution. A minute is what the responses' Cache-Control already allows browsers, so another
 * server process answering from its own copy is no staler than a browser; in this process an
 * import or a switch clears the tenant's entries at once.
 */
export class CatalogCache {
  private readonly entries = new Map<string, { at: number; value: unknown }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${tenantId}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value as T;
    const value = await load();
    // Oldest first in a Map: dropping the first keys evicts the longest-held answers.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { at: this.now(), value });
    return value;
  }

  invalidate(tenantId: string): void {
    const prefix = `${tenantId}\u0000`;
    for (const id of this.entries.keys()) if (id.startsWith(prefix)) this.entries.delete(id);
  }
}
