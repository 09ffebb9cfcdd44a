import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { FileStorage } from '../../platform/files/storage.js';

/** The download routes' response (the OpenAPI document shows a binary body). */
export const Binary = {
  description: 'The file',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

/** ASCII fallback plus RFC 5987 UTF-8 name, so Vietnamese file names survive every browser. */
function disposition(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'tep';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams a file of a dossier the caller already may see. The file must belong to that dossier
 * (through dossier_files or a slip), so a dossier route never opens an unrelated file.
 */
export async function sendDossierFile(
  db: Db,
  storage: FileStorage,
  reply: FastifyReply,
  o: { tenantId: string; dossierId: string; fileId?: string; slipId?: string },
): Promise<FastifyReply> {
  let fileId = o.fileId;
  if (o.slipId) {
    const slip = await db
      .selectFrom('dossier_slips')
      .select('file_id')
      .where('tenant_id', '=', o.tenantId)
      .where('dossier_id', '=', o.dossierId)
      .where('id', '=', o.slipId)
      .executeTakeFirst();
    if (!slip) throw new AppError('FILE_NOT_FOUND');
    fileId = slip.file_id;
  }
  const file = await db
    .selectFrom('dossier_files as df')
    .innerJoin('files as f', 'f.id', 'df.file_id')
    .select(['f.storage_key', 'f.original_name', 'f.content_type', 'f.size_bytes'])
    .where('df.tenant_id', '=', o.tenantId)
    .where('df.dossier_id', '=', o.dossierId)
    .where('df.file_id', '=', fileId ?? '')
    .executeTakeFirst();
  if (!file) throw new AppError('FILE_NOT_FOUND');
  const body = await storage.get(file.storage_key);
  if (!body) throw new AppError('FILE_NOT_FOUND');
  return reply
    .header('content-type', file.content_type)
    .header('content-length', String(file.size_bytes))
    .header('content-disposition', disposition(file.original_name))
    .header('cache-control', 'private, max-age=300')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
