import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStorage, isMemoryDataDir, LocalDiskStorage, storageKeyFor } from './storage.js';

describe('LocalDiskStorage', () => {
  const root = path.join(tmpdir(), `ctic-storage-test-${randomUUID()}`);
  const storage = new LocalDiskStorage(root);
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function read(stream: Readable | null): Promise<string | null> {
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  }

  it('stores, reads and deletes under a server-built key', async () => {
    const key = storageKeyFor('tinh-a', randomUUID(), 'pdf', new Date('2025-03-09T00:00:00Z'));
    expect(key).toMatch(/^tinh-a\/2025\/03\/[0-9a-f-]{36}\.pdf$/);
    await storage.put(key, Buffer.from('một'));
    await storage.put(storageKeyFor('tinh-a', randomUUID(), 'jpg'), Readable.from([Buffer.from('x')]));
    expect(await storage.exists(key)).toBe(true);
    expect(await read(await storage.get(key))).toBe('một');
    await storage.delete(key);
    await storage.delete(key); // twice is fine
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
  });

  it('refuses keys that could leave its folder', async () => {
    expect(() => storageKeyFor('../etc', randomUUID(), 'pdf')).toThrow();
    expect(() => storageKeyFor('tinh-a', '../../x', 'pdf')).toThrow();
    await expect(storage.put('../../escape.pdf', Buffer.from('x'))).rejects.toThrow('Invalid storage key');
    await expect(storage.get('tinh-a/2025/01/../../../x.pdf')).rejects.toThrow('Invalid storage key');
  });

  it('leaves nothing behind when the body fails part-way', async () => {
    const key = storageKeyFor('tinh-a', randomUUID(), 'pdf');
    async function* failing() {
      yield Buffer.from('half');
      throw new Error('connection reset');
    }
    await expect(storage.put(key, Readable.from(failing()))).rejects.toThrow('connection reset');
    expect(await storage.exists(key)).toBe(false);
    expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
  });

  it('uses a temporary folder for in-memory configurations and removes it on close', async () => {
    expect(isMemoryDataDir('memory://')).toBe(true);
    expect(isMemoryDataDir('/var/lib/ctic')).toBe(false);
    const memory = createFileStorage({ dataDir: 'memory://' }) as LocalDiskStorage;
    expect(memory.root.startsWith(tmpdir())).toBe(true);
    await memory.put(storageKeyFor('tinh-a', randomUUID(), 'jpg'), Buffer.from('x'));
    await memory.close();
    await expect(readdir(memory.root)).rejects.toThrow();
    expect((createFileStorage({ dataDir: '/srv/data' }) as LocalDiskStorage).root).toBe('/srv/data/files');
  });
});
