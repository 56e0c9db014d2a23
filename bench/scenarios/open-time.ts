/**
 * Open time of a board with a long history: from a fresh client connecting until it is synced
 * and its doc holds the content.
 * Every board ends in the same state (see history.ts), so only the history length differs.
 *  - ours: the history is appended to storage (`stack.updates.append`), opened before and after
 *    `stack.updates.compact`, for 10,000 and 1,000 updates (read-only token for the opens, so an
 *    open does not start a compaction of its own);
 *  - reference servers: a feeder client sends the history and stays connected (the server keeps
 *    the doc in memory), a probe waits until the server holds it all, then fresh clients open.
 */
import * as Y from 'yjs';
import type { OpStats } from '../profiler';
import type { ConnectOptions, RunningServer } from '../servers/types';
import { freshBoardId, mapLimit, median, now, round, waitUntil, withTimeout } from '../util';
import { makeHistory, shorten, type History } from './history';
import { measureStorageRatio, type StorageRatio } from './storage-ratio';

export interface OpenRow {
  history: number;
  /** ours: 'before compaction' | 'after compaction'; reference servers: 'in memory'. */
  phase: string;
  samplesMs: number[];
  medianMs: number;
}

export interface OpenTimeResult {
  rows: OpenRow[];
  /** How long it took to put the history in (ours: appends to storage; others: through a client). */
  loadHistoryMs: Record<string, number>;
  /** Ours only. */
  compactMs?: Record<string, number>;
  ratios?: StorageRatio[];
  /** Ours only: storage calls and posts during the opens of the compacted 10k-update board. */
  openSteps?: OpStats[];
  stateBytes: Record<string, number>;
  historyBytes: Record<string, number>;
}

const SAMPLES_BEFORE = 3;
const SAMPLES_AFTER = 7;

async function openOnce(server: RunningServer, boardId: string, history: History, options?: ConnectOptions): Promise<number> {
  const doc = new Y.Doc();
  const t0 = now();
  const client = server.connect(boardId, doc, options);
  try {
    await withTimeout(client.whenSynced(), 60_000, `open ${boardId}`);
    if (!(await waitUntil(() => history.holds(doc), 30_000, 1))) throw new Error(`opened ${boardId} without its content`);
    return round(now() - t0, 2);
  } finally {
    client.destroy();
    await server.settle();
  }
}

async function openSamples(server: RunningServer, boardId: string, history: History, n: number, phase: string, options?: ConnectOptions): Promise<OpenRow> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await openOnce(server, boardId, history, options));
  return { history: history.updates.length, phase, samplesMs: samples, medianMs: median(samples) };
}

export async function measureOpenTime(server: RunningServer, lengths: number[] = [10_000, 1_000]): Promise<OpenTimeResult> {
  const result: OpenTimeResult = { rows: [], loadHistoryMs: {}, stateBytes: {}, historyBytes: {} };
  const stack = server.stack;
  if (stack) {
    result.compactMs = {};
    result.ratios = [];
  }
  const longest = makeHistory(Math.max(...lengths));
  for (const length of lengths) {
    const history = shorten(longest, length); // every board ends in the same state
    const boardId = freshBoardId(`open${length}`);
    result.historyBytes[length] = history.updateBytes;
    const t0 = now();
    if (stack) {
      await mapLimit(history.updates, 32, (u) => stack.updates.append(boardId, u));
      result.loadHistoryMs[length] = round(now() - t0, 0);
      const before = await measureStorageRatio(stack, boardId, `${length} updates of history, before compaction`);
      result.ratios!.push(before);
      result.stateBytes[length] = before.stateBytes;
      result.rows.push(await openSamples(server, boardId, history, SAMPLES_BEFORE, 'before compaction', { readOnly: true }));
      const tc = now();
      const compaction = await stack.updates.compact(boardId);
      result.compactMs![length] = round(now() - tc, 0);
      if (!compaction.committed) throw new Error(`compaction of ${boardId} did not commit`);
      result.ratios!.push(await measureStorageRatio(stack, boardId, `${length} updates of history, after compaction`));
      if (length === Math.max(...lengths)) server.profiler?.start();
      result.rows.push(await openSamples(server, boardId, history, SAMPLES_AFTER, 'after compaction', { readOnly: true }));
      const steps = server.profiler?.stop();
      if (steps && length === Math.max(...lengths)) result.openSteps = steps;
    } else {
      const feeder = server.connect(boardId, new Y.Doc());
      try {
        await withTimeout(feeder.whenSynced(), 30_000, 'feeder synced');
        for (let i = 0; i < history.updates.length; i++) {
          Y.applyUpdate(feeder.doc, history.updates[i]!); // the provider sends each one
          if (i % 500 === 499) await new Promise((r) => setImmediate(r));
        }
        // A probe that stays until the server holds everything the feeder sent.
        const probeDoc = new Y.Doc();
        const probe = server.connect(boardId, probeDoc);
        try {
          await withTimeout(probe.whenSynced(), 60_000, 'probe synced');
          if (!(await waitUntil(() => history.holds(probeDoc), 60_000, 5))) throw new Error('server never held the whole history');
        } finally {
          probe.destroy();
        }
        result.loadHistoryMs[length] = round(now() - t0, 0);
        result.stateBytes[length] = Y.encodeStateAsUpdate(feeder.doc).byteLength;
        result.rows.push(await openSamples(server, boardId, history, SAMPLES_AFTER, 'in memory'));
      } finally {
        feeder.destroy();
        await server.settle();
      }
    }
  }
  return result;
}
