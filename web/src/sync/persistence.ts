/**
 * Offline edits survive a page reload: the board's Yjs state is kept in IndexedDB (one record
 * per server + board) and applied to the doc before the page connects. y-indexeddb is not a
 * dependency, so this is the small subset needed: the whole state, written on a debounce.
 * Only pages opened with an edit link persist; a view link keeps nothing on the machine.
 */
import * as Y from 'yjs';

const DB_NAME = 'binhan-board';
const STORE = 'docs';

let opening: Promise<IDBDatabase | null> | null = null;

/** Opens the database once; main.tsx starts it early, in parallel with reading the config. */
export function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export const CACHE_ORIGIN = Symbol('binhan:local-cache');

export interface DocCache {
  /** Applies the saved state (if any) to `doc`; true when something was loaded. */
  load(doc: Y.Doc): Promise<boolean>;
  /** Starts saving `doc` after each change (debounced); returns a stop function. */
  track(doc: Y.Doc, isLocal: (origin: unknown) => boolean): () => void;
  /** Writes now (e.g. when the page is hidden). */
  flush(): Promise<void>;
}

export function createDocCache(key: string, debounceMs = 300, remoteDebounceMs = 2000): DocCache {
  const dbp = openDb();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = 0;
  let pendingLocal = false;
  let current: Y.Doc | null = null;

  async function save(): Promise<void> {
    timer = undefined;
    pendingLocal = false;
    const db = await dbp;
    if (!db || !current) return;
    const state = Y.encodeStateAsUpdate(current);
    try {
      await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(state, key));
    } catch {
      /* quota or private mode: the server still has every sent edit */
    }
  }

  return {
    async load(doc) {
      const db = await dbp;
      if (!db) return false;
      try {
        const saved = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
        if (saved instanceof Uint8Array && saved.byteLength > 0) {
          Y.applyUpdate(doc, saved, CACHE_ORIGIN);
          return true;
        }
      } catch {
        /* a broken record is ignored: the server has the board */
      }
      return false;
    },
    track(doc, isLocal) {
      current = doc;
      // Local edits are saved soon (they exist nowhere else while offline); remote changes are
      // saved in a quiet moment, so a burst of them never competes with painting.
      const onUpdate = (_u: Uint8Array, origin: unknown) => {
        if (origin === CACHE_ORIGIN) return;
        const local = isLocal(origin);
        pendingLocal ||= local;
        const wait = local ? debounceMs : remoteDebounceMs;
        const due = performance.now() + wait;
        if (timer !== undefined && due >= dueAt) return;
        if (timer !== undefined) clearTimeout(timer);
        dueAt = due;
        timer = setTimeout(() => {
          if (!pendingLocal && typeof requestIdleCallback === 'function') requestIdleCallback(() => void save(), { timeout: 1000 });
          else void save();
        }, wait);
      };
      doc.on('update', onUpdate);
      return () => {
        doc.off('update', onUpdate);
        if (timer !== undefined) {
          clearTimeout(timer);
          void save();
        }
        current = null;
      };
    },
    async flush() {
      if (timer !== undefined) clearTimeout(timer);
      await save();
    },
  };
}
