/**
 * Reports written without a connection wait in IndexedDB and are sent when the phone is back online.
 * Each keeps the Idempotency-Key it was given when written, so a report sent twice (a retry after a
 * dropped answer, two tabs flushing together) is still one case: the API answers both with one reference.
 */
import { ApiError, api, type NewRequest, OfflineError, uploadFile } from './api.ts';
import type { Lang } from './i18n.tsx';

export type QueuedReport = {
  key: string;
  request: NewRequest;
  /** Photos not yet uploaded (already downscaled). */
  photos: Blob[];
  /** Upload ids of photos already uploaded, so a retry does not upload them again. */
  uploaded: string[];
  queuedAt: string;
};

const DB = 'nidaa-portal';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const enqueue = (report: QueuedReport) => run('readwrite', (s) => s.put(report));
export const queued = () => run<QueuedReport[]>('readonly', (s) => s.getAll() as IDBRequest<QueuedReport[]>);
const remove = (key: string) => run('readwrite', (s) => s.delete(key));

export type FlushResult = { key: string; reference?: string; error?: ApiError };

let flushing: Promise<FlushResult[]> | undefined;

/**
 * Sends every queued report, oldest first; stops at the first network failure (still offline). One
 * flush at a time in this page, and one across tabs where the browser has Web Locks.
 */
export function flushQueue(lang: Lang): Promise<FlushResult[]> {
  flushing ??= (async () => {
    try {
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      return locks ? await locks.request('nidaa-portal-outbox', () => sendAll(lang)) : await sendAll(lang);
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

async function sendAll(lang: Lang): Promise<FlushResult[]> {
  const results: FlushResult[] = [];
  const reports = (await queued()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  for (const report of reports) {
    try {
      while (report.photos.length > 0) {
        report.uploaded.push(await uploadFile(lang, report.photos[0] as Blob));
        report.photos.shift();
        await enqueue(report);
      }
      const request = report.uploaded.length
        ? { ...report.request, attachments: report.uploaded }
        : report.request;
      const answer = await api.submit(lang, request, report.key);
      // 202: the first attempt is still being processed; keep it and ask again on the next flush.
      if (!answer.reference) continue;
      await remove(report.key);
      results.push({ key: report.key, reference: answer.reference });
    } catch (error) {
      if (error instanceof OfflineError) break;
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
        // Refused for good (e.g. an expired upload): keeping it would retry forever.
        await remove(report.key);
        results.push({ key: report.key, error });
        continue;
      }
      break;
    }
  }
  return results;
}
