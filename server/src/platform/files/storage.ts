import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded bytes live. The database row (table `files`) is the source of truth for who may
 * read a file and what it is; storage only maps an opaque key to bytes. Local disk is the default;
 * an S3-compatible store (MinIO, Viettel/FPT object storage) can implement this same interface later
 * (put = PutObject/multipart upload, get = GetObject body, delete = DeleteObject, exists = HeadObject)
 * without touching callers.
 */
export interface FileStorage {
  /** Stores the whole body under `key`, or nothing at all if the body fails part-way. */
  put(key: string, body: Buffer | Readable): Promise<void>;
  /** The stored bytes, or null when nothing is stored under `key`. */
  get(key: string): Promise<Readable | null>;
  /** Removes the bytes; removing a missing key is not an error (retries must be safe). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Releases resources (the temporary directory of an in-memory configuration). */
  close?(): Promise<void>;
}

/**
 * Keys are built by the server only, never from the uploader's file name, so a name like
 * `../../etc/passwd` or `a.html` can never choose where or as what bytes land. The month folders
 * keep directories small and make age-based housekeeping and backups simple.
 */
const KEY_PATTERN = /^[a-z0-9-]{2,40}\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.[a-z0-9]{2,5}$/;

export function storageKeyFor(tenantId: string, fileId: string, ext: string, at = new Date()): string {
  const yyyy = String(at.getUTCFullYear()).padStart(4, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  const key = `${tenantId}/${yyyy}/${mm}/${fileId}.${ext}`;
  if (!KEY_PATTERN.test(key)) throw new Error(`Refusing to build an unsafe storage key: ${key}`);
  return key;
}

/** Partial writes older than this are leftovers of a crash and are swept. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Files under `<root>/<tenant>/<yyyy>/<mm>/<uuid>.<ext>`. Each write goes to `<root>/.tmp` first,
 * is flushed to disk, then renamed into place: a rename within one file system is atomic, so a crash
 * or a failed upload never leaves half a file under a real key.
 */
export class LocalDiskStorage implements FileStorage {
  private readonly tempDir: string;
  private prepared: Promise<void> | undefined;

  constructor(
    readonly root: string,
    private readonly options: { removeOnClose?: boolean } = {},
  ) {
    this.root = path.resolve(root);
    this.tempDir = path.join(this.root, '.tmp');
  }

  private pathFor(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('Invalid storage key');
    const full = path.join(this.root, ...key.split('/'));
    // Belt and braces: the pattern already rules out "..", but the check costs nothing.
    if (!full.startsWith(this.root + path.sep)) throw new Error('Invalid storage key');
    return full;
  }

  /** Creates the folders once and sweeps partial writes left by a crash. */
  private prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await mkdir(this.tempDir, { recursive: true });
      const now = Date.now();
      for (const name of await readdir(this.tempDir)) {
        const file = path.join(this.tempDir, name);
        const info = await stat(file).catch(() => undefined);
        if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
      }
    })().catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    const target = this.pathFor(key);
    await this.prepare();
    const temp = path.join(this.tempDir, `${randomUUID()}.part`);
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      // `flush` syncs before closing, so a power cut after the rename cannot leave a complete name
      // over empty blocks.
      await pipeline(source, createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.pathFor(key);
    try {
      // Opening first turns "missing" into null instead of an error emitted mid-response.
      const handle = await open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathFor(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.options.removeOnClose) await rm(this.root, { recursive: true, force: true });
  }
}

/**
 * `DATA_DIR=memory://` (tests) keeps the database in memory; files then go to a private temporary
 * folder, removed when the app closes.
 */
export function isMemoryDataDir(dataDir: string): boolean {
  return dataDir.startsWith('memory://');
}

export function createFileStorage(config: { dataDir: string }): FileStorage {
  if (isMemoryDataDir(config.dataDir)) {
    // Created on first write only: most test apps never upload, and leave no folder behind.
    const root = path.join(tmpdir(), `ctic-files-${randomUUID()}`);
    return new LocalDiskStorage(root, { removeOnClose: true });
  }
  return new LocalDiskStorage(path.join(config.dataDir, 'files'));
}
