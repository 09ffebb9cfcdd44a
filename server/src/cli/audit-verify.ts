import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { verifyAuditChain } from '../platform/audit/audit.js';

/**
 * `npm run audit:verify`: checks every tenant's audit chain; exits 1 when a row was edited or
 * deleted. On the embedded database, stop the server first (the data folder is locked).
 */
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let failed = false;
try {
  const tenants = await database.db.selectFrom('tenants').select('id').execute();
  for (const { id } of tenants) {
    const result = await verifyAuditChain(database.db, id);
    if (result.ok) {
      console.log(`${id}: OK (${result.checked} rows)`);
    } else {
      failed = true;
      console.error(
        `${id}: TAMPERED at row ${result.problem?.seq} (${result.problem?.reason}) after ${result.checked} good rows`,
      );
    }
  }
} finally {
  await database.close();
}
process.exit(failed ? 1 : 0);
