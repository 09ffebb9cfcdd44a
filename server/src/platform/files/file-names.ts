/**
 * The uploader's file name is kept only for display and for the name offered on download. It never
 * decides where bytes are stored (see storage.ts) nor what type they are (see file-service.ts), and it
 * goes back out only through `contentDisposition`, which cannot be used to inject headers.
 */
const MAX_NAME_LENGTH = 120;

/** Drops folders, control and reserved characters; keeps Vietnamese letters. Never empty. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}"*:<>?|]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const limited = [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
  return limited || 'tep';
}

/** The cleaned name with its extension replaced by the one the stored bytes really have. */
export function downloadName(originalName: string, ext: string): string {
  const clean = cleanFileName(originalName);
  const dot = clean.lastIndexOf('.');
  const stem = dot > 0 ? clean.slice(0, dot) : clean;
  return `${stem}.${ext}`;
}

/** Vietnamese without marks, for the plain `filename=` fallback old clients read. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\w.\- ]/g, '_');
}

/** RFC 6266 header with an RFC 5987 UTF-8 name, so "Đơn đề nghị.pdf" survives intact. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encoded}`;
}
