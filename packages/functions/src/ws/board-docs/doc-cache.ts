/**
 * The board docs this process keeps, least recently used out first: at most `maxBoards`, each
 * dropped after `idleMs` without use. A doc is read from a BoardSource (BoardUpdates in
 * production) and brought up to date with what was stored since (`refresh`). Each entry holds
 * the board's BoardWriteGuard (@binhan/core), which owns the doc.
 *
 * Freshness is tracked with one sequence number per cache: `nextSeq()` is taken when a check
 * begins and when a read of storage begins, so a check can tell whether the doc holds storage as
 * of its own start (`loadSeq >= startSeq`).
 */
import * as Y from 'yjs';
import { BoardWriteGuard, type BoardChanges } from '@binhan/core';

export interface BoardDocCacheOptions {
  /** Boards kept at most (default 20). */
  maxBoards?: number;
  /** Drop a board not used for this long (default 5 minutes). */
  idleMs?: number;
  /** How long a check waits in all for missing dependencies before calling the update out of step (default 1500 ms). */
  dependencyWaitMs?: number;
  clock?: () => number;
}

/** Where the cache reads boards from (BoardUpdates in production, through `boardSource`). */
export interface BoardSource {
  /** The board as one update, and the version of the compacted snapshot it includes. */
  load(boardId: string): Promise<{ state: Uint8Array; snapshotVersion: number }>;
  /**
   * The updates appended since snapshot `version` (they may include some the doc already has),
   * or null when the board was compacted since (read it whole again). Absent: every refresh
   * reads the board whole.
   */
  updatesSince?(boardId: string, version: number): Promise<Uint8Array[] | null>;
}

/** Reads boards through BoardUpdates: a refresh reads only the updates stored since the snapshot (not the snapshot). */
export function boardSource(updates: {
  load(boardId: string): Promise<{ snapshot: Uint8Array | null; snapshotVersion: number; updates: { bytes: Uint8Array }[] }>;
  updatesSince(boardId: string, version: number): Promise<Uint8Array[] | null>;
}): BoardSource {
  return {
    async load(boardId) {
      const stored = await updates.load(boardId);
      const all = stored.snapshot ? [stored.snapshot, ...stored.updates.map((u) => u.bytes)] : stored.updates.map((u) => u.bytes);
      const state = all.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : all.length === 1 ? all[0]! : Y.mergeUpdates(all);
      return { state, snapshotVersion: stored.snapshotVersion };
    },
    updatesSince: (boardId, version) => updates.updatesSince(boardId, version),
  };
}

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

export interface BoardDocEntry {
  guard: BoardWriteGuard;
  /** The compacted snapshot version the doc includes. */
  snapshotVersion: number;
  /** The sequence number when its load began: state it holds is at least that fresh. */
  loadSeq: number;
  lastUsed: number;
  /** About how many bytes the board's state holds (read at load, grown by refreshes): for the compaction chance. */
  stateBytes: number;
}

export class BoardDocCache {
  private readonly entries = new Map<string, BoardDocEntry>();
  private seq = 0;
  private readonly maxBoards: number;
  private readonly idleMs: number;
  readonly clock: () => number;
  /** Counted here and by the write check (reloads, waits, refusals, out of step). */
  readonly stats: BoardDocCacheStats = { hits: 0, loads: 0, refreshes: 0, reloads: 0, waits: 0, refusals: 0, outOfStep: 0 };

  constructor(
    private readonly source: BoardSource,
    options: BoardDocCacheOptions = {},
  ) {
    this.maxBoards = options.maxBoards ?? 20;
    this.idleMs = options.idleMs ?? 5 * 60_000;
    this.clock = options.clock ?? Date.now;
  }

  /** The next freshness sequence number. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** The cached entry, if any (no LRU effect). */
  peek(boardId: string): BoardDocEntry | undefined {
    return this.entries.get(boardId);
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

  /** LRU order: the board just used goes last. */
  touch(boardId: string): void {
    const current = this.entries.get(boardId);
    if (!current) return;
    this.entries.delete(boardId);
    this.entries.set(boardId, current);
  }

  /** Reads a board whole from the source into a new entry (replacing any cached one). */
  async load(boardId: string): Promise<BoardDocEntry> {
    const loadSeq = this.nextSeq();
    this.stats.loads++;
    const { state, snapshotVersion } = await this.source.load(boardId);
    const guard = new BoardWriteGuard(new Y.Doc());
    guard.applyTrusted(state, 'load'); // copies every entry as it goes
    const entry: BoardDocEntry = { guard, snapshotVersion, loadSeq, lastUsed: this.clock(), stateBytes: state.byteLength };
    this.evict(boardId);
    this.entries.set(boardId, entry);
    this.trim(boardId);
    return entry;
  }

  /**
   * Merges into the doc what storage holds now (Yjs skips what the doc has): keeps what this
   * process checked and has not stored yet. Returns what that changed, or null when the board
   * was compacted since the doc was read (the entry is evicted; the caller reads it whole).
   */
  async refresh(boardId: string, entry: BoardDocEntry): Promise<BoardChanges | null> {
    const seq = this.nextSeq();
    this.stats.refreshes++;
    if (!this.source.updatesSince) {
      const { state, snapshotVersion } = await this.source.load(boardId);
      entry.snapshotVersion = snapshotVersion;
      entry.loadSeq = seq;
      entry.stateBytes = state.byteLength;
      return entry.guard.applyTrusted(state, 'refresh');
    }
    const since = await this.source.updatesSince(boardId, entry.snapshotVersion);
    if (since === null) {
      this.evict(boardId);
      return null;
    }
    entry.loadSeq = seq;
    for (const u of since) entry.stateBytes += u.byteLength;
    if (since.length === 0) return { cards: [], facts: [], other: [] };
    return entry.guard.applyTrusted(since.length === 1 ? since[0]! : Y.mergeUpdates(since), 'refresh');
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
}
