/**
 * Bad input on the sync endpoint: each attempt gets a clear error frame or close code, the
 * server keeps serving, and the stored board is unchanged. Raw sockets here, so we control
 * exactly what goes on the wire.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { openRawSocket, type RawSocket } from '../helpers/raw-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@binhan/local';
import { encodeBase64 } from '@binhan/transport';
import { startTestStack, storedDoc, tokensFor, waitFor } from '../helpers/sync-clients';


const message = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
};
const syncStep1 = (doc: Y.Doc) =>
  message(
    (e) => encoding.writeVarUint(e, 0),
    (e) => encoding.writeVarUint(e, 0),
    (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)),
  );
const updateMsg = (update: Uint8Array) =>
  message(
    (e) => encoding.writeVarUint(e, 0),
    (e) => encoding.writeVarUint(e, 2),
    (e) => encoding.writeVarUint8Array(e, update),
  );

const errorFrames = (c: RawSocket) =>
  c.frames.filter((f) => f.startsWith('{')).map((f) => JSON.parse(f) as { type: string; code: string; message: string });

describe('bad input on /sync', () => {
  let stack: LocalStack;
  let tokens: { edit: string; view: string };
  let storedBefore: Uint8Array;
  const board = 'bad-input';

  beforeAll(async () => {
    stack = await startTestStack();
    tokens = tokensFor(stack, board);
    const doc = new Y.Doc();
    doc.getMap('items').set('kept', 'Giấy khen');
    await stack.updates.append(board, Y.encodeStateAsUpdate(doc));
    storedBefore = (await stack.updates.loadMerged(board)).update;
  });
  afterAll(async () => {
    await stack.close();
  });

  async function expectBoardUnchangedAndServing(): Promise<void> {
    await stack.gateway.idle();
    const now = await stack.updates.load(board);
    expect(now.updates).toHaveLength(1);
    expect((await storedDoc(stack, board)).getMap('items').toJSON()).toEqual({ kept: 'Giấy khen' });
    expect(Y.encodeStateVectorFromUpdate((await stack.updates.loadMerged(board)).update)).toEqual(Y.encodeStateVectorFromUpdate(storedBefore));
    // Still serving: a fresh client gets the board.
    const probe = (await openRawSocket(stack, `board=${board}&token=${tokens.view}`)) as RawSocket;
    probe.socket.send(encodeBase64(syncStep1(new Y.Doc())));
    await waitFor(() => probe.frames.length >= 2, 'probe answered');
    probe.socket.close();
  }

  it('closes the socket with 1003 on a binary frame', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    c.socket.send(updateMsg(Y.encodeStateAsUpdate(new Y.Doc())), { binary: true });
    expect((await c.closed).code).toBe(1003);
    await expectBoardUnchangedAndServing();
  });

  it('answers garbage base64 with a bad-base64 error and keeps the socket open', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    c.socket.send('this is not base64!!');
    await waitFor(() => errorFrames(c).length === 1, 'error frame');
    expect(errorFrames(c)[0]).toMatchObject({ type: 'error', code: 'bad-base64' });
    expect(errorFrames(c)[0]!.message).toMatch(/base64/);
    expect(c.socket.readyState).toBe(WebSocket.OPEN);
    c.socket.close();
    await expectBoardUnchangedAndServing();
  });

  it('answers a truncated y-protocols message with malformed-message', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    // sync/update claiming 50 bytes of payload, carrying 3
    c.socket.send(encodeBase64(new Uint8Array([0, 2, 50, 1, 2, 3])));
    await waitFor(() => errorFrames(c).length === 1, 'error frame');
    expect(errorFrames(c)[0]).toMatchObject({ code: 'malformed-message' });
    c.socket.close();
    await expectBoardUnchangedAndServing();
  });

  it('refuses a truncated Yjs update inside a well-formed message with malformed-update', async () => {
    const doc = new Y.Doc();
    doc.getMap('items').set('evil', 'x'.repeat(100));
    const full = Y.encodeStateAsUpdate(doc);
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    c.socket.send(encodeBase64(updateMsg(full.subarray(0, full.length - 20))));
    await waitFor(() => errorFrames(c).length === 1, 'error frame');
    expect(errorFrames(c)[0]).toMatchObject({ code: 'malformed-update' });
    c.socket.close();
    await expectBoardUnchangedAndServing();
  });

  it('answers unknown message types with unknown-message', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    c.socket.send(encodeBase64(new Uint8Array([9, 1, 2])));
    c.socket.send(encodeBase64(new Uint8Array([0, 7, 0])));
    await waitFor(() => errorFrames(c).length === 2, 'two error frames');
    expect(errorFrames(c).map((e) => e.code)).toEqual(['unknown-message', 'unknown-message']);
    c.socket.close();
    await expectBoardUnchangedAndServing();
  });

  it('answers a malformed fragment and a client control frame with clear errors', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    c.socket.send('~abc.5.2.AAAA');
    c.socket.send('{"type":"close","code":4000,"reason":"x"}');
    await waitFor(() => errorFrames(c).length === 2, 'two error frames');
    expect(errorFrames(c).map((e) => e.code).sort()).toEqual(['bad-control', 'bad-fragment']);
    c.socket.close();
    await expectBoardUnchangedAndServing();
  });

  it('closes with 1009 on a message over 128 KB', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.edit}`)) as RawSocket;
    c.socket.send('A'.repeat(129 * 1024));
    expect((await c.closed).code).toBe(1009);
    await expectBoardUnchangedAndServing();
  });

  it('refuses the handshake without a token (401), with a forged one (403), an expired one (403) or another board\'s (403)', async () => {
    const missing = await openRawSocket(stack, `board=${board}`);
    expect(missing).toMatchObject({ status: 401 });
    expect((missing as { body: string }).body).toMatch(/Missing token/);

    const [v, payload] = tokens.edit.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ b: board, r: 'edit', exp: 9_999_999_999, jti: 'x', sub: '' })).toString('base64url');
    const forged = await openRawSocket(stack, `board=${board}&token=${v}.${forgedPayload}.${tokens.edit.split('.')[2]}`);
    expect(forged).toMatchObject({ status: 403 });
    expect((forged as { body: string }).body).toMatch(/signature/);
    expect(payload).not.toBe(forgedPayload);

    const expired = stack.tokens.issue({ boardId: board, right: 'edit', ttlSeconds: -10 });
    expect(await openRawSocket(stack, `board=${board}&token=${expired}`)).toMatchObject({ status: 403, body: expect.stringMatching(/expired/) });

    const other = stack.tokens.issue({ boardId: 'another-board', right: 'edit', ttlSeconds: 60 });
    expect(await openRawSocket(stack, `board=${board}&token=${other}`)).toMatchObject({ status: 403, body: expect.stringMatching(/another board/) });

    expect(await openRawSocket(stack, `board=../etc&token=${tokens.edit}`)).toMatchObject({ status: 400 });
    await expectBoardUnchangedAndServing();
  });

  it('refuses a view token\'s update with permission-denied and stores nothing', async () => {
    const c = (await openRawSocket(stack, `board=${board}&token=${tokens.view}`)) as RawSocket;
    const doc = new Y.Doc();
    doc.getMap('items').set('kept', 'overwritten by a viewer');
    c.socket.send(encodeBase64(updateMsg(Y.encodeStateAsUpdate(doc))));
    await waitFor(() => c.frames.length === 1, 'an answer');
    const bytes = Buffer.from(c.frames[0]!, 'base64');
    expect(bytes[0]).toBe(2); // messageAuth
    expect(bytes[1]).toBe(0); // permission denied
    expect(bytes.subarray(3).toString('utf8')).toMatch(/read-only/);
    c.socket.close();
    await expectBoardUnchangedAndServing();
  });
});
