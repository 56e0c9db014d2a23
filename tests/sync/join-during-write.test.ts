/**
 * A client that joins while an update is being stored must never miss it (issue 12, "safety").
 *
 * What is tried: client A's edit reaches the handler; a storage wrapper holds that edit's update
 * PutItem (as a throttled write retried by the SDK would) while client B connects and loads the
 * board; then the PutItem is let through. B must receive the edit (live, with no reconnect)
 * and storage must hold it. With the audience read in parallel with the PutItem (the order
 * before issue 12), the handler's audience was read before B's connection record existed and B's
 * load ran before the update was stored: neither path delivered it and B never had it.
 *
 * Real y-websocket clients over real sockets against the local stack: with the gateway's own
 * audience (the local default: read after the write), and with the audience Query that AWS uses
 * (read alongside the write; the join window of storage/connections.ts covers the newcomer),
 * once with the write held a short while and once held past the join window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '@binhan/local';
import { JOIN_WINDOW_MS, keys } from '@binhan/functions';
import { connectClient, startTestStack, storedDoc, synced, tokensFor, waitFor, type SyncClient } from '../helpers/sync-clients';

interface Item {
  id: string;
  text: string;
}
const agenda = (c: SyncClient) => c.doc.getArray<Item>('agenda');
const hasItem = (c: SyncClient, id: string) => agenda(c).toArray().some((i) => i.id === id);

/** Holds the next update PutItem of `boardId` until `release()`; tells when it was reached. */
function holdNextUpdatePut(stack: LocalStack, boardId: string) {
  const doc = stack.table.doc as unknown as { send: (command: unknown, ...rest: unknown[]) => Promise<unknown> };
  const original = doc.send.bind(doc);
  let reached = false;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let armed = true;
  doc.send = async (command: unknown, ...rest: unknown[]) => {
    type Key = { pk?: unknown; sk?: unknown };
    const input = (command as { input?: { Item?: Key; RequestItems?: Record<string, Array<{ PutRequest?: { Item?: Key } }>> } }).input;
    // The update is written by a PutItem or, coalesced with others, by a BatchWriteItem.
    const items = input?.Item ? [input.Item] : Object.values(input?.RequestItems ?? {}).flat().map((r) => r.PutRequest?.Item);
    const isUpdate = (item: Key | undefined) => item?.pk === keys.board(boardId) && String(item.sk).startsWith(keys.updatePrefix);
    if (armed && items.some(isUpdate)) {
      armed = false;
      reached = true;
      await gate; // the write is "in flight" (e.g. throttled and retried) until released
    }
    const out = await original(command, ...rest);
    return out;
  };
  return {
    reached: () => reached,
    release,
    restore: () => {
      doc.send = original;
    },
  };
}

describe('a client joining while an update is being stored', () => {
  let stack: LocalStack | null = null;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await stack?.close();
    stack = null;
  });

  const cases = [
    { audience: 'gateway', title: "the local gateway's own: read after the write" },
    { audience: 'query', title: 'the DynamoDB Query, as on AWS, alongside the write: the newcomer re-reads after the join window' },
    { audience: 'query', title: 'the DynamoDB Query, the write held past the join window: the writer reads the audience again', slow: true },
  ] as const;
  for (const { audience, title, ...rest } of cases) {
    const slow = 'slow' in rest && rest.slow;
    it(`receives the update (audience: ${title})`, async () => {
      stack = await startTestStack({ audience });
      const boardId = `join-${audience}`;
      const { edit } = tokensFor(stack, boardId);
      const a = connectClient(stack, boardId, edit);
      clients.push(a);
      await synced(a);
      await stack.gateway.idle();

      const hold = holdNextUpdatePut(stack, boardId);
      try {
        agenda(a).push([{ id: 'during-join', text: 'Họp trù bị' }]);
        await waitFor(() => hold.reached(), "A's update reached its PutItem");
        // While the PutItem is held: B connects, its record is written, it loads and is synced.
        const b = connectClient(stack, boardId, edit);
        clients.push(b);
        await synced(b);
        expect(hasItem(b, 'during-join')).toBe(false); // not stored yet: B's load cannot hold it
        // Slow: held until B's own re-read is over (it found nothing), so only the writer's second
        // audience read can reach B.
        if (slow) {
          await new Promise((r) => setTimeout(r, JOIN_WINDOW_MS + 300));
          await waitFor(() => stack!.gateway.connectionCount() === 2, 'B still connected');
          expect(hasItem(b, 'during-join')).toBe(false);
        }
        hold.release();
        await waitFor(() => hasItem(b, 'during-join'), 'B received the update stored while it joined', 10_000);
        expect(agenda(b).toArray()).toEqual([{ id: 'during-join', text: 'Họp trù bị' }]);
        expect(b.serverErrors).toEqual([]);
        await stack.gateway.idle();
        expect((await storedDoc(stack, boardId)).getArray<Item>('agenda').toArray()).toEqual([{ id: 'during-join', text: 'Họp trù bị' }]);
        // Later edits of both still arrive both ways.
        agenda(b).push([{ id: 'from-b', text: 'b' }]);
        agenda(a).push([{ id: 'from-a', text: 'a' }]);
        await waitFor(() => hasItem(a, 'from-b') && hasItem(b, 'from-a'), 'later edits arrive both ways');
      } finally {
        hold.release();
        hold.restore();
      }
    });
  }
});
