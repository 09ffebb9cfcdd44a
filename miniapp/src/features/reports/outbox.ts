import { asApiError } from '../../api/client';
import { createStore } from '../../lib/store';
import { sessionStore } from '../../state/session';
import { showToast } from '../../state/toast';
import { submitReport, uploadImage, type NewReport, type Submitted } from './api';
import { r } from './strings';

/*
 * Reports made without a connection wait here, in IndexedDB (photo blobs do not fit localStorage),
 * and are sent when the connection returns. Each keeps the Idempotency-Key of its draft and the ids
 * of the photos already uploaded, so a send cut off half way resumes and never files twice.
 * `OUTBOX_FLAG` in localStorage tells the shell, without loading this chunk, that something waits.
 */
export const OUTBOX_FLAG = 'ctic.reports.outbox';
const DB_NAME = 'ctic-reports';
const STORE = 'outbox';

export interface OutboxPhoto {
  blob: Blob;
  name: string;
  fileId?: string;
}

export interface OutboxEntry {
  key: string;
  /** Who made it: sent only under their own session. */
  citizenId: string;
  savedAt: string;
  categoryName: string;
  input: Omit<NewReport, 'photoFileIds'>;
  photos: OutboxPhoto[];
  /** The server refused it (not a network failure): shown so the citizen can decide. */
  error?: string;
}

export const outboxStore = createStore<OutboxEntry[]>([]);

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB open failed'));
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

function setFlag(count: number): void {
  try {
    if (count > 0) localStorage.setItem(OUTBOX_FLAG, String(count));
    else localStorage.removeItem(OUTBOX_FLAG);
  } catch {
    // private mode: the screens still list and send what waits
  }
}

export async function listOutbox(): Promise<OutboxEntry[]> {
  const entries = await run<OutboxEntry[]>(
    'readonly',
    (store) => store.getAll() as IDBRequest<OutboxEntry[]>,
  );
  entries.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  setFlag(entries.length);
  // A shared phone: each citizen sees, and sends, only the reports they made themselves.
  const citizenId = sessionStore.get()?.citizen.id;
  const mine = entries.filter((entry) => entry.citizenId === citizenId);
  outboxStore.set(mine);
  return mine;
}

export async function saveToOutbox(entry: OutboxEntry): Promise<void> {
  await run('readwrite', (store) => store.put(entry));
  await listOutbox();
}

export async function removeFromOutbox(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
  await listOutbox();
}

/** Uploads what is not uploaded yet, then files the report with the draft's key. */
export async function sendEntry(entry: OutboxEntry, onProgress?: (done: number) => void): Promise<Submitted> {
  for (const [i, photo] of entry.photos.entries()) {
    if (!photo.fileId) {
      photo.fileId = (await uploadImage(photo.blob, photo.name)).id;
      // Remember the upload at once: if the connection drops again it is not uploaded twice.
      await run('readwrite', (store) => store.put(entry)).catch(() => undefined);
    }
    onProgress?.(i + 1);
  }
  return submitReport({ ...entry.input, photoFileIds: entry.photos.map((p) => p.fileId!) }, entry.key);
}

let flushing: Promise<void> | null = null;

async function sendAll(): Promise<void> {
  if (!sessionStore.get() || !navigator.onLine) return;
  const sent: string[] = [];
  for (const entry of await listOutbox()) {
    try {
      const done = await sendEntry(entry);
      await run('readwrite', (store) => store.delete(entry.key));
      sent.push(done.code);
    } catch (error) {
      const failure = asApiError(error);
      if (failure.retryable || failure.status === 401) break;
      await run('readwrite', (store) => store.put({ ...entry, error: failure.message }));
    }
  }
  await listOutbox();
  if (sent.length) showToast(r('offline.sent', { codes: sent.join(', ') }));
}

/** Sends every waiting report, one run at a time; stops at the first network failure (still offline). */
export function flushOutbox(): Promise<void> {
  // `finally` is attached after the assignment, so an early return cannot leave a stale run behind.
  flushing ??= sendAll()
    .catch(() => undefined) // IndexedDB unavailable: nothing could have been saved either
    .finally(() => {
      flushing = null;
    });
  return flushing;
}
