import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { FilesTable } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit, type AuditActor } from '../audit/audit.js';
import type { Principal } from '../auth/access.js';
import { AppError } from '../errors/app-error.js';
import type { GpsPosition } from './exif-gps.js';
import { cleanFileName } from './file-names.js';
import { DOCUMENT_IMAGE_PROFILE, PHOTO_PROFILE, processImage } from './image.js';
import { storageKeyFor, type FileStorage } from './storage.js';

export const FILE_KINDS = ['image', 'document'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export type FileOwnerType = 'citizen' | 'officer';
export type FileRow = Selectable<FilesTable>;

/**
 * What each kind accepts, decided from the bytes (magic numbers), never from the name or the
 * client's Content-Type, both of which the uploader controls. HEIC is absent on purpose: the
 * prebuilt sharp cannot decode HEVC (patent-encumbered), and phones hand the mini app and browsers
 * JPEG anyway. DOCX is absent because a zip cannot be told apart from a zip bomb or a macro-laden
 * file without unpacking it; citizens scan or export to PDF.
 */
export const ACCEPTED_TYPES: Record<FileKind, readonly string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'],
  document: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
};

export interface UploadLimits {
  imageMaxBytes: number;
  documentMaxBytes: number;
}

export function maxBytesFor(kind: FileKind, limits: UploadLimits): number {
  return kind === 'image' ? limits.imageMaxBytes : limits.documentMaxBytes;
}

/** file-type needs no more than this to recognise every format accepted here. */
const SNIFF_BYTES = 4100;

export interface SaveUploadOptions {
  db: Db;
  storage: FileStorage;
  limits: UploadLimits;
  tenantId: string;
  kind: FileKind;
  ownerType: FileOwnerType;
  ownerId: string;
  /** As the client named it; cleaned and kept for display only. */
  fileName: string | undefined;
  source: Buffer | AsyncIterable<Buffer | Uint8Array>;
  actor: AuditActor;
}

export interface StoredFile {
  id: string;
  kind: FileKind;
  contentType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  gps: GpsPosition | null;
  fileName: string;
}

/** Counts while reading, so an oversize upload stops at the limit instead of filling memory or disk. */
async function* limited(source: SaveUploadOptions['source'], maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of Buffer.isBuffer(source) ? [source] : source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    total += buf.length;
    if (total > maxBytes) throw new AppError('FILE_TOO_LARGE', { maxBytes });
    yield buf;
  }
}

interface Prepared {
  contentType: string;
  ext: string;
  width: number | null;
  height: number | null;
  gps: GpsPosition | null;
  /** Bytes to store; a stream for documents stored as they came. */
  body: Buffer | Readable;
  /** Size and hash of what was stored; complete once `body` has been fully consumed. */
  digest(): { sizeBytes: number; sha256: string };
  /** Runs after the bytes are stored; throws if the stream turned out to be damaged. */
  verify(): void;
}

/**
 * Stores an upload: type from the bytes, per-kind limits while streaming, images re-encoded, then
 * the `files` row and its audit row in one transaction. If the transaction fails the stored bytes are
 * removed, so a row never points at nothing and, barring a crash in between, no bytes lack a row.
 */
