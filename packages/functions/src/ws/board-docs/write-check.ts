/**
 * Checks client updates before they are stored. A Yjs update cannot be read without the state it
 * applies to (an item names its left neighbour, not its map key), so the check applies the update
 * to the board's cached doc (doc-cache.ts) and reads what it changed; the write policy
 * (@binhan/core BoardWriteGuard) then undoes, in a server-authored update, whatever the role may
 * not write or is not a valid board value.
 *
 * Correctness does not depend on the cache being fresh:
 *  - before applying, the update's dependencies are checked (update-dependencies.ts: every
 *    struct continues its client's clock, every origin and every deleted id exists in the doc or
 *    in the update). An update whose dependencies are missing is never applied to the cached
 *    doc; the check waits a moment for this process to apply them (messages of one connection
 *    run concurrently), then reloads from storage (another process stored them), and finally
 *    gives up: the update is "out of step", whatever the role, and is not stored (the client is
 *    asked to reconnect; its resync sends the missing part with it);
 *  - a guarded write (review status, card entry, kind, facts) by a role below leader is decided
 *    on state read from storage after the check began, so an update stored by another process
 *    meanwhile (a leader's approval) is taken into account;
 *  - the cached doc holds the client's update and its compensation, which the caller stores
 *    together; when storing fails the caller evicts the board (it is read again next time).
 * What remains is the race inherent to stateless handlers: two updates checked at the same
 * moment by two processes do not see each other (see ARCHITECTURE.md, "Refusals").
 *
 * Checks of one board are serialised within the process (util/keyed-lock.ts: a doc is mutated by
 * each check).
 */
import * as Y from 'yjs';
import { mayApprove, REFUSALS, touchesComments, touchesGuardedState, type BoardChanges, type Refusal, type Role } from '@binhan/core';
import { BoardDocCache, type BoardDocCacheOptions, type BoardDocCacheStats, type BoardSource } from './doc-cache';
import { KeyedLock } from '../../util/keyed-lock';
import { dependenciesOf, satisfied, type DecodedUpdate, type Dependencies } from './update-dependencies';

export type WriteCheck =
  /**
   * The update is kept. `refusals` lists what of it was undone (empty: all of it stands) and
   * `compensation` is the server's update that undoes it: store and fan out both together.
   */
  | { ok: true; changes: BoardChanges; refusals: Refusal[]; compensation: Uint8Array | null }
  /** Out of step: the update builds on state the server does not have; nothing was applied. */
  | { ok: false; refusal: Refusal };

type Attempt = WriteCheck | { missing: true } | { stale: true };

export class BoardWriteChecker {
  private readonly docs: BoardDocCache;
  private readonly lock = new KeyedLock();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly dependencyWaitMs: number;

  constructor(source: BoardSource, options: BoardDocCacheOptions = {}) {
    this.docs = new BoardDocCache(source, options);
    this.dependencyWaitMs = options.dependencyWaitMs ?? 1500;
  }

  get stats(): BoardDocCacheStats {
    return this.docs.stats;
  }

  /** About how many bytes a board this process holds has (0 when it holds none): for the compaction chance. */
  stateBytes(boardId: string): number {
    return this.docs.peek(boardId)?.stateBytes ?? 0;
  }

  /**
   * Checks `update` for a connection of `role` (its identity `actor`: comments are its author's
   * only) and, when it may be stored, applies it to the
   * cached doc and returns what it changes. Refused updates never stay in the cache.
   * `decoded`: the update as Y.decodeUpdate reads it, when the caller has read it already.
   */
  async checkWrite(boardId: string, update: Uint8Array, role: Role, actor: string | null = null, decoded: DecodedUpdate = Y.decodeUpdate(update)): Promise<WriteCheck> {
    const stats = this.docs.stats;
    const startSeq = this.docs.nextSeq();
    const needs = dependenciesOf(decoded);
    const guarded = !mayApprove(role);
    let refreshSeq = 0; // the cached doc must hold storage as of this sequence number
    let refreshes = 0;
    let waited = 0; // time spent waiting for dependencies (not in the lock queue)
    for (;;) {
      const result = await this.lock.run(boardId, async () => {
        const attempt = await this.attempt(boardId, update, needs, role, actor, guarded, startSeq, refreshSeq);
        this.docs.touch(boardId);
        return attempt;
      });
      if ('ok' in result) {
        if (result.ok && result.refusals.length > 0) stats.refusals++;
        return result;
      }
      if ('stale' in result) {
        stats.reloads++;
        continue; // the entry was dropped: the next attempt loads the board afresh
      }
      // Missing dependencies: wait for this process to apply them (messages of one connection
      // run concurrently), else merge what storage holds now (another process stored them).
      if (refreshes >= 4 || waited >= this.dependencyWaitMs) break;
      stats.waits++;
      const began = this.docs.clock();
      const progressed = await this.progress(boardId, Math.min(this.dependencyWaitMs - waited, 25 * 2 ** refreshes));
      waited += this.docs.clock() - began;
      if (!progressed) {
        refreshSeq = this.docs.nextSeq();
        refreshes++;
        stats.reloads++;
      }
    }
    // Checked like any other, whatever the role: an update that cannot be read is not stored.
    stats.outOfStep++;
    return { ok: false, refusal: REFUSALS.outOfStep() };
  }

  /** Forgets a board (its doc may hold something storage does not). */
  evict(boardId: string): void {
    this.docs.evict(boardId);
  }

  has(boardId: string): boolean {
    return this.docs.has(boardId);
  }

  get size(): number {
    return this.docs.size;
  }

  private async attempt(
    boardId: string,
    update: Uint8Array,
    needs: Dependencies,
    role: Role,
    actor: string | null,
    guarded: boolean,
    startSeq: number,
    refreshSeq: number,
  ): Promise<Attempt> {
    let entry = this.docs.peek(boardId);
    if (entry && entry.loadSeq < refreshSeq) {
      // Merge what storage holds now into the doc: keeps what this process has checked and
      // not stored yet (Yjs skips what the doc already has).
      if (await this.docs.refresh(boardId, entry)) this.notify(boardId);
      else entry = undefined; // compacted meanwhile: read it whole
    }
    if (entry) this.docs.stats.hits++;
    else entry = await this.docs.load(boardId);
    entry.lastUsed = this.docs.clock();
    const doc = entry.guard.doc;
    if (!satisfied(doc, needs)) return { missing: true };
    const cleanBefore = doc.store.pendingStructs === null && doc.store.pendingDs === null;
    const applied = entry.guard.applyClient(update, 'check');
    this.notify(boardId);
    if (cleanBefore && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)) {
      // Defensive: the dependency check let through something Yjs could not integrate.
      this.docs.evict(boardId);
      return { missing: true };
    }
    if (entry.loadSeq < startSeq && ((guarded && touchesGuardedState(applied.changes)) || touchesComments(applied.changes))) {
      // Decide guarded writes on state read after the check began. Cheap when nothing stored
      // since the doc was read touches the same cards or facts: then the decision stands.
      const touched = new Set(applied.changes.cards.map((c) => c.cardId));
      const facts = new Set(applied.changes.facts.map((f) => f.key));
      const since = await this.docs.refresh(boardId, entry);
      if (!since || since.cards.some((c) => touched.has(c.cardId)) || since.facts.some((f) => facts.has(f.key))) {
        this.docs.evict(boardId);
        return { stale: true };
      }
    }
    const outcome = entry.guard.judge(applied, role, actor);
    return { ok: true, changes: outcome.changes, refusals: outcome.refusals, compensation: outcome.compensation };
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
