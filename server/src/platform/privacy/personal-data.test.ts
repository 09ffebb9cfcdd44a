import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.js';
import { PersonalDataRegistry, type PersonalDataSource } from './personal-data.js';

const source = (name: string, calls: string[], retainedOnErase?: string): PersonalDataSource => ({
  name,
  exportFor: async (_db, tenantId, citizenId) => ({ tenantId, citizenId }),
  eraseFor: async (_tx, _tenantId, citizenId) => void calls.push(`${name}:${citizenId}`),
  ...(retainedOnErase ? { retainedOnErase } : {}),
});
const tx = { isTransaction: true } as unknown as Db;

describe('the personal-data registry', () => {
  it('exports by source name, erases in order, and lists what is kept', async () => {
    const calls: string[] = [];
    const registry = new PersonalDataRegistry();
    registry.register(source('dossiers', calls, 'Giữ theo Luật Lưu trữ'));
    registry.register(source('reports', calls));
    expect(await registry.exportFor(tx, 't1', 'c1')).toEqual({
      dossiers: { tenantId: 't1', citizenId: 'c1' },
      reports: { tenantId: 't1', citizenId: 'c1' },
    });
    await registry.eraseFor(tx, 't1', 'c1');
    expect(calls).toEqual(['dossiers:c1', 'reports:c1']);
    expect(registry.retained()).toEqual([{ source: 'dossiers', note: 'Giữ theo Luật Lưu trữ' }]);
  });

  it('keeps each app its own sources, refuses a name twice and an erase outside a transaction', async () => {
    const one = new PersonalDataRegistry();
    const two = new PersonalDataRegistry();
    one.register(source('dossiers', []));
    expect(await two.exportFor(tx, 't1', 'c1')).toEqual({});
    expect(() => one.register(source('dossiers', []))).toThrow(/twice/);
    await expect(one.eraseFor({ isTransaction: false } as unknown as Db, 't1', 'c1')).rejects.toThrow(
      /transaction/,
    );
  });
});
