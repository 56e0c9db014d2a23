/**
 * dynalite, started with a hold on the store under it (issue 12: the durable write of an edit is
 * on the path to every peer).
 *
 * `startDynalite` returns the HTTP server dynalite makes and the LevelDB store it made for it
 * (dynalite's `db.create`, which it calls while it is constructed). The store is what
 * engine-batch-put.ts writes update items into; its calls are made shorter here:
 *
 * dynalite wraps the store's promise API in callbacks, and answers every call a turn of the
 * event loop later (`setImmediate` after the promise). A PutItem reads the table description,
 * reads the item it replaces, then writes: with the engine on disk each of those was a hop
 * through libuv's thread pool, then a wait for the event loop's check phase. Measured alone, a
 * one-item BatchWriteItem took 0.57–0.72 ms on disk (p50), 0.27–0.29 ms with these changes:
 * - a read (`get`) is answered with the store's synchronous read (`getSync`: classic-level on
 *   disk and memory-level both have it), its callback on the next microtask — still
 *   asynchronous, as dynalite's callback code expects. A LevelDB read is served from the
 *   memtable, the block cache or the page cache. A store that is still opening keeps dynalite's
 *   own read;
 * - a write (`put`, `batch`) calls back as soon as the store has written it, not one turn later;
 *   it is tracked as dynalite tracks it, so closing the engine still waits for it.
 * Nothing else changes: the same store, locks, data and errors.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import dynalite from 'dynalite';

export type StoreCallback = (error: unknown, value?: unknown) => void;

/** The part of an abstract-level database (classic-level, memory-level) these calls use. */
interface LevelStore {
  status: string;
  supports?: { getSync?: boolean };
  getSync?(key: string): unknown;
  get(key: string, callback?: StoreCallback): unknown;
  put(key: string, value: unknown, callback?: StoreCallback): unknown;
  batch(operations: unknown[], callback?: StoreCallback): unknown;
  del(key: string, callback?: StoreCallback): unknown;
}

/** One of dynalite's key-prefixed views of the store (an item db), with its per-key lock. */
export interface DynaliteItemDb {
  put(key: string, value: unknown, callback: StoreCallback): void;
  batch(operations: { type: 'put'; key: string; value: unknown }[], callback: StoreCallback): void;
  /** One key, or several taken together (the `lock` package: queued in call order on every key). */
  lock(key: string | string[], locked: (release: (callback: StoreCallback) => StoreCallback) => void): void;
}

/** What dynalite's `db.create` returns (db/index.js), as far as this package reads it. */
export interface DynaliteStore {
  db: LevelStore;
  options: { maxItemSize: number };
  lifecycleManager?: { trackOperation(operation: Promise<unknown>): Promise<unknown>; getState(): string };
  getTable(name: string, checkStatus: boolean, callback: StoreCallback): void;
  getItemDb(name: string): DynaliteItemDb;
}

const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));

/** dynalite's own modules (this package pins dynalite 4.0.0: package-lock.json). */
export function dynaliteModule<T>(path: string): T {
  return fromDynalite(path) as T;
}

/** A callback-style store call as a promise (its error as an Error). */
export const storeCall = <T>(run: (callback: StoreCallback) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(value as T))));

/** A store error as dynalite reports it: a closed store is "Database is closed". */
const storeError = (error: unknown): unknown =>
  (error as { code?: string } | null)?.code === 'LEVEL_DATABASE_NOT_OPEN' ? new Error('Database is closed') : error;

