/**
 * Attacks on accounts over real HTTP against the local stack (issue 10, items 4-6):
 *  - invitation takeover: a board admin adds an e-mail the global admin has invited elsewhere
 *    and hopes for a token that sets its password; or adds a new e-mail first, hoping to claim
 *    the account before the roles others give it arrive;
 *  - a burst of concurrent wrong passwords against one e-mail, hoping all are checked;
 *  - a password change that leaves the thief's session signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@binhan/local';
import { createBoard, login, makeUser, PASSWORD, startAccessStack, tableText, type Call } from '../helpers/access';

describe('account abuse', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;

  beforeAll(async () => {
    ({ stack, call, adminCookie: admin } = await startAccessStack());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('invitation takeover: the admin of board B adding an e-mail invited as leader on board A gets no token; the real invitation still works', async () => {
    const boardA = await createBoard(call, admin, 'Bảng A');
    const boardB = await createBoard(call, admin, 'Bảng B');
    const mallory = await makeUser(stack, call, 'mallory@binhan.gov.vn', { [boardB]: 'admin' });
    // The global admin invites x as leader on board A.
    const real = await call('POST', `/api/boards/${boardA}/members`, { cookie: admin, body: { email: 'x.chu-tich@binhan.gov.vn', role: 'leader' } });
    expect(real.status).toBe(201);
    expect(real.json.created).toBe(true);
    const realToken = real.json.invite.token as string;
    // Before x accepts, the admin of board B adds the same e-mail (any case) to board B.
    const attack = await call('POST', `/api/boards/${boardB}/members`, { cookie: mallory.cookie, body: { email: 'X.Chu-Tich@binhan.gov.vn', role: 'viewer' } });
    expect(attack.status).toBe(201);
    expect(attack.json.created).toBe(false);
    expect(attack.json.invite).toBeUndefined();
    expect(attack.json.invitePending).toBe(true);
    expect(attack.text).not.toMatch(/[A-Za-z0-9_-]{43}/); // no token of any shape in the answer
    // Nor may the board admin ask for a fresh invitation of that account.
    const reissue = await call('POST', `/api/accounts/${real.json.member.userId}/invite`, { cookie: mallory.cookie });
    expect(reissue.status).toBe(403);
    // The real person's own invitation works and gives them their own password.
    const accepted = await call('POST', '/api/auth/accept-invite', { body: { token: realToken, name: 'Chủ tịch', password: 'mat-khau-chu-tich-2025' } });
    expect(accepted.status).toBe(200);
    const cookie = await login(call, 'x.chu-tich@binhan.gov.vn', 'mat-khau-chu-tich-2025');
    const boards = (await call('GET', '/api/boards', { cookie })).json.boards as { boardId: string; role: string }[];
    expect(boards.map((b) => [b.boardId, b.role]).sort()).toEqual([[boardA, 'leader'], [boardB, 'viewer']].sort());
  });

  it('claim in advance: a board admin who adds a new e-mail first gets no token either; the global admin\'s invitation is the only one and works', async () => {
    const boardA = await createBoard(call, admin, 'Bảng A2');
    const boardB = await createBoard(call, admin, 'Bảng B2');
    const mallory = await makeUser(stack, call, 'mallory3@binhan.gov.vn', { [boardB]: 'admin' });
    const invitesBefore = (await tableText(stack.table)).split('\n').filter((line) => line.includes('"pk":"INVITE#')).length;
    // The admin of board B adds the chairman's e-mail before anyone else has: the account is
    // made (invited, viewer on B), but the answer holds nothing that sets its password.
    const early = await call('POST', `/api/boards/${boardB}/members`, { cookie: mallory.cookie, body: { email: 'chu-tich@binhan.gov.vn', role: 'viewer' } });
    expect(early.status).toBe(201);
    expect(early.json.created).toBe(true);
    expect(early.json.invite).toBeUndefined();
    expect(early.json.invitePending).toBe(true);
    expect(early.text).not.toMatch(/[A-Za-z0-9_-]{43}/);
    const userId = early.json.member.userId as string;
    // What Mallory tries next: a fresh invitation (403), signing in as the account (401).
    expect((await call('POST', `/api/accounts/${userId}/invite`, { cookie: mallory.cookie })).status).toBe(403);
    expect((await call('POST', '/api/auth/login', { body: { email: 'chu-tich@binhan.gov.vn', password: 'bat-ky-mat-khau' } })).status).toBe(401);
    // Mallory's own board work is unaffected: adding an active colleague still works.
    await makeUser(stack, call, 'dong-nghiep@binhan.gov.vn');
    expect((await call('POST', `/api/boards/${boardB}/members`, { cookie: mallory.cookie, body: { email: 'dong-nghiep@binhan.gov.vn', role: 'editor' } })).status).toBe(201);
    // The global admin makes the chairman leader on board A: an existing account, so no token
    // here either; the administrator issues the invitation link explicitly.
    const grant = await call('POST', `/api/boards/${boardA}/members`, { cookie: admin, body: { email: 'chu-tich@binhan.gov.vn', role: 'leader' } });
    expect(grant.status).toBe(201);
    expect(grant.json.invite).toBeUndefined();
    expect(grant.json.invitePending).toBe(true);
    const issued = await call('POST', `/api/accounts/${userId}/invite`, { cookie: admin });
    expect(issued.status).toBe(201);
    // Storage holds exactly one invitation for the account: the administrator's.
    const invitesAfter = (await tableText(stack.table)).split('\n').filter((line) => line.includes('"pk":"INVITE#')).length;
    expect(invitesAfter - invitesBefore).toBe(1);
    const accepted = await call('POST', '/api/auth/accept-invite', { body: { token: issued.json.invite.token, name: 'Chủ tịch', password: 'mat-khau-chu-tich-that' } });
    expect(accepted.status).toBe(200);
    const cookie = await login(call, 'chu-tich@binhan.gov.vn', 'mat-khau-chu-tich-that');
    const boards = (await call('GET', '/api/boards', { cookie })).json.boards as { boardId: string; role: string }[];
    expect(boards.map((b) => [b.boardId, b.role]).sort()).toEqual([[boardA, 'leader'], [boardB, 'viewer']].sort());
  });

  it('adding an active account to another board returns no token and leaves its password as it was', async () => {
    const boardB = await createBoard(call, admin, 'Bảng C');
    const mallory = await makeUser(stack, call, 'mallory2@binhan.gov.vn', { [boardB]: 'admin' });
    await makeUser(stack, call, 'lan.active@binhan.gov.vn');
    const res = await call('POST', `/api/boards/${boardB}/members`, { cookie: mallory.cookie, body: { email: 'lan.active@binhan.gov.vn', role: 'editor' } });
    expect(res.status).toBe(201);
    expect(res.json.invite).toBeUndefined();
    expect(res.json.invitePending).toBeUndefined();
    await login(call, 'lan.active@binhan.gov.vn', PASSWORD);
  });

  it('the global admin may issue a fresh invitation for a pending account; the first one keeps working', async () => {
    const board = await createBoard(call, admin, 'Bảng D');
    const first = await call('POST', `/api/boards/${board}/members`, { cookie: admin, body: { email: 'mat-link@binhan.gov.vn', role: 'editor' } });
    const userId = first.json.member.userId as string;
    const again = await call('POST', `/api/accounts/${userId}/invite`, { cookie: admin });
    expect(again.status).toBe(201);
    expect(again.json.invite.token).not.toBe(first.json.invite.token);
    const accepted = await call('POST', '/api/auth/accept-invite', { body: { token: first.json.invite.token, name: 'Mất link', password: 'mat-khau-rieng-2025' } });
    expect(accepted.status).toBe(200);
    // Once accepted, no other invitation (the fresh one included) can set the password again.
    const late = await call('POST', '/api/auth/accept-invite', { body: { token: again.json.invite.token, name: 'Kẻ khác', password: 'ke-khac-2025-x' } });
    expect(late.status).toBe(400);
    expect((await call('POST', `/api/accounts/${userId}/invite`, { cookie: admin })).status).toBe(409);
    await login(call, 'mat-link@binhan.gov.vn', 'mat-khau-rieng-2025');
  });

  it('60 concurrent wrong passwords for one e-mail: at most 5 are checked (401), the rest get 429; the right password then waits too', async () => {
    await makeUser(stack, call, 'burst@binhan.gov.vn');
    const burst = await Promise.all(
      Array.from({ length: 60 }, () => call('POST', '/api/auth/login', { body: { email: 'burst@binhan.gov.vn', password: 'doan-sai-mat-khau' } })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(55);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const right = await call('POST', '/api/auth/login', { body: { email: 'burst@binhan.gov.vn', password: PASSWORD } });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('a right password hidden in a burst of 60 wrong ones does not get through once 5 attempts are counted', async () => {
    await makeUser(stack, call, 'burst2@binhan.gov.vn');
    // 60 wrong ones, then the right one last, all in flight at once.
    const passwords = [...Array.from({ length: 60 }, (_, i) => `sai-${i}-mat-khau`), PASSWORD];
    const burst = await Promise.all(passwords.map((password) => call('POST', '/api/auth/login', { body: { email: 'burst2@binhan.gov.vn', password } })));
    const checked = burst.filter((r) => r.status === 401 || r.status === 200).length;
    expect(checked).toBeLessThanOrEqual(5);
    // Whether or not the right one was among the 5 checked, after the burst the e-mail is locked.
    if (burst[60]!.status === 200) {
      // It was checked in time: the count was cleared by the sign-in, so at most 5 before it.
      expect(burst.slice(0, 60).filter((r) => r.status === 401).length).toBeLessThanOrEqual(5);
    } else {
      expect(burst[60]!.status).toBe(429);
      expect((await call('POST', '/api/auth/login', { body: { email: 'burst2@binhan.gov.vn', password: PASSWORD } })).status).toBe(429);
    }
  });

  it('a password change ends every other session of the account; the caller stays signed in', async () => {
    const user = await makeUser(stack, call, 'hai-may@binhan.gov.vn');
    const thief = await login(call, 'hai-may@binhan.gov.vn', PASSWORD); // someone who knew the old password
    expect((await call('GET', '/api/auth/me', { cookie: thief })).status).toBe(200);
    const res = await call('POST', '/api/auth/password', { cookie: user.cookie, body: { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-hai-may' } });
    expect(res.status).toBe(200);
    const fresh = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(fresh).toMatch(/^binhan_session=/);
    expect((await call('GET', '/api/auth/me', { cookie: thief })).status).toBe(401);
    expect((await call('GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(401); // the old cookie is replaced
    expect((await call('GET', '/api/auth/me', { cookie: fresh })).json.user.email).toBe('hai-may@binhan.gov.vn');
    // The old password no longer signs in, the new one does, and that new session is valid.
    expect((await call('POST', '/api/auth/login', { body: { email: 'hai-may@binhan.gov.vn', password: PASSWORD } })).status).toBe(401);
    const again = await login(call, 'hai-may@binhan.gov.vn', 'mat-khau-moi-hai-may');
    expect((await call('GET', '/api/auth/me', { cookie: again })).status).toBe(200);
  });
});
