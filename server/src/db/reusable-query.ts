import type { Compilable, CompiledQuery, Kysely } from 'kysely';

const MARK = '\u0000ctic-param:';

/**
 * A query built and compiled once, then run with new values. For a hot read Kysely's builder and
 * compiler cost more Node time than the prepared statement's round trip (a fifth of an agency read);
 * the same SQL text each time also lets prepared-statements.ts find its name at once.
 *
 * `build` receives stand-ins for the values; each must reach the SQL as a parameter, unchanged
 * (`where('id', '=', args.id)`, `sql\`…${args.id}…\``), which the first run checks. Values computed
 * from an argument (`'%' + args.q`) are not supported: build those queries per call.
 */
export function reusableQuery<DB, A extends Record<string, unknown>, O>(
  build: (db: Kysely<DB>, args: A) => Compilable<O>,
): (db: Kysely<DB>, args: A) => Promise<O[]> {
  let compiled: CompiledQuery<O> | undefined;
  let slots: (string | undefined)[] = [];
  return async (db, args) => {
    if (!compiled) {
      const keys = Object.keys(args);
      const stand = Object.fromEntries(keys.map((k) => [k, MARK + k])) as A;
      compiled = build(db, stand).compile();
      slots = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : undefined,
      );
      const missing = keys.filter((k) => !slots.includes(k));
      if (missing.length > 0 || compiled.sql.includes(MARK)) {
        compiled = undefined;
        throw new Error(`reusableQuery: ${missing.join(', ') || 'a value'} is not a plain parameter`);
      }
    }
    const base = compiled;
    const parameters = base.parameters.map((p, i) => {
      const key = slots[i];
      return key === undefined ? p : args[key];
    });
    const result = await db.executeQuery<O>({ ...base, parameters });
    return result.rows;
  };
}
