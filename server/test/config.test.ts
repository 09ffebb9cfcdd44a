import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { maskPersonalData } from '../src/platform/logging/redact.js';

const PROD = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a'.repeat(40),
  SMS_GATEWAY_URL: 'https://sms.example.vn',
  DEV_LOGIN: 'false',
  DEMO_DATA: 'false',
};

function problem(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('configuration', () => {
  it('has development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 3000, databaseUrl: undefined, demoData: true });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('names the variable that is malformed', () => {
    expect(problem({ PORT: 'abc' }).variable).toBe('PORT');
    expect(problem({ PORT: '70000' }).message).toContain('PORT');
    expect(problem({ DATABASE_URL: 'mysql://x' }).variable).toBe('DATABASE_URL');
    expect(problem({ CORS_ORIGINS: 'https://ok.vn,not a url' }).variable).toBe('CORS_ORIGINS');
    expect(problem({ WORKER: 'maybe' }).variable).toBe('WORKER');
  });

  it('requires secrets in production and refuses development conveniences there', () => {
    expect(loadConfig(PROD).env).toBe('production');
    const { SESSION_SECRET: _omit, ...noSecret } = PROD;
    expect(problem(noSecret).variable).toBe('SESSION_SECRET');
    expect(problem({ ...PROD, DEV_LOGIN: 'true' }).variable).toBe('DEV_LOGIN');
    expect(problem({ ...PROD, DEMO_DATA: 'true' }).variable).toBe('DEMO_DATA');
    const { DEV_LOGIN: _d, DEMO_DATA: _m, ...defaults } = PROD;
    expect(loadConfig(defaults)).toMatchObject({
      devLogin: false,
      demoData: false,
      defaultTenant: undefined,
    });
  });
});

describe('log masking', () => {
  it('masks phone numbers and citizen ID numbers', () => {
    expect(maskPersonalData('/api/x?phone=0987654321')).toBe('/api/x?phone=098*****21');
    expect(maskPersonalData('gọi 84987654321 nhé')).toBe('gọi 098*****21 nhé');
    expect(maskPersonalData('cccd 079123456789')).toBe('cccd 079******789');
    expect(maskPersonalData('/api/dossiers/2025-000123')).toBe('/api/dossiers/2025-000123');
  });
});

describe('data directory setting', () => {
  it('keeps memory:// as it is and resolves folders to absolute paths', () => {
    expect(loadConfig({ DATA_DIR: 'memory://' }).dataDir).toBe('memory://');
    expect(loadConfig({ DATA_DIR: 'var/data' }).dataDir).toMatch(/^\/.*\/var\/data$/);
    // npm runs workspace scripts in server/; INIT_CWD is where the command was typed.
    expect(loadConfig({ INIT_CWD: '/srv/cong' }).dataDir).toBe('/srv/cong/data');
    expect(loadConfig({ INIT_CWD: '/srv/cong', DATA_DIR: '/var/lib/cong' }).dataDir).toBe('/var/lib/cong');
  });
});
