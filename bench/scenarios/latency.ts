/**
 * Edit-to-peer latency: one client of N edits (a Y.Map key per edit), `edits` times, spaced
 * `spacingMs` apart; for every (edit, peer) pair, the time from the edit until the peer's doc
 * holds it (its map observer fires). For ours, storage is then checked to hold every edit.
 */
import * as Y from 'yjs';
import type { EditPathSegment, EditPathTracer } from '../edit-trace';
import type { OpStats } from '../profiler';
import type { RunningServer } from '../servers/types';
import { freshBoardId, mean, now, percentile, round, sleep, waitUntil } from '../util';
import { connectMany, destroyAll } from './clients';
import { startCpuProfile } from '../cpu-profile';
import { itemTexts, observeItems, pushItem } from '../board-edits';

export interface LatencyResult {
  clients: number;
  edits: number;
  pairs: number;
  received: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Per edit: latency to the first and to the last peer (medians over edits). */
  firstPeerP50Ms: number;
  lastPeerP50Ms: number;
  /** Ours only: edits found in storage afterwards / edits made. */
  durable?: { stored: number; expected: number };
  /** Ours only: storage and post timings during the edits. */
  steps?: OpStats[];
  /** Ours only: the update path of the handler, segment by segment (p50/p99 over edits). */
  editPath?: EditPathSegment[];
  /** Ours only: storage calls per edit before its first post (hot path) and after it. */
  storageCalls?: ReturnType<EditPathTracer['storageCalls']>;
  spacingMs: number;
  /** With several rounds (BENCH_ROUNDS): each round's p50 and p99, in round order. */
  rounds?: { p50Ms: number[]; p99Ms: number[] };
}

/**
 * One figure from several rounds of the same run: the medians of their p50s, p99s, means and
 * first/last-peer medians, the sums of their pairs, losses and stored edits, and each round's
 * p50 and p99. `edits` (per round) and the breakdowns (steps, edit path, storage calls) are the
 * first round's.
 */
export function mergeRounds(results: LatencyResult[]): LatencyResult {
  const [first] = results;
  if (!first) throw new Error('mergeRounds: no rounds');
  if (results.length === 1) return first;
  const med = (f: (l: LatencyResult) => number) => round(percentile(results.map(f), 50), 2);
  const sum = (f: (l: LatencyResult) => number) => results.reduce((a, l) => a + f(l), 0);
  const durable = results.every((l) => l.durable)
    ? { stored: sum((l) => l.durable!.stored), expected: sum((l) => l.durable!.expected) }
    : undefined;
  return {
    ...first,
    pairs: sum((l) => l.pairs),
    received: sum((l) => l.received),
    lost: sum((l) => l.lost),
    p50Ms: med((l) => l.p50Ms),
    p99Ms: med((l) => l.p99Ms),
    meanMs: med((l) => l.meanMs),
    firstPeerP50Ms: med((l) => l.firstPeerP50Ms),
    lastPeerP50Ms: med((l) => l.lastPeerP50Ms),
    ...(durable ? { durable } : {}),
    rounds: { p50Ms: results.map((l) => l.p50Ms), p99Ms: results.map((l) => l.p99Ms) },
  };
}

/**
 * `profileName`: names the CPU profile of the edits when BENCH_CPU_PROFILE is set (bench/cpu-profile.ts).
 * `trace`: follow each edit through the handler (EditPathTracer: the breakdown and the hot-path
 * counts). Its AsyncLocalStorage hooks every promise of the process, the clients' too: a run
 * near saturation is measured without it.
 */
export async function measureLatency(
  server: RunningServer,
  clientCount: number,
  edits = 100,
  spacingMs = 20,
  profileName = 'server',
  trace = true,
): Promise<LatencyResult> {
  const tracer = trace ? server.tracer : undefined;
  const boardId = freshBoardId(`lat${clientCount}`);
  const clients = await connectMany(server, boardId, clientCount);
  try {
    // Let the connect storm (sync, awareness of everyone to everyone) finish before measuring.
    await server.settle();
    await sleep(300);
    await server.settle();

    const [editor, ...peers] = clients;
    const sent: number[] = new Array(edits).fill(Number.NaN);
    const arrivals: number[][] = Array.from({ length: edits }, () => new Array(peers.length).fill(Number.NaN));
    let received = 0;
    peers.forEach((peer, p) => {
      observeItems(peer.doc, (ids) => {
        const t = now();
        for (const key of ids) {
          const k = Number(key.slice(1));
          const row = arrivals[k];
          if (row && Number.isNaN(row[p]!)) {
            row[p] = t;
            received++;
          }
        }
      });
    });

    const cpu = await startCpuProfile(`${profileName}-${clientCount}@${spacingMs}`);
    server.profiler?.start();
    tracer?.start();
    for (let k = 0; k < edits; k++) {
      sent[k] = now();
      pushItem(editor!.doc, `e${k}`, String(k));
      await sleep(spacingMs);
    }
    const pairs = edits * peers.length;
    await waitUntil(() => received >= pairs, 30_000, 5);
    await server.settle();
    const steps = server.profiler?.stop();
    tracer?.stop();
    await cpu.stop();

    const latencies: number[] = [];
    const first: number[] = [];
    const last: number[] = [];
    for (let k = 0; k < edits; k++) {
      const row = arrivals[k]!.filter((t) => !Number.isNaN(t)).map((t) => t - sent[k]!);
      latencies.push(...row);
      if (row.length > 0) {
        first.push(Math.min(...row));
        last.push(Math.max(...row));
      }
    }
    const result: LatencyResult = {
      clients: clientCount,
      spacingMs,
      edits,
      pairs,
      received,
      lost: pairs - received,
      p50Ms: round(percentile(latencies, 50), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      meanMs: round(mean(latencies), 2),
      firstPeerP50Ms: round(percentile(first, 50), 2),
      lastPeerP50Ms: round(percentile(last, 50), 2),
    };
    if (steps) result.steps = steps;
    if (tracer) {
      const firstAt = arrivals.map((row) => Math.min(...row.filter((t) => !Number.isNaN(t))));
      const lastAt = arrivals.map((row) => Math.max(...row.filter((t) => !Number.isNaN(t))));
      result.editPath = tracer.segments(sent, firstAt, lastAt);
      result.storageCalls = tracer.storageCalls();
    }
    const updates = server.updates ?? server.stack?.updates;
    if (updates) {
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await updates.loadMerged(boardId)).update);
      const storedMap = itemTexts(stored);
      let count = 0;
      for (let k = 0; k < edits; k++) if (storedMap.get(`e${k}`) === String(k)) count++;
      result.durable = { stored: count, expected: edits };
      stored.destroy();
    }
    return result;
  } finally {
    destroyAll(clients);
    await server.settle();
  }
}