export async function saveUpload(options: SaveUploadOptions): Promise<StoredFile> {
  const { db, storage, tenantId, kind } = options;
  const chunks = limited(options.source, maxBytesFor(kind, options.limits));

  const head: Buffer[] = [];
  let headLength = 0;
  while (headLength < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  if (headLength === 0) throw new AppError('FILE_REQUIRED');
  const detected = await fileTypeFromBuffer(Buffer.concat(head));
  if (!detected || !ACCEPTED_TYPES[kind].includes(detected.mime)) {
    await chunks.return(undefined); // releases the upload stream
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { accepted: ACCEPTED_TYPES[kind] });
  }
  async function* everything(): AsyncGenerator<Buffer> {
    yield* head;
    yield* chunks;
  }

  const prepared =
    detected.mime === 'application/pdf'
      ? preparePdf(everything())
      : await prepareImage(everything(), detected.mime, kind);

  const id = randomUUID();
  const key = storageKeyFor(tenantId, id, prepared.ext);
  await storage.put(key, prepared.body);
  const fileName = cleanFileName(options.fileName);
  try {
    prepared.verify();
    const { sizeBytes, sha256 } = prepared.digest();
    await withTx(db, async (tx) => {
      await tx
        .insertInto('files')
        .values({
          id,
          tenant_id: tenantId,
          kind,
          owner_type: options.ownerType,
          owner_id: options.ownerId,
          original_name: fileName,
          content_type: prepared.contentType,
          size_bytes: sizeBytes,
          sha256,
          storage_key: key,
          width: prepared.width,
          height: prepared.height,
          gps_lat: prepared.gps?.lat ?? null,
          gps_lng: prepared.gps?.lng ?? null,
        })
        .execute();
      // No file name in the audit data: names often carry personal data and the log is forever.
      await appendAudit(tx, {
        tenantId,
        actor: options.actor,
        action: 'file.uploaded',
        entityType: 'file',
        entityId: id,
        data: { kind, contentType: prepared.contentType, sizeBytes, sha256 },
      });
    });
    return {
      id,
      kind,
      contentType: prepared.contentType,
      sizeBytes,
      width: prepared.width,
      height: prepared.height,
      gps: prepared.gps,
      fileName,
    };
  } catch (error) {
    // Best effort: if even this fails, the bytes are an orphan without a row, harmless and findable.
    await storage.delete(key).catch(() => undefined);
    throw error;
  }
}

async function prepareImage(chunks: AsyncIterable<Buffer>, mime: string, kind: FileKind): Promise<Prepared> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const image = await processImage(
    Buffer.concat(parts),
    mime,
    kind === 'image' ? PHOTO_PROFILE : DOCUMENT_IMAGE_PROFILE,
  );
  const sha256 = createHash('sha256').update(image.data).digest('hex');
  return {
    contentType: image.contentType,
    ext: image.ext,
    width: image.width,
    height: image.height,
    // A scanned ID card or certificate has no use for where it was photographed: keep GPS for photos only.
    gps: kind === 'image' ? image.gps : null,
    body: image.data,
    digest: () => ({ sizeBytes: image.data.length, sha256 }),
    verify: () => undefined,
  };
}

/**
 * PDFs are stored byte for byte (re-rendering would lose signatures and text), streamed straight to
 * storage while hashed and counted. A PDF ends with `%%EOF` (possibly followed by a little junk);
 * without it the upload was cut off.
 */
function preparePdf(chunks: AsyncIterable<Buffer>): Prepared {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let tail = Buffer.alloc(0);
  async function* tracked(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      tail = Buffer.concat([tail, chunk]).subarray(-1024);
      yield chunk;
    }
  }
  let sha256: string | undefined;
  return {
    contentType: 'application/pdf',
    ext: 'pdf',
    width: null,
    height: null,
    gps: null,
    body: Readable.from(tracked()),
    digest: () => ({ sizeBytes, sha256: (sha256 ??= hash.digest('hex')) }),
    verify: () => {
      if (!tail.includes('%%EOF')) throw new AppError('FILE_CORRUPT');
    },
  };
}

/**
 * The file if `reader` uploaded it. Everything else, including a file of another tenant or another
 * person's upload, is FILE_NOT_FOUND, so nobody learns that an id exists. Officers open citizens'
 * files only through the routes of what the file belongs to (a dossier, a report), which check that
 * it lies within the officer's agencies and audit the access; an id alone grants nothing.
 */
export async function findReadableFile(options: {
  db: Db;
  tenantId: string;
  fileId: string;
  reader: Principal;
}): Promise<FileRow> {
  const { db, tenantId, reader } = options;
  const row = await db
    .selectFrom('files')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', options.fileId)
    .executeTakeFirst();
  if (!row || reader.tenantId !== tenantId || !isOwner(row, reader)) throw new AppError('FILE_NOT_FOUND');
  return row;
}

function isOwner(row: FileRow, reader: Principal): boolean {
  return row.owner_type === reader.kind && row.owner_id === reader.id;
}
