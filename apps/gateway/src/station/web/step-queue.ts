import type { QueuedStep } from '../station-step';

/**
 * Steps waiting to be sent, in IndexedDB: they survive a reload, a closed tab and an expired session.
 * Keyed by event id, so storing a step twice keeps one, and a step is removed only once the gateway
 * answered it (accepted or refused).
 */
const DATABASE = 'refurb-station';
const STORE = 'queued-steps';
const DRAFTS = 'drafts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'eventId' });
      request.result.createObjectStore(DRAFTS);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function run<T>(
  store: string,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(store, mode);
      const request = work(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    database.close();
  }
}

export const stepQueue = {
  put: (step: QueuedStep) => run(STORE, 'readwrite', (store) => store.put(step)).then(() => undefined),
  remove: (eventId: string) =>
    run(STORE, 'readwrite', (store) => store.delete(eventId)).then(() => undefined),
  async all(): Promise<QueuedStep[]> {
    const steps = await run<QueuedStep[]>(
      STORE,
      'readonly',
      (store) => store.getAll() as IDBRequest<QueuedStep[]>,
    );
    return steps.sort(
      (a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.eventId.localeCompare(b.eventId),
    );
  },
};

/** What is being typed (the scan field), so a reload loses nothing. */
export const drafts = {
  save: (name: string, value: string) =>
    run(DRAFTS, 'readwrite', (store) => store.put(value, name)).then(() => undefined),
  load: (name: string) =>
    run<unknown>(DRAFTS, 'readonly', (store) => store.get(name)).then((value) =>
      typeof value === 'string' ? value : '',
    ),
};
