/** Connecting and tearing down groups of bench clients, with bounded waits. */
import * as Y from 'yjs';
import type { BenchClient, ConnectOptions, RunningServer } from '../servers/types';
import { withTimeout } from '../util';

export async function connectMany(server: RunningServer, boardId: string, count: number, timeoutMs = 60_000, options?: ConnectOptions): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i++) clients.push(server.connect(boardId, new Y.Doc(), options));
  try {
    await withTimeout(Promise.all(clients.map((c) => c.whenSynced())), timeoutMs, `${count} clients synced`);
  } catch (error) {
    destroyAll(clients);
    throw error;
  }
  return clients;
}

export function destroyAll(clients: BenchClient[]): void {
  for (const c of clients) {
    try {
      c.destroy();
    } catch {
      /* already gone */
    }
  }
}
