import { randomBytes } from 'node:crypto';

/** One part of a multipart/form-data body; a file when `filename` is given. */
export interface Part {
  name: string;
  data: Buffer | string;
  filename?: string;
  contentType?: string;
}

/**
 * Builds a multipart/form-data payload for `app.inject` by hand, so tests control every byte a
 * client could send (a lying Content-Type, a hostile file name) without a form-data dependency.
 */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ctic-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The usual case: one file in the field "file". */
export function fileUpload(
  data: Buffer | string,
  filename: string,
  contentType = 'application/octet-stream',
) {
  return multipart([{ name: 'file', data, filename, contentType }]);
}
