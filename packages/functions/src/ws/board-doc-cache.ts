/**
 * A per-process cache of board docs, to check client updates before they are stored. A Yjs
 * update cannot be read without the state it applies to (an item names its left neighbour, not
 * its map key), so the check applies the update to the board's doc and reads what it changed;
 * the write policy (@binhan/core BoardWriteGuard) then undoes, in a server-authored update,
 * whatever the role may not write or is not a valid board value.
 *
 * Correctness does not depend on the cache being fresh:
 *  - before applying, the update's dependencies are checked (every struct continues its
 *    client's clock, every origin and every deleted id exists in the doc or in the update).
 *    An update whose dependencies are missing is never applied to the cached doc; the check
 *    waits a moment for this process to apply them (messages of one connection run
 *    concurrently), then reloads from storage (another process stored them), and finally
 *    gives up: the update is "out of step", whatever the role, and is not stored (the client
 *    is asked to reconnect; its resync sends the missing part with it);
 *  - a guarded write (review status, card entry, kind, facts) by a role below leader is
 *    decided on state read from storage after the check began, so an update stored by another
 *    process meanwhile (a leader's approval) is taken into account;
 *  - the cached doc holds the client's update and its compensation, which the caller stores
 *    together; when storing fails the caller evicts the board (it is read again next time).
 * What remains is the race inherent to stateless handlers: two updates checked at the same
 * moment by two processes do not see each other (see ARCHITECTURE.md, "Refusals").
 *
 * Boards are kept LRU, at most `maxBoards`, dropped after `idleMs` without use. Checks of one
 * board are serialised within the process (a doc is mutated by each check).
 */
import * as Y from 'yjs';
import { BoardWriteGuard, mayApprove, REFUSALS, touchesGuardedState, type BoardChanges, type Refusal, type Role } from '@binhan/core';

export interface BoardDocCacheOptions {
  /** Boards kept at most (default 20). */
  maxBoards?: number;
  /** Drop a board not used for this long (default 5 minutes). */
  idleMs?: number;
  /** How long a check waits in all for missing dependencies before calling the update out of step (default 1500 ms). */
  dependencyWaitMs?: number;
  clock?: () => number;
}

/** Where the cache reads boards from (BoardUpdates in production). */
export interface BoardSource {
  /** The board as one update, and the version of the compacted snapshot it includes. */
  load(boardId: string): Promise<{ state: Uint8Array; snapshotVersion: number }>;
  /**
   * The updates appended since snapshot `version` (they may include some the doc already has),
   * or null when the board was compacted since (read it whole again).
   */
  updatesSince?(boardId: string, version: number): Promise<Uint8Array[] | null>;
}

/** Reads boards through BoardUpdates: a refresh applies only the updates stored since the snapshot. */
export function boardSource(updates: {
  load(boardId: string): Promise<{ snapshot: Uint8Array | null; snapshotVersion: number; updates: { bytes: Uint8Array }[] }>;
}): BoardSource {
  return {
    async load(boardId) {
      const stored = await updates.load(boardId);
      const all = stored.snapshot ? [stored.snapshot, ...stored.updates.map((u) => u.bytes)] : stored.updates.map((u) => u.bytes);
      const state = all.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : all.length === 1 ? all[0]! : Y.mergeUpdates(all);
      return { state, snapshotVersion: stored.snapshotVersion };
    },
    async updatesSince(boardId, version) {
      const stored = await updates.load(boardId);
      return stored.snapshotVersion === version ? stored.updates.map((u) => u.bytes) : null;
    },
  };
}

export type WriteCheck =
  /**
   * The update is kept. `refusals` lists what of it was undone (empty: all of it stands) and
   * `compensation` is the server's update that undoes it: store and fan out both together.
   */
  | { ok: true; changes: BoardChanges; refusals: Refusal[]; compensation: Uint8Array | null }
  /** Out of step: the update builds on state the server does not have; nothing was applied. */
  | { ok: false; refusal: Refusal };

export interface BoardDocCacheStats {
  hits: number;
  /** Boards read whole. */
  loads: number;
  /** Docs brought up to date with the updates stored since their snapshot. */
  refreshes: number;
  /** Loads forced by a missing dependency or by a guarded write on an older doc. */
  reloads: number;
  waits: number;
  refusals: number;
  outOfStep: number;
}

interface Entry {
  guard: BoardWriteGuard;
  /** The compacted snapshot version the doc includes. */
  snapshotVersion: number;
  /** The check sequence number when its load began: state it holds is at least that fresh. */
  loadSeq: number;
  lastUsed: number;
}

type Attempt = WriteCheck | { missing: true } | { stale: true };

export class BoardDocCache {
  private readonly entries = new Map<string, Entry>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private seq = 0;
  private readonly source: BoardSource;
  private readonly maxBoards: number;
  private readonly idleMs: number;
  private readonly dependencyWaitMs: number;
  private readonly clock: () => number;
  readonly stats: BoardDocCacheStats = { hits: 0, loads: 0, refreshes: 0, reloads: 0, waits: 0, refusals: 0, outOfStep: 0 };

