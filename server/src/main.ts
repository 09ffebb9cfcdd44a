import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './db/seed/demo.js';
import { seedNationalHolidays } from './db/seed/holidays.js';
import { DEMO_REPORT_ACCOUNTS } from './modules/reports/seed-demo.js';
import { installGracefulShutdown } from './shutdown.js';

/** Start-up: configuration → database (+ migrations) → app → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
    preparedStatements: config.databasePreparedStatements,
  });
  await migrateToLatest(database.db);
  await seedNationalHolidays(database.db);
  if (config.demoData) await seedDemo(database.db, { zaloAppId: config.zalo.appId });
  const app = await buildApp({ config, database });

  const isClosing = installGracefulShutdown(app, database, 'server');

  await app.listen({ port: config.port, host: config.host });
  // Jobs start once the server is up; app.close() (on SIGTERM) stops the worker before the database closes.
  if (config.worker && !isClosing()) await app.ctx.worker.start();
  const base = config.publicUrl;
  const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  console.log(
    [
      '',
      `Cổng tiện ích công dân is running (${config.env}, ${where})`,
      `  API health:   ${base}/health   ready: ${base}/ready`,
      `  API docs:     ${base}/api/docs   (OpenAPI: ${base}/api/openapi.json)`,
      `  Tenant:       ${base}/api/tenant`,
      ...(config.demoData
        ? [
            `  Demo officers (password ${DEMO_PASSWORD}):`,
            ...[...DEMO_ACCOUNTS, ...DEMO_REPORT_ACCOUNTS].map(
              (a) => `    ${a.username.padEnd(12)} ${a.role} (${a.agencyCode})`,
            ),
          ]
        : []),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
