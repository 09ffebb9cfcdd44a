/**
 * Folds Vietnamese text for matching: no diacritics, đ → d, lower case, single spaces. "danh ba"
 * finds "Danh bạ" and "DANH BẠ" alike (the server's search column is folded the same way).
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query starts a word of, or appears in, the folded text. */
export function matches(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Digits and a leading + only, the form `tel:` links and openPhone need. */
export function dialable(phone: string): string {
  return phone.replace(/[^\d+]/g, '');
}
