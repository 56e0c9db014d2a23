/**
 * A password change ends the account's other sessions *and* what they issued (issue 10, item 6),
 * over real HTTP and real y-websocket clients against the local stack. Tried: the same person
 * signed in twice (two browsers, or a thief who knew the old password), a socket opened with a
 * sync token of each session; the password changed in session 1. Session 2's HTTP calls get 401,
 * its socket is closed with 4403 and a reason saying why, its token is refused on a new socket
 * and as a bearer token, its later edits never reach storage; session 1 stays signed in and its
 * socket keeps syncing both ways.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, updateCard } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { createBoard, login, makeUser, openRawSync, PASSWORD, startAccessStack, type Call } from '../helpers/access';
import { connectClient, storedDoc, synced, waitFor, type SyncClient } from '../helpers/sync-clients';

function closes(client: SyncClient): { code: number; reason: string }[] {
  const seen: { code: number; reason: string }[] = [];
  client.provider.on('connection-close', (event: { code: number; reason?: string } | null) => {
    if (event) seen.push({ code: event.code, reason: String(event.reason ?? '') });
  });
  return seen;
}

const tasks = (doc: Y.Doc) => readBoard(doc).cards.filter((c) => c.kind === 'task').map((c) => c.id);
const titleOf = (doc: Y.Doc, cardId: string) => (readBoard(doc).cards.find((c) => c.id === cardId) as { title: string }).title;

describe('password change and the sockets of other sessions', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;
  const clients: SyncClient[] = [];
  const client = (boardId: string, token: string) => {
    const c = connectClient(stack, boardId, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    ({ stack, call, adminCookie: admin } = await startAccessStack());
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  it('session 2 gets 401 and its socket is cut (4403, "password changed"); session 1 keeps its socket syncing', async () => {
    const boardA = await createBoard(call, admin, 'Bảng A');
    const boardB = await createBoard(call, admin, 'Bảng B');
    const user = await makeUser(stack, call, 'hai-phien@binhan.gov.vn', { [boardA]: 'editor', [boardB]: 'viewer' });
    const session1 = user.cookie;
    const session2 = await login(call, 'hai-phien@binhan.gov.vn', PASSWORD); // another browser, or a thief
    const tokenOf = async (cookie: string, boardId: string) => {
      const res = await call('POST', `/api/boards/${boardId}/sync-token`, { cookie });
      expect(res.status).toBe(200);
      return res.json.token as string;
    };
    const token1 = await tokenOf(session1, boardA);
    const token2 = await tokenOf(session2, boardA);
    const token2b = await tokenOf(session2, boardB);
    const c1 = client(boardA, token1);
    const c2 = client(boardA, token2);
    const c2b = client(boardB, token2b);
    const closes1 = closes(c1);
    const closes2 = closes(c2);
    const closes2b = closes(c2b);
    const adminToken = (await call('POST', `/api/boards/${boardA}/sync-token`, { cookie: admin })).json.token as string;
    const other = client(boardA, adminToken); // someone else on the board
    await Promise.all([synced(c1), synced(c2), synced(c2b), synced(other)]);
    const [card1, card2, card3] = tasks(c1.doc) as [string, string, string];

    const changedAt = Date.now();
    const res = await call('POST', '/api/auth/password', { cookie: session1, body: { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-hai-phien' } });
    expect(res.status).toBe(200);
    expect(res.json.socketsClosed).toBe(2); // session 2's sockets on both boards
    const fresh1 = (res.headers.get('set-cookie') ?? '').split(';')[0]!;

    // Session 2's sockets are closed with 4403 and the reason, on both boards, within 3 s.
    await waitFor(() => closes2.length > 0 && closes2b.length > 0, 'session 2 sockets closed', 3000);
    expect(Date.now() - changedAt).toBeLessThan(3000);
    for (const seen of [closes2[0]!, closes2b[0]!]) {
      expect(seen.code).toBe(4403);
      expect(seen.reason).toContain('Password changed: sign in again');
      expect(seen.reason).toContain('Mật khẩu đã đổi');
    }
    // y-websocket stops reconnecting on 44xx: the socket stays closed.
    await new Promise((r) => setTimeout(r, 500));
    expect(c2.provider.wsconnected).toBe(false);
    expect(closes2.length).toBe(1);

    // Session 2's HTTP calls: 401, and its tokens are refused on a new socket and as a bearer.
    expect((await call('GET', '/api/auth/me', { cookie: session2 })).status).toBe(401);
    expect((await call('GET', `/api/boards/${boardA}`, { cookie: session2 })).status).toBe(401);
    expect((await call('POST', `/api/boards/${boardA}/sync-token`, { cookie: session2 })).status).toBe(401);
    expect(await openRawSync(stack, boardA, token2)).toMatchObject({ status: 403 });
    expect(await openRawSync(stack, boardB, token2b)).toMatchObject({ status: 403 });
    expect((await call('GET', `/api/boards/${boardA}`, { token: token2 })).status).toBe(403);

    // What the cut client does next: its edits stay local, never stored, never seen by others.
    updateCard(c2.doc, card2, { title: 'Sửa từ phiên đã kết thúc' }, { actor: user.userId, now: new Date() });

    // Session 1: still signed in (with the fresh cookie), its socket never closed and syncing both ways.
    expect((await call('GET', '/api/auth/me', { cookie: fresh1 })).status).toBe(200);
    expect(closes1).toEqual([]);
    expect(c1.provider.wsconnected).toBe(true);
    updateCard(c1.doc, card1, { title: 'Sửa từ phiên 1 sau khi đổi mật khẩu' }, { actor: user.userId, now: new Date() });
    await waitFor(() => titleOf(other.doc, card1) === 'Sửa từ phiên 1 sau khi đổi mật khẩu', 'session 1 edit reaches the others');
    await waitFor(async () => titleOf(await storedDoc(stack, boardA), card1) === 'Sửa từ phiên 1 sau khi đổi mật khẩu', 'session 1 edit stored');
    updateCard(other.doc, card3, { title: 'Sửa của người khác' }, { actor: 'admin', now: new Date() });
    await waitFor(() => titleOf(c1.doc, card3) === 'Sửa của người khác', 'session 1 receives the others');
    // Session 1's old token still opens sockets; the fresh cookie gets new tokens.
    const reopened = await openRawSync(stack, boardA, token1);
    expect('socket' in reopened).toBe(true);
    if ('socket' in reopened) reopened.socket.close();
    expect((await call('POST', `/api/boards/${boardA}/sync-token`, { cookie: fresh1 })).status).toBe(200);

    await stack.gateway.idle();
    const stored = await storedDoc(stack, boardA);
    expect(titleOf(stored, card2)).not.toBe('Sửa từ phiên đã kết thúc');
    expect(titleOf(other.doc, card2)).not.toBe('Sửa từ phiên đã kết thúc');

    // The person behind session 2 signs in again with the new password and is back.
    const again = await login(call, 'hai-phien@binhan.gov.vn', 'mat-khau-moi-hai-phien');
    const c3 = client(boardA, await tokenOf(again, boardA));
    await synced(c3);
    updateCard(c3.doc, card2, { title: 'Sửa sau khi đăng nhập lại' }, { actor: user.userId, now: new Date() });
    await waitFor(async () => titleOf(await storedDoc(stack, boardA), card2) === 'Sửa sau khi đăng nhập lại', 'new session edit stored');
  });

  it('a second change from the same browser keeps its socket; a change from another sign-in cuts it', async () => {
    const board = await createBoard(call, admin, 'Bảng C');
    const user = await makeUser(stack, call, 'doi-hai-lan@binhan.gov.vn', { [board]: 'editor' });
    const token1 = (await call('POST', `/api/boards/${board}/sync-token`, { cookie: user.cookie })).json.token as string;
    const c1 = client(board, token1);
    const closes1 = closes(c1);
    await synced(c1);
    const first = await call('POST', '/api/auth/password', { cookie: user.cookie, body: { currentPassword: PASSWORD, newPassword: 'mat-khau-lan-mot-2025' } });
    expect(first.status).toBe(200);
    const fresh = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const second = await call('POST', '/api/auth/password', { cookie: fresh, body: { currentPassword: 'mat-khau-lan-mot-2025', newPassword: 'mat-khau-lan-hai-2025' } });
    expect(second.status).toBe(200);
    expect(second.json.socketsClosed).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(closes1).toEqual([]);
    // Signed in elsewhere with the newest password, then changed there: the first browser's socket goes.
    const elsewhere = await login(call, 'doi-hai-lan@binhan.gov.vn', 'mat-khau-lan-hai-2025');
    const third = await call('POST', '/api/auth/password', { cookie: elsewhere, body: { currentPassword: 'mat-khau-lan-hai-2025', newPassword: 'mat-khau-lan-ba-2025' } });
    expect(third.json.socketsClosed).toBe(1);
    await waitFor(() => closes1.some((c) => c.code === 4403), 'first browser socket closed', 3000);
    expect(await openRawSync(stack, board, token1)).toMatchObject({ status: 403 });
  });
});
