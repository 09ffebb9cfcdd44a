import path from 'node:path';

/**
 * Typed, fail-fast configuration read once from the environment.
 * Every variable is listed in README.md; a malformed value stops start-up with a message naming it.
 */
export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Reads as prepared statements; off behind poolers that do not keep them (PgBouncer < 1.21). */
  databasePreparedStatements: boolean;
  redisUrl: string | undefined;
  publicUrl: string;
  corsOrigins: string[];
  logLevel: string;
  bodyLimitBytes: number;
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Dossier lookups (code + phone digits or QR secret) a client may try per minute: guessing stays impractical. */
  lookupRateLimitMax: number;
  trustProxy: boolean;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  sessionSecret: string;
  sessionTtlHours: number;
  defaultTenant: string | undefined;
  /** Seed the demo province, agencies and officers on first start. */
  demoData: boolean;
  /** Accept a simulated Zalo identity (development only). */
  devLogin: boolean;
  /** Run the job worker inside the server process. */
  worker: boolean;
  zalo: {
    appId: string | undefined;
    appSecret: string | undefined;
    oaSecret: string | undefined;
    graphUrl: string;
    oauthUrl: string;
    openApiUrl: string;
    businessUrl: string;
  };
  sms: { gatewayUrl: string | undefined; apiKey: string | undefined; sender: string };
  uploads: { imageMaxBytes: number; documentMaxBytes: number };
  /** The map of field reports (Leaflet in the apps): a tile URL template ({z}/{x}/{y}) and its credit. */
  map: { tileUrl: string; attribution: string };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback?: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, fallback?: string): string | undefined {
  const raw = str(env, name, fallback);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (!['http:', 'https:', 'postgres:', 'postgresql:', 'redis:', 'rediss:'].includes(parsed.protocol)) {
      throw new Error('protocol');
    }
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * `memory://` (tests) keeps PGlite and uploads in memory or temp folders; anything else is a path,
 * relative to where the command was typed: npm runs workspace scripts inside server/, and records
 * the caller's folder in INIT_CWD, so `npm start` at the root uses ./data at the root.
 */
function resolveDataDir(value: string, env: Env): string {
  if (value.startsWith('memory://')) return value;
  return path.resolve(env.INIT_CWD ?? process.cwd(), value);
}

const DEV_SESSION_SECRET = 'development-only-session-secret-not-for-production';

export function loadConfig(env: Env = process.env): Config {
  const envName = str(env, 'NODE_ENV', 'development');
  if (envName !== 'development' && envName !== 'production' && envName !== 'test') {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${envName}"`);
  }
  const production = envName === 'production';
  const port = int(env, 'PORT', 3000, 0, 65535);

  const sessionSecret = str(env, 'SESSION_SECRET');
  if (production && sessionSecret === undefined) {
    throw new ConfigError('SESSION_SECRET', 'is required in production (at least 32 random characters)');
  }
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long');
  }

  const devLogin = bool(env, 'DEV_LOGIN', !production);
  if (production && devLogin) {
    throw new ConfigError(
      'DEV_LOGIN',
      'cannot be enabled in production: it accepts simulated Zalo identities',
    );
  }
  const demoData = bool(env, 'DEMO_DATA', !production);
  if (production && demoData) {
    throw new ConfigError(
      'DEMO_DATA',
      'cannot be enabled in production: demo officers have published passwords',
    );
  }

  const databaseUrl = url(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const redisUrl = url(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:/.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  }

  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`)!;
  const corsOrigins = (str(env, 'CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `must be a comma-separated list of origins, got "${origin}"`);
    }
  }

  const smsGatewayUrl = url(env, 'SMS_GATEWAY_URL');
  if (production && smsGatewayUrl === undefined) {
    throw new ConfigError('SMS_GATEWAY_URL', 'is required in production: one-time codes must reach phones');
  }

  return {
    env: envName,
    port,
    host: str(env, 'HOST', '0.0.0.0')!,
    dataDir: resolveDataDir(str(env, 'DATA_DIR', './data')!, env),
    databaseUrl,
    databasePoolMax: int(env, 'DATABASE_POOL_MAX', 10, 1, 200),
    databasePreparedStatements: bool(env, 'DATABASE_PREPARE', true),
    redisUrl,
    publicUrl,
    corsOrigins,
    logLevel: str(env, 'LOG_LEVEL', envName === 'test' ? 'silent' : 'info')!,
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    rateLimitMax: int(env, 'RATE_LIMIT_MAX', 300, 1, 1_000_000),
    rateLimitWindowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
    lookupRateLimitMax: int(env, 'LOOKUP_RATE_LIMIT_MAX', 10, 1, 1_000_000),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    metricsToken: str(env, 'METRICS_TOKEN'),
    sessionSecret: sessionSecret ?? DEV_SESSION_SECRET,
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    defaultTenant: str(env, 'DEFAULT_TENANT', production ? undefined : 'tay-ninh'),
    demoData,
    devLogin,
    worker: bool(env, 'WORKER', true),
    zalo: {
      appId: str(env, 'ZALO_APP_ID'),
      appSecret: str(env, 'ZALO_APP_SECRET'),
      oaSecret: str(env, 'ZALO_OA_SECRET'),
      graphUrl: url(env, 'ZALO_GRAPH_URL', 'https://graph.zalo.me')!,
      oauthUrl: url(env, 'ZALO_OAUTH_URL', 'https://oauth.zaloapp.com')!,
      openApiUrl: url(env, 'ZALO_OPENAPI_URL', 'https://openapi.zalo.me')!,
      businessUrl: url(env, 'ZALO_BUSINESS_URL', 'https://business.openapi.zalo.me')!,
    },
    sms: {
      gatewayUrl: smsGatewayUrl,
      apiKey: str(env, 'SMS_API_KEY'),
      sender: str(env, 'SMS_SENDER', 'CONGDVC')!,
    },
    uploads: {
      imageMaxBytes: int(env, 'UPLOAD_IMAGE_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      documentMaxBytes: int(env, 'UPLOAD_DOCUMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    },
    map: {
      tileUrl: str(env, 'MAP_TILE_URL', 'https://tile.openstreetmap.org/{z}/{x}/{y}.png')!,
      attribution: str(env, 'MAP_TILE_ATTRIBUTION', '© OpenStreetMap contributors')!,
    },
  };
}
