/**
 * Stock y-websocket clients on one board of a local stack, as the attacker suites use them:
 * join with a token of a role, and wait until clients and storage hold the same board.
 */
import type { Role } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { yView } from './board-views';
import { connectClient, storedDoc, synced, waitFor, type SyncClient } from './sync-clients';

/** A client with a fresh token of `role` for `subject`, synced and holding the board's cards; pushed onto `clients` (to close them after). */
export async function joinBoard(stack: LocalStack, boardId: string, role: Role, subject: string, clients: SyncClient[]): Promise<SyncClient> {
  const c = connectClient(stack, boardId, stack.tokens.issue({ boardId, role, ttlSeconds: 3600, subject }));
  clients.push(c);
  await synced(c);
  await waitFor(() => c.doc.getMap('cards').size > 0, `${subject} has the board`);
  return c;
}

/** Waits until every client in `who` holds exactly what storage holds (after the gateway is idle). */
export async function agreeWithStorage(stack: LocalStack, boardId: string, who: SyncClient[], timeoutMs = 5000): Promise<void> {
  await waitFor(async () => {
    await stack.gateway.idle();
    const stored = JSON.stringify(yView(await storedDoc(stack, boardId)));
    return who.every((c) => JSON.stringify(yView(c.doc)) === stored);
  }, `${who.length} clients and storage agree`, timeoutMs);
}
