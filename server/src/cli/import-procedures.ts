import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { importProcedures } from '../modules/procedures/procedures.service.js';
import { AppError } from '../platform/errors/app-error.js';

/**
 * `npm run procedures:import -w server -- --tenant tay-ninh file.json|file.csv [--dry-run]`: imports a
 * procedure catalog as the system (audited), prints the report as JSON, and exits 1 when rows were
 * rejected (2 when the file could not be read at all). On the embedded database, stop the server
 * first (the data folder is locked).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tenant: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
});
const file = positionals[0];
if (!values.tenant || !file || positionals.length !== 1) {
  console.error('usage: procedures:import --tenant <tenant id> <file.json|file.csv> [--dry-run]');
  process.exit(2);
}
const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
const content = await readFile(file, 'utf8');

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let exitCode = 0;
try {
  await migrateToLatest(database.db);
  const tenant = await database.db
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', values.tenant)
    .executeTakeFirst();
  if (!tenant) {
    console.error(`unknown tenant: ${values.tenant}`);
    exitCode = 2;
  } else {
    const report = await importProcedures({
      db: database.db,
      tenantId: tenant.id,
      actor: { type: 'system', id: null },
      scope: { all: true },
      format,
      content,
      dryRun: values['dry-run'],
    });
    console.log(JSON.stringify(report, null, 2));
    if (report.rejected.length > 0) exitCode = 1;
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  console.error(JSON.stringify({ error: error.code, details: error.details }));
  exitCode = 2;
} finally {
  await database.close();
}
process.exit(exitCode);
