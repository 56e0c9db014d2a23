/**
 * An update that builds on something the server never received ("out of step") is checked like
 * any other, whatever the role: a leader's is not accepted unseen. It is not stored; the client
 * is told to resynchronise with close code 4100 (outside 4400–4499, so the stock y-websocket
 * client reconnects), and its resync brings the update with what it depends on, checked.
 * What was tried: a leader sending only the second of two updates over a raw socket; then the
 * same edits from a stock client that reconnects.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, updateCard, type TaskCard } from '@binhan/core';
import { updateMessage } from '@binhan/functions';
import type { LocalStack } from '@binhan/local';
import { CLOSE_CODES, decodeFrame, encodeBase64 } from '@binhan/transport';
import { openRawSocket, type RawSocket } from '../helpers/raw-socket';
import { connectClient, startTestStack, storedDoc, synced, waitFor } from '../helpers/sync-clients';
import { buildBoard, captureUpdate } from '../helpers/rights-board';
import { ctx as writeContext, LIVE } from '../helpers/write-context';

const ctx = (actor: string) => writeContext(actor, LIVE);

const BOARD = 'out-of-step';
const title = (doc: Y.Doc) => (readBoard(doc).cards.find((c) => c.id === 't1') as TaskCard).title;

describe('an out-of-step update', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startTestStack();
    const admin = connectClient(stack, BOARD, stack.tokens.issue({ boardId: BOARD, role: 'admin', ttlSeconds: 600, subject: 'quan-tri' }));
    await synced(admin);
    buildBoard(admin.doc, BOARD);
    await waitFor(async () => (await storedDoc(stack, BOARD)).getMap('cards').size === 6, 'board stored');
    admin.destroy();
    // A compaction an update started by chance (1 in 100) finishes before the counts below.
    await stack.gateway.idle();
  });
  afterAll(async () => stack.close());

  it('from a leader is not stored unseen: the socket is told to resynchronise (4100)', async () => {
    const leader = new Y.Doc();
    Y.applyUpdate(leader, Y.encodeStateAsUpdate(await storedDoc(stack, BOARD)));
    captureUpdate(leader, () => updateCard(leader, 't1', { title: 'Bước một (không gửi)' }, ctx('chu-tich'))); // never sent
    const second = captureUpdate(leader, () => updateCard(leader, 't1', { status: 'done' }, ctx('chu-tich')));
    const before = (await stack.updates.load(BOARD)).updates.length;
    const token = stack.tokens.issue({ boardId: BOARD, role: 'leader', ttlSeconds: 600, subject: 'chu-tich' });
    const raw = (await openRawSocket(stack, `board=${BOARD}&token=${encodeURIComponent(token)}`)) as RawSocket;
    raw.socket.send(encodeBase64(updateMessage(second)));
    const closed = await raw.closed;
    const control = raw.frames.map((f) => decodeFrame(f)).find((f) => f.kind === 'control');
    expect(control).toMatchObject({ kind: 'control', control: { type: 'close', code: CLOSE_CODES.resync } });
    expect(new TextEncoder().encode((control as { control: { reason: string } }).control.reason).byteLength).toBeLessThanOrEqual(123);
    expect(closed.code).not.toBe(1006);
    await stack.gateway.idle();
    expect((await stack.updates.load(BOARD)).updates.length).toBe(before);
    expect(readBoard(await storedDoc(stack, BOARD)).cards.find((c) => c.id === 't1')).toMatchObject({ status: 'todo' });

    // The same client state through a stock provider: its sync step 2 carries both updates.
    const client = connectClient(stack, BOARD, token, leader);
    await synced(client);
    await waitFor(async () => title(await storedDoc(stack, BOARD)) === 'Bước một (không gửi)', 'the resync stores both edits');
    expect(readBoard(await storedDoc(stack, BOARD)).cards.find((c) => c.id === 't1')).toMatchObject({ status: 'done' });
    expect(client.permissionDenied).toEqual([]);
    client.destroy();
  });
});
