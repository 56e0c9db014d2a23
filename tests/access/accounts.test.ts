/**
 * Accounts and sessions: sign-in with scrypt hashes, HttpOnly session cookies stored hashed,
 * logout, the throttle (429 + Retry-After), invitations accepted once, the first administrator
 * (never a fixed default password), and no secret in storage.
 */
import { describe, expect, it } from 'vitest';
import { ensureTable, openTable, BoardUpdates, SyncTokens, Accounts, bootstrapAdmin, createHttpApp, hashPassword, verifyPassword, DEFAULT_ADMIN_EMAIL, cookieIsSecure } from '@binhan/functions';
import { startEmbeddedDynamo, type LocalStack } from '@binhan/local';
import { ADMIN, createBoard, login, makeUser, PASSWORD, tableDigest, tableText, type Call } from '../helpers/access';
import { useAccessStack } from '../helpers/stack-hooks';

describe('accounts, sessions and sign-in', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;

  useAccessStack((env) => ({ stack, call, adminCookie: admin } = env));

  it('hashes passwords with scrypt (N=2^15, r=8, p=1, per-user salt) and verifies them', async () => {
    const a = await hashPassword('mật khẩu dài 123');
    const b = await hashPassword('mật khẩu dài 123');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b); // salted
    expect(await verifyPassword('mật khẩu dài 123', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dài 124', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie (not Secure on plain-HTTP localhost), reads /me, and logs out for good', async () => {
    const res = await call('POST', '/api/auth/login', { body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^binhan_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0]!;
    expect((await call('GET', '/api/auth/me', { cookie })).json.user).toMatchObject({ email: ADMIN.email, globalAdmin: true });
    expect(res.json.user.passwordHash).toBeUndefined();
    // The table holds the session only hashed.
    expect(await tableText(stack.table)).not.toContain(cookie.split('=')[1]!);
    expect((await call('POST', '/api/auth/logout', { cookie })).status).toBe(200);
    expect((await call('GET', '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('sets Secure cookies over HTTPS (as on AWS)', async () => {
    expect(cookieIsSecure('https', 'https://x')).toBe(true);
    expect(cookieIsSecure(undefined, 'https://x')).toBe(true);
    expect(cookieIsSecure('http', 'https://x')).toBe(false);
    const app = createHttpApp({ table: stack.table, updates: new BoardUpdates(stack.table), tokens: new SyncTokens('s'.repeat(40)) });
    const res = await app.request('https://board.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('refuses a wrong password or unknown e-mail alike (401), and throttles after 5 failures with 429 + Retry-After', async () => {
    await makeUser(stack, call, 'thu@binhan.gov.vn');
    const wrong = await call('POST', '/api/auth/login', { body: { email: 'thu@binhan.gov.vn', password: 'sai mật khẩu' } });
    const unknown = await call('POST', '/api/auth/login', { body: { email: 'ai-do@binhan.gov.vn', password: 'sai mật khẩu' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error).toEqual(unknown.json.error);
    for (let i = 0; i < 4; i++) expect((await call('POST', '/api/auth/login', { body: { email: 'thu@binhan.gov.vn', password: `sai ${i}` } })).status).toBe(401);
    // Now even the right password is refused until the failures are 15 minutes old (each counts
    // with its whole minute: 15 to 16 minutes), whatever the time of day.
    const throttled = await call('POST', '/api/auth/login', { body: { email: 'thu@binhan.gov.vn', password: PASSWORD } });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(890);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(960);
    expect(throttled.json.error).toMatchObject({ code: 'too-many-attempts', messageVi: expect.stringMatching(/thử lại/) });
    // Other accounts are not affected.
    expect((await call('POST', '/api/auth/login', { body: ADMIN })).status).toBe(200);
  });

  it('invites a staff member with a role; the one-time token activates the account, sets the password and signs in', async () => {
    const boardId = await createBoard(call, admin);
    const invited = await call('POST', `/api/boards/${boardId}/members`, { cookie: admin, body: { email: 'Hoa.Nguyen@binhan.gov.vn', role: 'editor' } });
    expect(invited.status).toBe(201);
    expect(invited.json.member).toMatchObject({ email: 'hoa.nguyen@binhan.gov.vn', status: 'invited', role: 'editor' });
    const { token, url } = invited.json.invite as { token: string; url: string };
    expect(new URL(url).searchParams.get('invite')).toBe(token);
    expect(await tableText(stack.table)).not.toContain(token); // stored hashed only
    // An invited account cannot sign in yet.
    expect((await call('POST', '/api/auth/login', { body: { email: 'hoa.nguyen@binhan.gov.vn', password: 'anything-at-all' } })).status).toBe(401);
    const tooShort = await call('POST', '/api/auth/accept-invite', { body: { token, name: 'Nguyễn Thị Hoa', password: 'ngan' } });
    expect(tooShort.status).toBe(400);
    const accepted = await call('POST', '/api/auth/accept-invite', { body: { token, name: 'Nguyễn Thị Hoa', password: 'hoa-mat-khau-2025' } });
    expect(accepted.status).toBe(200);
    expect(accepted.json.user).toMatchObject({ name: 'Nguyễn Thị Hoa', status: 'active' });
    expect(accepted.json.boards).toEqual([expect.objectContaining({ boardId, role: 'editor' })]);
    const again = await call('POST', '/api/auth/accept-invite', { body: { token, name: 'Kẻ khác', password: 'ke-khac-mat-khau' } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('invalid-invite');
    const cookie = await login(call, 'hoa.nguyen@binhan.gov.vn', 'hoa-mat-khau-2025');
    expect((await call('GET', '/api/boards', { cookie })).json.boards.map((b: { boardId: string }) => b.boardId)).toEqual([boardId]);
    const members = await call('GET', `/api/boards/${boardId}/members`, { cookie: admin });
    expect(members.json.members).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'hoa.nguyen@binhan.gov.vn', role: 'editor', status: 'active' })]));
  });

  it('changes a password only with the current one', async () => {
    const user = await makeUser(stack, call, 'doi-mk@binhan.gov.vn');
    expect((await call('POST', '/api/auth/password', { cookie: user.cookie, body: { currentPassword: 'sai', newPassword: 'mat-khau-moi-2025' } })).status).toBe(401);
    expect((await call('POST', '/api/auth/password', { cookie: user.cookie, body: { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-2025' } })).status).toBe(200);
    await login(call, 'doi-mk@binhan.gov.vn', 'mat-khau-moi-2025');
  });

  it('keeps no password or session secret in storage: only scrypt hashes', async () => {
    const text = await tableText(stack.table);
    expect(text).not.toContain(ADMIN.password);
    expect(text).not.toContain(PASSWORD);
    expect(text).toMatch(/"passwordHash":"scrypt\$15\$8\$1\$/);
  });

  it('refused sign-ins and bad invites store nothing but the failure counter', async () => {
    const before = await tableDigest(stack.table);
    expect((await call('POST', '/api/auth/accept-invite', { body: { token: 'A'.repeat(43), name: 'x', password: 'long-enough-pw' } })).status).toBe(400);
    expect((await call('POST', '/api/auth/login', { body: { email: 42, password: [] } })).status).toBe(400);
    expect(await tableDigest(stack.table)).toEqual(before);
  });
});

describe('the first administrator', () => {
  it('is made from the given credentials, or with a random password shown once; never a fixed default', async () => {
    const engine = await startEmbeddedDynamo();
    const table = openTable({ tableName: 'bootstrap', endpoint: engine.endpoint });
    try {
      await ensureTable(table);
      const accounts = new Accounts(table);
      const first = await bootstrapAdmin(accounts, { allowGenerated: true });
      expect(first).toMatchObject({ email: DEFAULT_ADMIN_EMAIL, created: true, generatedPassword: expect.stringMatching(/^[A-Za-z0-9]{24}$/) });
      const second = await bootstrapAdmin(accounts, { allowGenerated: true });
      expect(second).toMatchObject({ email: DEFAULT_ADMIN_EMAIL, created: false });
      expect(second!.generatedPassword).toBeUndefined();
      const account = await accounts.findByEmail(DEFAULT_ADMIN_EMAIL);
      expect(await verifyPassword(first!.generatedPassword!, account!.passwordHash!)).toBe(true);
      // Another store gets another password.
      const other = openTable({ tableName: 'bootstrap2', endpoint: engine.endpoint });
      await ensureTable(other);
      const third = await bootstrapAdmin(new Accounts(other), { allowGenerated: true });
      expect(third!.generatedPassword).not.toBe(first!.generatedPassword);
      other.raw.destroy();
      // From the environment's credentials; on AWS without a password nothing is generated.
      const fromEnv = await bootstrapAdmin(accounts, { email: 'chu-tich@binhan.gov.vn', password: 'mat-khau-tu-ssm-2025' });
      expect(fromEnv).toMatchObject({ created: true });
      expect(fromEnv!.generatedPassword).toBeUndefined();
      expect(await bootstrapAdmin(accounts, { email: 'khac@binhan.gov.vn', allowGenerated: false })).toBeNull();
      await expect(bootstrapAdmin(accounts, { email: 'ngan@binhan.gov.vn', password: 'short' })).rejects.toThrow(/at least 10/);
    } finally {
      table.raw.destroy();
      await engine.close();
    }
  });
});
