import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';

/**
 * Vietnamese search. Every searchable name is stored twice: as written (`name`) and normalized
 * (`name_norm`, written with `normalizeVi` and indexed with pg_trgm). A query is normalized the same
 * way, so "dat dai" finds "Đất đai" and "Đắk Lắk" finds "dak lak"; matches that also carry the
 * user's own accents ("Đà" rather than "Đa") are ranked first.
 */

/** NFD, strip combining marks, đ/Đ → d, lower case, collapse white space. */
export function normalizeVi(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Đ (U+0110) and the look-alike Ð (U+00D0, Icelandic eth) are typed for the same letter.
      .replace(/[đĐÐð]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Collapses white space but keeps accents and case: the user's text as typed. */
function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Escapes LIKE wildcards so user text is matched literally (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** Trigrams need three characters: shorter words are matched as word prefixes (fewer, saner hits). */
const MIN_TRIGRAM_LENGTH = 3;

export interface TextColumns {
  /** Column with the text as written, e.g. `agencies.name`. */
  name: string;
  /** Column with `normalizeVi(name)`, e.g. `agencies.name_norm`, with a gin_trgm_ops index. */
  norm: string;
}

/**
 * The filter for user text `text`, or undefined when the text is empty after normalization.
 * Every word must occur in the normalized name, in any order: a word of 1–2 letters as the start of
 * a word ("ha" finds "Hà Nội" but not "Tân Thạnh"), a longer one anywhere. `like '%…%'` on the
 * normalized column is served by its gin_trgm_ops index.
 *
 * Why not the similarity operators: `name_norm % q` compares whole strings, so "dat dai" misses a
 * twelve-word procedure name about land; word similarity (`%>`) lets "phuoc" match every "phường"
 * and "dat dai" match any name with "đất". Trigram similarity is used for ranking only.
 */
export function textMatches(columns: TextColumns, text: string): Expression<SqlBool> | undefined {
  const q = normalizeVi(text);
  if (!q) return undefined;
  const norm = sql.ref(columns.norm);
  const words = [...new Set(q.split(' '))].map((word) => {
    const escaped = escapeLike(word);
    return word.length < MIN_TRIGRAM_LENGTH
      ? sql<SqlBool>`(${norm} like ${escaped + '%'} or ${norm} like ${'% ' + escaped + '%'})`
      : sql<SqlBool>`${norm} like ${'%' + escaped + '%'}`;
  });
  return sql<SqlBool>`(${sql.join(words, sql` and `)})`;
}

/**
 * Ranking for user text: 0 when the name contains the text with the user's accents (case-insensitive),
 * 1 when the normalized name starts with it, 2 otherwise; then by trigram word similarity, then by name.
 */
export function textRank(columns: TextColumns, text: string) {
  const q = normalizeVi(text);
  const name = sql.ref(columns.name);
  const norm = sql.ref(columns.norm);
  return {
    tier: sql<number>`case when ${name} ilike ${'%' + escapeLike(tidy(text)) + '%'} then 0
      when ${norm} like ${escapeLike(q) + '%'} then 1 else 2 end`,
    similarity: sql<number>`word_similarity(${q}, ${norm})`,
  };
}

/** Adds the filter of `textMatches`; the query is unchanged for empty text. */
export function whereText<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: TextColumns,
  text: string | undefined,
): SelectQueryBuilder<DB, TB, O> {
  const filter = text === undefined ? undefined : textMatches(columns, text);
  return filter ? qb.where(filter) : qb;
}

/** Orders by `textRank`, best first; without text, by the normalized name (a stable, readable order). */
export function orderByText<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: TextColumns,
  text: string | undefined,
): SelectQueryBuilder<DB, TB, O> {
  const q = text === undefined ? '' : normalizeVi(text);
  if (!q) return qb.orderBy(sql.ref(columns.norm)).orderBy(sql.ref(columns.name));
  const rank = textRank(columns, text!);
  return qb
    .orderBy(rank.tier)
    .orderBy(rank.similarity, 'desc')
    .orderBy(sql.ref(columns.norm))
    .orderBy(sql.ref(columns.name));
}

/** Filter and order in one call: the helper a repository uses for `?q=`. */
export function searchText<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: TextColumns,
  text: string | undefined,
): SelectQueryBuilder<DB, TB, O> {
  return orderByText(whereText(qb, columns, text), columns, text);
}
