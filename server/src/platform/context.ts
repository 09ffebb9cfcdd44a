import type { Config } from '../config.js';
import type { DatabaseHandle, Db } from '../db/connection.js';
import type { SmsSender } from '../integrations/sms/client.js';
import type { ZaloClient } from '../integrations/zalo/client.js';
import type { CalendarService } from './calendar/calendar-service.js';
import type { FileStorage } from './files/storage.js';
import type { Jobs } from './jobs/queue.js';
import type { JobWorker } from './jobs/worker.js';
import type { PersonalDataRegistry } from './privacy/personal-data.js';
import type { TenantResolver } from './tenancy/tenant-resolver.js';

/**
 * The services a request handler or a job can reach, built once at start-up (see app.ts).
 * Modules receive this object instead of importing singletons, so tests build it with fakes.
 */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Db;
  tenants: TenantResolver;
  /** Working-day calendars per tenant (weekends + holidays as data), for every deadline. */
  calendar: CalendarService;
  /** Where uploaded bytes live (local disk under DATA_DIR/files; S3-compatible later). */
  fileStorage: FileStorage;
  /** The job queue: enqueue with the caller's transaction handle so jobs commit with their change. */
  jobs: Jobs;
  /** Job handlers are registered here; it runs only when started (main.ts with WORKER, or worker.ts). */
  worker: JobWorker;
  /** Zalo server APIs (profile, phone exchange, OA messages, ZNS); a fake server in tests. */
  zalo: ZaloClient;
  /** Personal data other modules hold about citizens, for the export and the deletion (Decree 13/2023). */
  privacy: PersonalDataRegistry;
  /** Text messages: the SMS gateway, or the log when none is configured (development, test). */
  sms: SmsSender;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
