/**
 * The board as Solid state: `readBoard(doc)` after each doc change, at most once per frame,
 * reconciled into a store keyed by id so that an edit to one card re-renders that card only
 * (2,000 cards stay cheap). `raw` is the same snapshot as a plain object, for the metrics.
 */
import { batch, createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { BoardValidationError, readBoard, type BoardSnapshot, type Issue } from '@binhan/core';
import type { Connection } from './connection';

export interface BoardStore {
  /** Fine-grained view of the board; null until a board is in the doc. */
  readonly state: { board: BoardSnapshot | null; problem: Issue[] | null };
  /** The last snapshot as a plain object (not a store proxy). */
  readonly raw: Accessor<BoardSnapshot | null>;
  /** Increases after each refresh; for tests and the bench. */
  readonly revision: Accessor<number>;
}

interface PerfHook {
  lastPaintAt?: number;
  refreshes?: Array<{ read: number; total: number }>;
}

/** Deep equality of plain JSON values (cards, units, facts). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export function createBoardStore(conn: Connection): BoardStore {
  const [state, setState] = createStore<{ board: BoardSnapshot | null; problem: Issue[] | null }>({ board: null, problem: null });
  const [raw, setRaw] = createSignal<BoardSnapshot | null>(null, { equals: false });
  const [revision, setRevision] = createSignal(0);

  /**
   * Writes a new snapshot into the store touching only what changed: cards are compared with
   * the previous snapshot as plain objects (cheap), and only changed ones are reconciled, so a
   * remote edit of one card costs O(cards) comparisons, not O(cards) store updates.
   */
  let prev: BoardSnapshot | null = null;
  function apply(next: BoardSnapshot): void {
    const before = prev;
    prev = next;
    if (!before || !state.board) {
      setState('board', reconcile(next, { key: 'id', merge: false }));
      return;
    }
    const sameOrder = before.cards.length === next.cards.length && next.cards.every((c, i) => before.cards[i]!.id === c.id);
    if (!sameOrder) setState('board', 'cards', reconcile(next.cards, { key: 'id', merge: false }));
    else
      next.cards.forEach((c, i) => {
        if (!sameValue(before.cards[i], c)) setState('board', 'cards', i, reconcile(c, { key: 'id', merge: false }));
      });
    for (const key of Object.keys(next) as Array<keyof BoardSnapshot>) {
      if (key === 'cards') continue;
      if (!sameValue(before[key], next[key])) setState('board', key, reconcile(next[key] as never, { key: 'id', merge: false }));
    }
  }

  createEffect(() => {
    const doc = conn.doc();
    prev = null;
    let frame = 0;
    let queued = false;
    let lastRefresh = 0;
    const refresh = () => {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      queued = false;
      const started = performance.now();
      lastRefresh = started;
      let snapshot: BoardSnapshot | null = null;
      let problem: Issue[] | null = null;
      let readAt = started;
      try {
        snapshot = readBoard(doc);
        readAt = performance.now();
      } catch (e) {
        if (e instanceof BoardValidationError) problem = e.issues;
        else throw e;
      }
      batch(() => {
        if (snapshot) apply(snapshot);
        else {
          setState('board', null);
          prev = null;
        }
        setState('problem', problem);
        setRaw(snapshot);
        setRevision((r) => r + 1);
      });
      if (snapshot && !performance.getEntriesByName('binhan:board-shown').length) {
        performance.mark('binhan:board-shown');
        performance.measure('binhan:first-refresh', { start: started });
        requestAnimationFrame(() => setTimeout(() => performance.mark('binhan:board-painted'), 0));
      }
      const hook = (globalThis as { __binhanPerf?: PerfHook }).__binhanPerf;
      if (hook) {
        hook.lastPaintAt = performance.now();
        (hook.refreshes ??= []).push({ read: readAt - started, total: hook.lastPaintAt - started });
      }
    };
    // A remote edit is applied at once (a microtask after the message, so it is in the next
    // paint); bursts of messages are coalesced to one refresh per frame.
    const schedule = () => {
      if (queued || frame) return;
      if (performance.now() - lastRefresh > 32) {
        queued = true;
        queueMicrotask(() => queued && refresh());
      } else {
        frame = requestAnimationFrame(refresh);
        // Hidden pages get no frames.
        setTimeout(() => frame && refresh(), 100);
      }
    };
    doc.on('update', schedule);
    refresh();
    onCleanup(() => {
      doc.off('update', schedule);
      if (frame) cancelAnimationFrame(frame);
      queued = false;
    });
  });

  return { state, raw, revision };
}
