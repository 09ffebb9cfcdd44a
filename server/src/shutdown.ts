import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from './db/connection.js';

/**
 * SIGTERM/SIGINT for the server and the lone worker alike: app.close() stops accepting, lets
 * in-flight requests and running jobs finish (the worker stops in an onClose hook), then the
 * database closes cleanly. After 25 s the process exits anyway. Returns whether shutdown began.
 */
export function installGracefulShutdown(app: FastifyInstance, database: DatabaseHandle, what: string) {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, runningJobs: app.ctx.worker.activeCount }, `${what} shutting down`);
    const force = setTimeout(() => {
      app.log.error(`${what} shutdown took longer than 25 s; exiting`);
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, `error during ${what} shutdown`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return () => closing;
}
