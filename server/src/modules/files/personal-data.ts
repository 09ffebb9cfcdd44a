import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { PersonalDataSource } from '../../platform/privacy/personal-data.js';
import type { FileStorage } from '../../platform/files/storage.js';
import type { JobWorker } from '../../platform/jobs/worker.js';
import { enqueue } from '../../platform/jobs/queue.js';

/** Removes stored bytes after the rows that pointed at them were deleted and committed. */
export const DELETE_BYTES_QUEUE = 'files.delete-bytes';
const KEYS_PER_JOB = 200;

interface Reference {
  table: string;
  column: string;
}

let references: Promise<Reference[]> | undefined;

/**
 * Every column that points at `files` by foreign key, read from the catalog: whatever module keeps a
 * file (a dossier's papers, a report's photos, a slip) declares it that way, so this module learns
 * which uploads are records of something without reading any other module's code. The schema is the
 * same for every database this process opens, so the answer is kept.
 */
function fileReferences(db: Db): Promise<Reference[]> {
  references ??= sql<Reference>`
    select kcu.table_name as "table", kcu.column_name as "column"
    from information_schema.referential_constraints rc
    join information_schema.key_column_usage kcu
      on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
    where ccu.table_name = 'files' and ccu.column_name = 'id'
    order by 1, 2`
    .execute(db)
    .then((r) => r.rows)
    .catch((error: unknown) => {
      references = undefined;
      throw error;
    });
  return references;
}

/** SQL true when the file `f` is kept by some record (identifiers come from the catalog, quoted). */
function keptByRecord(refs: Reference[]) {
  if (refs.length === 0) return sql<boolean>`false`;
  const parts = refs.map(
    (r) => sql`exists (select 1 from ${sql.table(r.table)} x where x.${sql.ref(r.column)} = f.id)`,
  );
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/**
 * The citizen's uploads. The export lists them (the bytes stay downloadable by their owner until
 * deletion). Deletion removes every upload no record keeps — photos and papers picked but never sent —
 * rows in the deletion's transaction and bytes by a job queued in that same transaction, so a rollback
 * deletes nothing. Uploads that became part of a dossier or a report stay with that record.
 */
export const filePersonalData: PersonalDataSource = {
  name: 'files',
  retainedOnErase:
    'Ảnh và giấy tờ đã gửi kèm hồ sơ hoặc phản ánh được giữ cùng hồ sơ, phản ánh đó; ' +
    'các tệp đã tải lên nhưng chưa gửi kèm được xóa hẳn.',

  async exportFor(db, tenantId, citizenId) {
    const refs = await fileReferences(db);
    const rows = await db
      .selectFrom('files as f')
      .select([
        'f.id',
        'f.kind',
        'f.content_type',
        'f.size_bytes',
        'f.original_name',
        'f.created_at',
        keptByRecord(refs).as('kept'),
      ])
      .where('f.tenant_id', '=', tenantId)
      .where('f.owner_type', '=', 'citizen')
      .where('f.owner_id', '=', citizenId)
      .orderBy('f.created_at')
      .orderBy('f.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      contentType: r.content_type,
      sizeBytes: Number(r.size_bytes),
      fileName: r.original_name,
      uploadedAt: r.created_at.toISOString(),
      partOfRecord: Boolean(r.kept),
    }));
  },

  async eraseFor(tx, tenantId, citizenId) {
    const refs = await fileReferences(tx);
    const deleted = await tx
      .deleteFrom('files')
      .where('tenant_id', '=', tenantId)
      .where('owner_type', '=', 'citizen')
      .where('owner_id', '=', citizenId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('files as f')
          .select('f.id')
          .where('f.tenant_id', '=', tenantId)
          .where('f.owner_type', '=', 'citizen')
          .where('f.owner_id', '=', citizenId)
          .where(sql<boolean>`not ${keptByRecord(refs)}`),
      )
      .returning('storage_key')
      .execute();
    for (let i = 0; i < deleted.length; i += KEYS_PER_JOB) {
      await enqueue(tx, {
        queue: DELETE_BYTES_QUEUE,
        tenantId,
        payload: { keys: deleted.slice(i, i + KEYS_PER_JOB).map((d) => d.storage_key) },
      });
    }
  },
};

export function registerFileJobs(worker: JobWorker, storage: FileStorage): void {
  worker.handle<{ keys: string[] }>(DELETE_BYTES_QUEUE, async (job) => {
    // Deleting what is already gone is fine: a retried job repeats the keys it had done.
    for (const key of job.payload.keys) await storage.delete(key);
  });
}
