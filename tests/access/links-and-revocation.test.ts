/**
 * Share links and revocation over real sockets: a y-websocket client through the base64
 * polyfill (and raw sockets) against the local gateway. A revoked link's open socket is closed
 * with 4403 within 3 s and hears nothing more; a removed member's socket likewise, and their
 * later edits never reach storage; an expired link is refused; an archived board cannot be
 * opened live.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, updateCard } from '@binhan/core';
import { encodeBase64 } from '@binhan/transport';
import type { LocalStack } from '@binhan/local';
import { createBoard, makeUser, openRawSync, startAccessStack, type Call } from '../helpers/access';
import { connectClient, storedDoc, synced, waitFor, type SyncClient } from '../helpers/sync-clients';

function closeCodes(client: SyncClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event: { code: number } | null) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

function firstTask(doc: Y.Doc): string {
  return readBoard(doc).cards.find((c) => c.kind === 'task')!.id;
}

function titleOf(doc: Y.Doc, cardId: string): string {
  const card = readBoard(doc).cards.find((c) => c.id === cardId)!;
  return (card as { title: string }).title;
}

const syncStep1 = () => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
  return encodeBase64(encoding.toUint8Array(e));
};

describe('share links and revocation', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;
  let adminId: string;
  const clients: SyncClient[] = [];
  const client = (boardId: string, token: string) => {
    const c = connectClient(stack, boardId, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const started = await startAccessStack();
    ({ stack, call, adminCookie: admin, adminId } = started);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  it('creates, lists and revokes a labelled link; the revoked link\'s open socket is closed with 4403 within 3 s and hears nothing more', async () => {
    const boardId = await createBoard(call, admin);
    const editor = await makeUser(stack, call, 'lan@binhan.gov.vn', { [boardId]: 'editor' });
    const created = await call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: 'Phòng Nội vụ' } });
    expect(created.status).toBe(201);
    expect(created.json.link).toMatchObject({ label: 'Phòng Nội vụ', expiresAt: null, revokedAt: null, state: 'active' });
    const url = new URL(created.json.url);
    expect(url.searchParams.get('board')).toBe(boardId);
    const linkToken = url.searchParams.get('token')!;

    const listed = await call('GET', `/api/boards/${boardId}/links`, { cookie: admin });
    expect(listed.json.links).toEqual([expect.objectContaining({ linkId: created.json.link.linkId, label: 'Phòng Nội vụ', state: 'active', url: expect.any(String) })]);

    const staffToken = (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: editor.cookie })).json.token;
    const staff = client(boardId, staffToken);
    const district = client(boardId, linkToken);
    const codes = closeCodes(district);
    await Promise.all([synced(staff), synced(district)]);
    const cardId = firstTask(staff.doc);
    updateCard(staff.doc, cardId, { title: 'Rà soát danh sách điển hình' }, { actor: editor.userId, now: new Date() });
    await waitFor(() => titleOf(district.doc, cardId) === 'Rà soát danh sách điển hình', 'the district sees the edit live');

    const revokedAt = Date.now();
    const revoked = await call('DELETE', `/api/boards/${boardId}/links/${created.json.link.linkId}`, { cookie: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ disconnected: 1, link: { state: 'revoked', revokedBy: adminId } });
    await waitFor(() => codes.includes(4403), 'the district socket closed with 4403', 3000);
    expect(Date.now() - revokedAt).toBeLessThan(3000);

    // Nothing more reaches it, and it cannot come back (y-websocket keeps trying: each refused).
    updateCard(staff.doc, cardId, { title: 'Sau khi thu hồi' }, { actor: editor.userId, now: new Date() });
    await stack.gateway.idle();
    await new Promise((r) => setTimeout(r, 500));
    expect(titleOf(district.doc, cardId)).toBe('Rà soát danh sách điển hình');
    expect(district.provider.wsconnected).toBe(false);
    const again = await openRawSync(stack, boardId, linkToken);
    expect(again).toMatchObject({ status: 403, body: expect.stringMatching(/thu hồi.*revoked/) });
    expect((await call('GET', `/api/boards/${boardId}`, { token: linkToken })).status).toBe(403);
    const after = await call('GET', `/api/boards/${boardId}/links`, { cookie: admin });
    expect(after.json.links[0]).toMatchObject({ state: 'revoked' });
    expect(after.json.links[0].url).toBeUndefined();
    district.destroy();
  });

  it('removing a member cuts their open socket (4403), voids their tokens, and their later edits never reach storage', async () => {
    const boardId = await createBoard(call, admin);
    const hung = await makeUser(stack, call, 'hung@binhan.gov.vn', { [boardId]: 'editor' });
    const token = (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: hung.cookie })).json.token as string;
    const c = client(boardId, token);
    const codes = closeCodes(c);
    await synced(c);
    const cardId = firstTask(c.doc);
    updateCard(c.doc, cardId, { title: 'Trước khi bị xóa' }, { actor: hung.userId, now: new Date() });
    await waitFor(async () => titleOf(await storedDoc(stack, boardId), cardId) === 'Trước khi bị xóa', 'edit stored');

    const removedAt = Date.now();
    expect((await call('DELETE', `/api/boards/${boardId}/members/${hung.userId}`, { cookie: admin })).status).toBe(200);
    await waitFor(() => codes.includes(4403), 'the member socket closed with 4403', 3000);
    expect(Date.now() - removedAt).toBeLessThan(3000);

    updateCard(c.doc, cardId, { title: 'Sửa sau khi bị xóa' }, { actor: hung.userId, now: new Date() });
    await new Promise((r) => setTimeout(r, 800));
    await stack.gateway.idle();
    expect(titleOf(await storedDoc(stack, boardId), cardId)).toBe('Trước khi bị xóa');
    expect(await openRawSync(stack, boardId, token)).toMatchObject({ status: 403 });
    expect((await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: hung.cookie })).status).toBe(403);
    c.destroy();
  });

  it('a role change voids the old token; a new token carries the new role', async () => {
    const boardId = await createBoard(call, admin);
    const mai = await makeUser(stack, call, 'mai@binhan.gov.vn', { [boardId]: 'leader' });
    const old = (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: mai.cookie })).json;
    expect(old.role).toBe('leader');
    expect((await call('PATCH', `/api/boards/${boardId}/members/${mai.userId}`, { cookie: admin, body: { role: 'viewer' } })).status).toBe(200);
    expect(await openRawSync(stack, boardId, old.token)).toMatchObject({ status: 403 });
    const fresh = (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: mai.cookie })).json;
    expect(fresh).toMatchObject({ role: 'viewer', right: 'view' });
    const raw = await openRawSync(stack, boardId, fresh.token);
    expect('socket' in raw).toBe(true);
    if ('socket' in raw) raw.socket.close();
  });

  it('an expired link is refused over sync and HTTP, and its open socket hears nothing after expiry', async () => {
    const boardId = await createBoard(call, admin);
    const editor = await makeUser(stack, call, 'tuan@binhan.gov.vn', { [boardId]: 'editor' });
    const expiresAt = new Date(Date.now() + 2500).toISOString();
    const link = await call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: 'Tạm thời', expiresAt } });
    expect(link.status).toBe(201);
    const raw = await openRawSync(stack, boardId, link.json.token);
    if (!('socket' in raw)) throw new Error(`refused before expiry: ${raw.status}`);
    const staff = client(boardId, (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: editor.cookie })).json.token);
    await synced(staff);
    await waitFor(() => Date.now() > Date.parse(expiresAt) + 100, 'the link expired', 5000);

    const seen = raw.frames.length;
    updateCard(staff.doc, firstTask(staff.doc), { title: 'Sau khi hết hạn' }, { actor: editor.userId, now: new Date() });
    await stack.gateway.idle();
    await new Promise((r) => setTimeout(r, 300));
    expect(raw.frames.length).toBe(seen); // no update went to the expired link
    raw.socket.send(syncStep1()); // its next message closes it
    await waitFor(() => raw.frames.some((f) => f.includes('"close"')), 'told to close', 3000);
    expect((await raw.closed).code).not.toBe(1006);

    expect(await openRawSync(stack, boardId, link.json.token)).toMatchObject({ status: 403, body: expect.stringMatching(/expired/) });
    expect((await call('GET', `/api/boards/${boardId}`, { token: link.json.token })).status).toBe(403);
    const listed = await call('GET', `/api/boards/${boardId}/links`, { cookie: admin });
    expect(listed.json.links[0]).toMatchObject({ state: 'expired' });
    const past = await call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: 'Quá khứ', expiresAt: '2020-01-01' } });
    expect(past.status).toBe(400);
  });

  it('archiving a board closes its sockets and refuses links; members still read it, it leaves the list unless asked for', async () => {
    const boardId = await createBoard(call, admin, 'Kế hoạch cũ');
    const link = (await call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: 'Huyện' } })).json.token as string;
    const viewer = client(boardId, link);
    const codes = closeCodes(viewer);
    await synced(viewer);
    expect((await call('PATCH', `/api/boards/${boardId}`, { cookie: admin, body: { archived: true } })).json.board.archived).toBe(true);
    await waitFor(() => codes.includes(4403), 'closed on archive', 3000);
    expect(await openRawSync(stack, boardId, link)).toMatchObject({ status: 403, body: expect.stringMatching(/archived/) });
    expect((await call('GET', `/api/boards/${boardId}`, { token: link })).json.error.code).toBe('archived');
    expect((await call('GET', `/api/boards/${boardId}`, { cookie: admin })).status).toBe(200);
    expect((await call('GET', '/api/boards', { cookie: admin })).json.boards.map((b: { boardId: string }) => b.boardId)).not.toContain(boardId);
    expect((await call('GET', '/api/boards?archived=1', { cookie: admin })).json.boards.map((b: { boardId: string }) => b.boardId)).toContain(boardId);
    expect((await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: admin })).status).toBe(403);
    viewer.destroy();
  });

  it('renaming a board changes its title in the list and in the board document', async () => {
    const boardId = await createBoard(call, admin, 'Tên cũ');
    const res = await call('PATCH', `/api/boards/${boardId}`, { cookie: admin, body: { title: 'Hội nghị tuyên dương 2025' } });
    expect(res.json.board.title).toBe('Hội nghị tuyên dương 2025');
    expect(readBoard(await storedDoc(stack, boardId)).title).toBe('Hội nghị tuyên dương 2025');
    expect((await call('GET', `/api/boards/${boardId}`, { cookie: admin })).json.board.title).toBe('Hội nghị tuyên dương 2025');
  });

  it('boards made without the registry (as the sync tests do) still open with a token', async () => {
    const token = stack.tokens.issue({ boardId: 'khong-dang-ky', right: 'edit', ttlSeconds: 600 });
    const raw = await openRawSync(stack, 'khong-dang-ky', token);
    expect('socket' in raw).toBe(true);
    if ('socket' in raw) raw.socket.close();
  });
});
