/**
 * Clearing a board's damaged cards, from every role, with stock y-websocket clients over real
 * sockets through the local gateway. A board stored before the write guard holds four damaged
 * card entries (tests/helpers/damaged-board.ts); readBoard skips them and the page names them.
 *
 * Tried, per role (viewer, editor, leader, admin), each on a fresh board:
 *  - the client deletes the damaged entries (core's clearDamagedCards): a viewer's update is
 *    dropped whole (permission denied, storage unchanged), every writer's is stored and reaches
 *    an observing client; the 18 readable cards stand;
 *  - then the same client's ordinary edit (a task's title) arrives in storage and at the observer;
 *  - for the writers, on a second board: one update that clears the damaged cards and also
 *    deletes a readable card. Only an admin may remove a readable card for good, so for an editor
 *    and a leader that removal is undone (the card is back at the client, the observer and in
 *    storage) while the damaged entries go; then the same client's ordinary edit must still
 *    arrive — a refusal never cuts the client off.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDamagedCards, damagedCards, readBoard, updateCard, type Role } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import type { LocalStack } from '@binhan/local';
import { connectClient, startTestStack, storedDoc, synced, waitFor, type SyncClient } from '../helpers/sync-clients';
import { addDamagedCards } from '../helpers/damaged-board';
import { ctx } from '../helpers/write-context';

let stack: LocalStack;
const clients: SyncClient[] = [];
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await stack.close();
});

async function damagedBoardStored(boardId: string): Promise<void> {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId, ...ctx() });
  addDamagedCards(doc);
  await stack.boards.create({ boardId, title: 'damaged', createdAt: new Date().toISOString(), createdBy: 'seed' }, Y.encodeStateAsUpdate(doc));
  doc.destroy();
}

async function join(boardId: string, role: Role, subject: string): Promise<SyncClient> {
  const token = stack.tokens.issue({ boardId, role, ttlSeconds: 3600, subject });
  const c = connectClient(stack, boardId, token);
  clients.push(c);
  await synced(c);
  return c;
}

const damagedIn = (doc: Y.Doc) => damagedCards(doc).map((d) => d.cardId);
const cardIds = (doc: Y.Doc) => readBoard(doc).cards.map((c) => c.id).sort();

describe.each(['viewer', 'editor', 'leader', 'admin'] as const)('damaged cards cleared by a %s', (role) => {
  it(role === 'viewer' ? 'is dropped whole; the board stays as stored' : 'is stored and reaches the others; removing a readable card too is for admins only; later edits arrive', async () => {
    const boardId = `dmg-${role}-${Date.now().toString(36)}`;
    await damagedBoardStored(boardId);
    const observer = await join(boardId, 'admin', 'observer');
    const client = await join(boardId, role, `${role}-subject`);
    const readable = cardIds(client.doc);
    expect(readable).toHaveLength(18);
    expect(damagedIn(client.doc)).toHaveLength(4);

    expect(clearDamagedCards(client.doc)).toHaveLength(4);
    if (role === 'viewer') {
      await waitFor(() => client.permissionDenied.length > 0, 'permission denied for the viewer');
      // A little later, storage and the observer still hold the four damaged entries.
      await new Promise((r) => setTimeout(r, 200));
      expect(damagedIn(await storedDoc(stack, boardId))).toHaveLength(4);
      expect(damagedIn(observer.doc)).toHaveLength(4);
      return;
    }
    await waitFor(async () => damagedIn(await storedDoc(stack, boardId)).length === 0, 'damaged entries gone from storage');
    await waitFor(() => damagedIn(observer.doc).length === 0, 'damaged entries gone at the observer');
    expect(cardIds(await storedDoc(stack, boardId))).toEqual(readable);
    expect(client.permissionDenied).toEqual([]);

    await editArrives(client, observer, boardId, role, '');

    // A second board: one update that clears the damaged cards and deletes a readable card.
    const second = `${boardId}-b`;
    await damagedBoardStored(second);
    const observer2 = await join(second, 'admin', 'observer');
    const client2 = await join(second, role, `${role}-subject`);
    const victim = cardIds(client2.doc)[0]!;
    client2.doc.transact(() => {
      clearDamagedCards(client2.doc);
      client2.doc.getMap('cards').delete(victim);
    });
    if (role === 'admin') {
      await waitFor(async () => !cardIds(await storedDoc(stack, second)).includes(victim), 'the admin removed the card for good');
    } else {
      await waitFor(() => client2.permissionDenied.length > 0, 'the removal of a readable card refused');
      await waitFor(() => cardIds(client2.doc).includes(victim), 'the card back at the client');
      expect(cardIds(await storedDoc(stack, second))).toContain(victim);
      expect(cardIds(observer2.doc)).toContain(victim);
    }
    await waitFor(async () => damagedIn(await storedDoc(stack, second)).length === 0, 'the damaged entries cleared in the same update');
    expect(damagedIn(observer2.doc)).toEqual([]);
    await editArrives(client2, observer2, second, role, victim);
  });
});

/** The client's ordinary edit (a task's title) reaches storage and the observer. */
async function editArrives(client: SyncClient, observer: SyncClient, boardId: string, role: Role, notId: string): Promise<void> {
  const task = readBoard(client.doc).cards.find((c) => c.kind === 'task' && c.id !== notId)!;
  const title = `Sửa bởi ${role} (${boardId})`;
  updateCard(client.doc, task.id, { title }, ctx());
  const titleIn = (doc: Y.Doc) => {
    const c = readBoard(doc).cards.find((x) => x.id === task.id);
    return c?.kind === 'task' ? c.title : null;
  };
  await waitFor(async () => titleIn(await storedDoc(stack, boardId)) === title, 'the later edit stored');
  await waitFor(() => titleIn(observer.doc) === title, 'the later edit at the observer');
}
