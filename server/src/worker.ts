import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { installGracefulShutdown } from './shutdown.js';

/**
 * The job worker as its own process (`npm run worker`): configuration → database (+ migrations) →
 * worker. It builds the same app as the server so it registers exactly the same job handlers, but
 * it never listens. Only on PostgreSQL: the embedded database's folder belongs to one process.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL',
      'is required for `npm run worker`. The embedded database (PGlite) can be opened by one process ' +
        'only, so with it the job worker runs inside the server: use `npm start` (WORKER=true, the default).',
    );
  }
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
    preparedStatements: config.databasePreparedStatements,
  });
  await migrateToLatest(database.db);
  const app = await buildApp({ config, database });
  const { worker } = app.ctx;

  installGracefulShutdown(app, database, 'worker');

  await app.ready();
  await worker.start();
  console.log(`Job worker ${worker.id} is running on PostgreSQL (stop with SIGTERM or Ctrl+C)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Worker start-up failed:', error);
  }
  process.exit(1);
});