  constructor(
    /** Where boards are read: a BoardSource, or a function giving the board's state as one update. */
    source: BoardSource | ((boardId: string) => Promise<Uint8Array>),
    options: BoardDocCacheOptions = {},
  ) {
    this.source = typeof source === 'function' ? { load: async (b) => ({ state: await source(b), snapshotVersion: -1 }) } : source;
    this.maxBoards = options.maxBoards ?? 20;
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.dependencyWaitMs = options.dependencyWaitMs ?? 1500;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Checks `update` for a connection of `role` and, when it may be stored, applies it to the
   * cached doc and returns what it changes. Refused updates never stay in the cache.
   */
  async checkWrite(boardId: string, update: Uint8Array, role: Role): Promise<WriteCheck> {
    const startSeq = ++this.seq;
    const needs = dependenciesOf(update);
    const guarded = !mayApprove(role);
    let refreshSeq = 0; // the cached doc must hold storage as of this check number
    let refreshes = 0;
    let waited = 0; // time spent waiting for dependencies (not in the lock queue)
    for (;;) {
      const result = await this.withLock(boardId, () => this.attempt(boardId, update, needs, role, guarded, startSeq, refreshSeq));
      if ('ok' in result) {
        if (result.ok && result.refusals.length > 0) this.stats.refusals++;
        return result;
      }
      if ('stale' in result) {
        this.stats.reloads++;
        continue; // the entry was dropped: the next attempt loads the board afresh
      }
      // Missing dependencies: wait for this process to apply them (messages of one connection
      // run concurrently), else merge what storage holds now (another process stored them).
      if (refreshes >= 4 || waited >= this.dependencyWaitMs) break;
      this.stats.waits++;
      const began = this.clock();
      const progressed = await this.progress(boardId, Math.min(this.dependencyWaitMs - waited, 25 * 2 ** refreshes));
      waited += this.clock() - began;
      if (!progressed) {
        refreshSeq = ++this.seq;
        refreshes++;
        this.stats.reloads++;
      }
    }
    // Checked like any other, whatever the role: an update that cannot be read is not stored.
    this.stats.outOfStep++;
    return { ok: false, refusal: REFUSALS.outOfStep() };
  }

  /** Forgets a board (its doc may hold something storage does not). */
  evict(boardId: string): void {
    const entry = this.entries.get(boardId);
    if (!entry) return;
    this.entries.delete(boardId);
    entry.guard.doc.destroy();
  }

  has(boardId: string): boolean {
    return this.entries.has(boardId);
  }

  get size(): number {
    return this.entries.size;
  }

  private async attempt(
    boardId: string,
    update: Uint8Array,
    needs: Dependencies,
    role: Role,
    guarded: boolean,
    startSeq: number,
    refreshSeq: number,
  ): Promise<Attempt> {
    let entry = this.entries.get(boardId);
    if (entry && entry.loadSeq < refreshSeq) {
      // Merge what storage holds now into the doc: keeps what this process has checked and
      // not stored yet (Yjs skips what the doc already has).
      if (await this.refresh(boardId, entry)) this.notify(boardId);
      else entry = undefined; // compacted meanwhile: read it whole
    }
    if (entry) this.stats.hits++;
    else entry = await this.load(boardId);
    entry.lastUsed = this.clock();
    const doc = entry.guard.doc;
    if (!satisfied(doc, needs)) return { missing: true };
    const cleanBefore = doc.store.pendingStructs === null && doc.store.pendingDs === null;
    const applied = entry.guard.applyClient(update, 'check');
    this.notify(boardId);
    if (cleanBefore && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)) {
      // Defensive: the dependency check let through something Yjs could not integrate.
      this.evict(boardId);
      return { missing: true };
    }
    if (guarded && entry.loadSeq < startSeq && touchesGuardedState(applied.changes)) {
      // Decide guarded writes on state read after the check began. Cheap when nothing stored
      // since the doc was read touches the same cards or facts: then the decision stands.
      const touched = new Set(applied.changes.cards.map((c) => c.cardId));
      const facts = new Set(applied.changes.facts.map((f) => f.key));
      const since = await this.refresh(boardId, entry);
      if (!since || since.cards.some((c) => touched.has(c.cardId)) || since.facts.some((f) => facts.has(f.key))) {
        this.evict(boardId);
        return { stale: true };
      }
    }
    const outcome = entry.guard.judge(applied, role);
    return { ok: true, changes: outcome.changes, refusals: outcome.refusals, compensation: outcome.compensation };
  }