function shortenStoreCalls(store: DynaliteStore): void {
  const db = store.db;
  const lifecycle = store.lifecycleManager;
  // The promise API underneath dynalite's callback wrappers (which are own properties).
  const level = Object.getPrototypeOf(db) as LevelStore;
  const dynaliteGet = db.get;
  const dynalitePut = db.put;
  const dynaliteBatch = db.batch;
  const dynaliteDel = db.del;
  /** Runs a write of the promise API and calls back when written; false when dynalite's own call must answer. */
  const written = (write: () => Promise<unknown>, callback: StoreCallback | undefined): boolean => {
    if (typeof callback !== 'function' || db.status !== 'open' || lifecycle?.getState() === 'closed') return false;
    const done = write();
    const tracked = lifecycle ? lifecycle.trackOperation(done) : done;
    tracked.then(
      () => callback(null),
      (error: unknown) => callback(storeError(error)),
    );
    return true;
  };

  if (db.supports?.getSync === true && typeof db.getSync === 'function') {
    const getSync = db.getSync.bind(db);
    db.get = function (key: string, callback?: StoreCallback) {
      if (typeof callback !== 'function' || db.status !== 'open') return dynaliteGet.call(db, key, callback);
      let value: unknown;
      try {
        value = getSync(key);
      } catch (error) {
        queueMicrotask(() => callback(storeError(error)));
        return undefined;
      }
      queueMicrotask(() => callback(null, value));
      return undefined;
    };
  }

  // A write of a table description forgets its cached copy, when it starts and when it is done
  // (a read in between may have cached the old one).
  const tables = tableCache(store);
  const forgetting = (key: string, callback: StoreCallback | undefined): StoreCallback | undefined => {
    if (!key.startsWith(TABLE_PREFIX)) return callback;
    tables.delete(key);
    return (error, value) => {
      tables.delete(key);
      callback?.(error, value);
    };
  };
  const forgettingAll = (operations: unknown[], callback: StoreCallback | undefined): StoreCallback | undefined => {
    let result = callback;
    for (const op of operations) {
      const key = (op as { key?: unknown } | null)?.key;
      if (typeof key === 'string') result = forgetting(key, result);
    }
    return result;
  };
  db.put = function (key: string, value: unknown, givenCallback?: StoreCallback) {
    const callback = forgetting(key, givenCallback);
    if (written(() => level.put.call(db, key, value) as Promise<unknown>, callback)) return undefined;
    return dynalitePut.call(db, key, value, callback);
  };
  db.batch = function (operations: unknown[], givenCallback?: StoreCallback) {
    const callback = forgettingAll(operations, givenCallback);
    if (written(() => level.batch.call(db, operations) as Promise<unknown>, callback)) return undefined;
    return dynaliteBatch.call(db, operations, callback);
  };
  db.del = function (key: string, callback?: StoreCallback) {
    return dynaliteDel.call(db, key, forgetting(key, callback));
  };
}

/** Where dynalite keeps a table's description in its store (db/index.js: the "table" sub-db). */
const TABLE_PREFIX = 'table~';
const tableCaches = new WeakMap<DynaliteStore, Map<string, Readonly<Record<string, unknown>>>>();
function tableCache(store: DynaliteStore): Map<string, Readonly<Record<string, unknown>>> {
  let cache = tableCaches.get(store);
  if (!cache) tableCaches.set(store, (cache = new Map()));
  return cache;
}

/**
 * A table's description as dynalite's `getTable(name, false)` reads it, kept between calls (the
 * put of every edit reads it: issue 12). Every write of the description through the store
 * forgets it (see above), so it is never older than what the store holds. Frozen: the copy is
 * shared, its readers only read. Calls back as getTable does (dynalite's NotFoundError when there
 * is no such table); a store that is not open is left to getTable.
 */
export function describeTable(store: DynaliteStore, name: string, callback: StoreCallback): void {
  const cache = tableCache(store);
  const cached = store.db.status === 'open' ? cache.get(TABLE_PREFIX + name) : undefined;
  if (cached) {
    queueMicrotask(() => callback(null, cached));
    return;
  }
  store.getTable(name, false, (error, table) => {
    if (!error && table && typeof table === 'object' && store.db.status === 'open') cache.set(TABLE_PREFIX + name, Object.freeze(table as Record<string, unknown>));
    callback(error, table);
  });
}

export interface StartedDynalite {
  server: Server;
  store: DynaliteStore;
}

/** Starts dynalite (not yet listening) and returns its server and its store, calls shortened. */
export function startDynalite(options: Parameters<typeof dynalite>[0]): StartedDynalite {
  const dbModule = dynaliteModule<{ create: (options: unknown) => DynaliteStore }>('./db');
  const create = dbModule.create;
  const made: { store?: DynaliteStore } = {};
  dbModule.create = (storeOptions: unknown) => (made.store = create(storeOptions));
  let server: Server;
  try {
    server = dynalite(options);
  } finally {
    dbModule.create = create;
  }
  const store = made.store;
  if (!store) throw new Error('dynalite made no store: its version no longer matches packages/local (see package-lock.json).');
  shortenStoreCalls(store);
  return { server, store };
}
