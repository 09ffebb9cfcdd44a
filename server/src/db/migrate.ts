import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.js';
import * as foundation from './migrations/0001_foundation.js';
import * as inbox from './migrations/0002_inbox.js';
import * as notifications from './migrations/0003_notifications.js';
import * as dossiers from './migrations/0004_dossiers.js';
import * as reports from './migrations/0005_reports.js';

/** Migrations live in code (no file-system scanning) so bundling and tests see the same list. */
const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_inbox': inbox,
  '0003_notifications': notifications,
  '0004_dossiers': dossiers,
  '0005_reports': reports,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Runs pending migrations; safe to call at every start (already applied ones are skipped). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