  /**
   * Merges into the doc what storage holds now (Yjs skips what the doc has): keeps what this
   * process checked and has not stored yet. Returns what that changed, or null when the board
   * was compacted since the doc was read (the caller reads it whole).
   */
  private async refresh(boardId: string, entry: Entry): Promise<BoardChanges | null> {
    const seq = ++this.seq;
    this.stats.refreshes++;
    if (!this.source.updatesSince || entry.snapshotVersion < 0) {
      const { state, snapshotVersion } = await this.source.load(boardId);
      entry.snapshotVersion = snapshotVersion;
      entry.loadSeq = seq;
      return entry.guard.applyTrusted(state, 'refresh');
    }
    const since = await this.source.updatesSince(boardId, entry.snapshotVersion);
    if (since === null) {
      this.evict(boardId);
      return null;
    }
    entry.loadSeq = seq;
    if (since.length === 0) return { cards: [], facts: [], other: [] };
    return entry.guard.applyTrusted(since.length === 1 ? since[0]! : Y.mergeUpdates(since), 'refresh');
  }

  private async load(boardId: string): Promise<Entry> {
    const loadSeq = ++this.seq;
    this.stats.loads++;
    const { state, snapshotVersion } = await this.source.load(boardId);
    const guard = new BoardWriteGuard(new Y.Doc());
    guard.applyTrusted(state, 'load'); // copies every entry as it goes
    const entry: Entry = { guard, snapshotVersion, loadSeq, lastUsed: this.clock() };
    this.evict(boardId);
    this.entries.set(boardId, entry);
    this.trim(boardId);
    return entry;
  }

  /** LRU order: most recently used last. Drops idle boards and the least recently used. */
  private trim(keep: string): void {
    const now = this.clock();
    for (const [id, e] of this.entries) if (id !== keep && now - e.lastUsed > this.idleMs) this.evict(id);
    while (this.entries.size > this.maxBoards) {
      const oldest = [...this.entries.keys()].find((id) => id !== keep);
      if (oldest === undefined) break;
      this.evict(oldest);
    }
  }

  private async withLock<T>(boardId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(boardId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => {});
    this.locks.set(boardId, tail);
    try {
      const out = await run;
      // LRU order: the board just used goes last.
      const current = this.entries.get(boardId);
      if (current) {
        this.entries.delete(boardId);
        this.entries.set(boardId, current);
      }
      return out;
    } finally {
      if (this.locks.get(boardId) === tail) this.locks.delete(boardId);
    }
  }

  private notify(boardId: string): void {
    const set = this.waiters.get(boardId);
    if (!set) return;
    this.waiters.delete(boardId);
    for (const wake of set) wake();
  }

  /** Resolves true when an update is applied to the board's doc in this process, false after `ms`. */
  private progress(boardId: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let set = this.waiters.get(boardId);
      if (!set) this.waiters.set(boardId, (set = new Set()));
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.get(boardId)?.delete(wake);
        resolve(false);
      }, ms);
      set.add(wake);
    });
  }
}

// ---------- dependencies of an update ----------

interface Dependencies {
  /** Per client: the clock its first struct in the update starts at, and where it ends. */
  runs: Map<number, { from: number; to: number; gap: boolean }>;
  /** Ids the update refers to (origins, parents) and deleted ranges: client → highest clock needed + 1. */
  refs: Map<number, number>;
}

function need(map: Map<number, number>, client: number, end: number): void {
  if ((map.get(client) ?? 0) < end) map.set(client, end);
}

/** What `update` needs from the doc it is applied to. */
export function dependenciesOf(update: Uint8Array): Dependencies {
  const { structs, ds } = Y.decodeUpdate(update);
  const runs: Dependencies['runs'] = new Map();
  const refs = new Map<number, number>();
  for (const s of structs) {
    const client = s.id.client;
    const run = runs.get(client);
    if (s instanceof Y.Skip) {
      if (run) run.gap = true;
      continue;
    }
    if (!run) runs.set(client, { from: s.id.clock, to: s.id.clock + s.length, gap: false });
    else {
      if (s.id.clock > run.to) run.gap = true;
      run.to = Math.max(run.to, s.id.clock + s.length);
    }
    if (s instanceof Y.Item) {
      if (s.origin) need(refs, s.origin.client, s.origin.clock + 1);
      if (s.rightOrigin) need(refs, s.rightOrigin.client, s.rightOrigin.clock + 1);
      if (s.parent instanceof Y.ID) need(refs, s.parent.client, s.parent.clock + 1);
    }
  }
  ds.clients.forEach((deletes, client) => {
    for (const d of deletes) need(refs, client, d.clock + d.len);
  });
  return { runs, refs };
}

/** True when every dependency is in `doc` or in the update itself. */
function satisfied(doc: Y.Doc, needs: Dependencies): boolean {
  const available = (client: number): number => {
    const state = Y.getState(doc.store, client);
    const run = needs.runs.get(client);
    return run && !run.gap && run.from <= state ? Math.max(state, run.to) : state;
  };
  for (const [client, run] of needs.runs) {
    if (run.gap || run.from > Y.getState(doc.store, client)) return false;
  }
  for (const [client, end] of needs.refs) if (available(client) < end) return false;
  return true;
}
