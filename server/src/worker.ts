import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';

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

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, running: worker.activeCount }, 'worker shutting down: finishing running jobs');
    const force = setTimeout(() => {
      app.log.error('worker shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await app.close(); // stops the worker (onClose hook) and waits for its handlers
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error during worker shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

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
