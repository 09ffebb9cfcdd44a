import pg from 'pg';

/**
 * The one place where PostgreSQL's 64-bit integers (count(*), bigserial ids, sums) become JS numbers.
 * Values beyond Number.MAX_SAFE_INTEGER would lose precision, so they fail loudly instead.
 * This applies to PostgreSQL and to PGlite, which runs through the same `pg` parser.
 */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function toSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} exceeds the safe integer range`);
  return value;
}

let installed = false;
export function installTypeParsers(): void {
  if (installed) return;
  installed = true;
  pg.types.setTypeParser(INT8_OID, toSafeInteger);
  pg.types.setTypeParser(NUMERIC_OID, (text: string) => Number(text));
}

/** Kysely types count() as string | number | bigint; after installTypeParsers it is always a number. */
export function toCount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}
