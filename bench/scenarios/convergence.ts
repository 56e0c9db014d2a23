/**
 * Convergence: `clients` clients each make `editsPerClient` edits (a distinct Y.Map key each),
 * all editing concurrently, in rounds of one edit per client; the time from the first edit until
 * every client holds every edit. Asserts zero loss on every client and, for ours, in storage.
 *
 * Rounds are windowed: round r starts once round r − WINDOW has reached every client (at most
 * WINDOW × clients edits in flight). Firing all 10,000 edits in one burst instead measures how
 * a queue of 10,000 drains while the same process also runs the 50 clients: their timers starve,
 * awareness states time out and are re-sent, and the run says more about the bench than about
 * the server (ours did not finish in 180 s that way while other jobs shared the 2 cores).
 */
import * as Y from 'yjs';
import type { OpStats } from '../profiler';
import type { RunningServer } from '../servers/types';
import { freshBoardId, now, round, sleep, waitUntil, withTimeout } from '../util';
import { connectMany, destroyAll } from './clients';
import { addBenchCard, addChecklistItem, checklistKeys, observeChecklistKeys } from '../board-edits';

export interface ConvergenceResult {
  clients: number;
  editsPerClient: number;
  window: number;
  totalEdits: number;
  /** First edit → every client holds every edit (ms); null when it did not converge in time. */
  convergeMs: number | null;
  /** Until the clients had made their last edit (the window holds them back). */
  sendMs: number;
  /** Clients holding all edits (by content check at the end). */
  completeClients: number;
  minEditsOnAClient: number;
  zeroLoss: boolean;
  /** Ours only: edits found in storage the moment every client had them all (before any wait). */
  stored?: number;
  /** Ours only: after the clients left, how long the gateway took to finish its backlog. */
  drainMs?: number;
  /** Ours only: storage and post steps from the first edit until drained. */
  steps?: OpStats[];
  boardId: string;
  /** When measured in several rounds (mergeConvergence): each round's convergeMs. */
  rounds?: { convergeMs: (number | null)[] };
}

export const WINDOW = 4;

/**
 * Several rounds of the convergence run as one result: the round with the median convergeMs
 * (its other figures with it); zero loss only when every round lost nothing; a round that timed
 * out makes the whole a timeout.
 */
export function mergeConvergence(results: ConvergenceResult[]): ConvergenceResult {
  const timedOut = results.some((r) => r.convergeMs === null);
  const sorted = [...results].sort((a, b) => (a.convergeMs ?? Infinity) - (b.convergeMs ?? Infinity));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    ...median,
    convergeMs: timedOut ? null : median.convergeMs,
    completeClients: Math.min(...results.map((r) => r.completeClients)),
    minEditsOnAClient: Math.min(...results.map((r) => r.minEditsOnAClient)),
    zeroLoss: results.every((r) => r.zeroLoss),
    ...(results.every((r) => r.stored !== undefined) ? { stored: Math.min(...results.map((r) => r.stored!)) } : {}),
    rounds: { convergeMs: results.map((r) => r.convergeMs) },
  };
}

export async function measureConvergence(server: RunningServer, clientCount = 50, editsPerClient = 200, timeoutMs = 150_000): Promise<ConvergenceResult> {
  const boardId = freshBoardId('conv');
  const total = clientCount * editsPerClient;
  const clients = await connectMany(server, boardId, clientCount);
  try {
    await server.settle();
    await sleep(300);
    await server.settle();
    // Each client adds items to its own card's checklist (one struct under a new key per edit, like
    // the map key the reference servers' benchmarks set): the cards are made first.
    clients.forEach((client, c) => addBenchCard(client.doc, `bench-c${c}`, `c${c}-start`));
    await waitUntil(() => clients.every((client) => client.doc.getMap('cards').size >= clientCount), 60_000, 5);
    await server.settle();

    const counts = new Array<number>(clientCount).fill(0);
    const roundReceipts = new Array<number>(editsPerClient).fill(0);
    clients.forEach((client, c) => {
      observeChecklistKeys(client.doc, (_card, keys) => {
        counts[c]! += keys.length; // every key is new: set once, never overwritten
        for (const key of keys) roundReceipts[Number(key.slice(key.indexOf('-') + 1))]!++;
      });
    });
    const perRound = clientCount * clientCount; // every client sees every client's edit of a round

    server.profiler?.start();
    const t0 = now();
    const deadline = t0 + timeoutMs;
    for (let r = 0; r < editsPerClient && now() < deadline; r++) {
      const gate = r - WINDOW;
      if (gate >= 0) await waitUntil(() => roundReceipts[gate]! >= perRound, deadline - now(), 1);
      clients.forEach((client, c) => addChecklistItem(client.doc, `bench-c${c}`, `c${c}-${r}`, r));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sendMs = now() - t0;
    const converged = await waitUntil(() => counts.every((n) => n >= total), Math.max(0, deadline - now()), 5);
    const convergeMs = converged ? now() - t0 : null;

    // Content check (not only counts): every client holds every key with its value.
    let completeClients = 0;
    let minEdits = total;
    for (const client of clients) {
      let have = 0;
      for (let c = 0; c < clientCount; c++) {
        const keys = checklistKeys(client.doc, `bench-c${c}`);
        for (let r = 0; r < editsPerClient; r++) if (keys.has(`c${c}-${r}`)) have++;
      }
      if (have === total) completeClients++;
      minEdits = Math.min(minEdits, have);
    }
    const result: ConvergenceResult = {
      clients: clientCount,
      editsPerClient,
      window: WINDOW,
      totalEdits: total,
      convergeMs: convergeMs === null ? null : round(convergeMs, 0),
      sendMs: round(sendMs, 0),
      completeClients,
      minEditsOnAClient: minEdits,
      zeroLoss: completeClients === clientCount,
      boardId,
    };
    const updates = server.updates ?? server.stack?.updates;
    if (updates) {
      // Durable before fan-out: storage must already hold what every client holds.
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await updates.loadMerged(boardId)).update);
      let have = 0;
      for (let c = 0; c < clientCount; c++) {
        const keys = checklistKeys(stored, `bench-c${c}`);
        for (let r = 0; r < editsPerClient; r++) if (keys.has(`c${c}-${r}`)) have++;
      }
      result.stored = have;
      result.zeroLoss = result.zeroLoss && have === total;
      stored.destroy();
      destroyAll(clients);
      const td = now();
      await withTimeout(server.settle(), 120_000, 'gateway drained after convergence').catch(() => {});
      result.drainMs = round(now() - td, 0);
    }
    const steps = server.profiler?.stop();
    if (steps) result.steps = steps;
    return result;
  } finally {
    destroyAll(clients);
    await withTimeout(server.settle(), 120_000, 'settle').catch(() => {});
  }
}
