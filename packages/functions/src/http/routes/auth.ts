/**
 * Signing in and out, the current user, accepting an invite, changing one's password.
 *   POST /api/auth/login          {email, password}          anyone (throttled)
 *   POST /api/auth/logout                                    anyone
 *   GET  /api/auth/me                                        signed in
 *   POST /api/auth/accept-invite  {token, name, password}    anyone holding an invite
 *   POST /api/auth/password       {currentPassword, newPassword}  signed in; ends every other session,
 *                                 voids the sync tokens those sessions issued and closes their sockets
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { DUMMY_HASH, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../../auth/passwords';
import { newSessionId } from '../../auth/sessions';
import { publicAccount, type Account } from '../../storage/accounts';
import type { AppEnv, HttpServices } from '../services';
import { errors } from '../errors';
import { clearSessionCookie, clientIp, setSessionCookie } from '../middleware/session';
import { signedIn } from '../middleware/require-role';
import { validateJson } from '../validate';
import { cutConnections } from '../../sockets/cut-off';
import { sessionFamilyOf } from '../../storage/revocations';

/** Why a socket of another session is closed when the account's password changes (≤ 123 bytes). */
export const PASSWORD_CHANGED_MESSAGE = 'Mật khẩu đã đổi: hãy đăng nhập lại / Password changed: sign in again';

const email = z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email());
const password = z.string().check(z.minLength(PASSWORD_MIN_LENGTH), z.maxLength(PASSWORD_MAX_LENGTH));

const loginSchema = z.strictObject({
  email: z.string().check(z.trim(), z.toLowerCase(), z.minLength(3), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH)),
});
const acceptSchema = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  password,
});
const changeSchema = z.strictObject({ currentPassword: z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX_LENGTH)), newPassword: password });

export { email as emailSchema };

export async function myBoards(s: HttpServices, user: Account, includeArchived = false) {
  const entries = user.globalAdmin
    ? (await s.registry.list()).map((entry) => ({ entry, role: 'admin' as const }))
    : (
        await Promise.all(
          (await s.memberships.listUser(user.userId)).map(async (m) => {
            const entry = await s.registry.get(m.boardId);
            return entry ? { entry, role: m.role } : null;
          }),
        )
      ).filter((x) => x !== null);
  return entries
    .filter(({ entry }) => includeArchived || !entry.archived)
    .map(({ entry, role }) => ({ ...entry, role }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Where authRoutes is mounted; its own paths are relative to it. */
export const AUTH_BASE = '/api/auth';

/**
 * Closes (4403) the open sockets of `user` on every board they can open that were not opened
 * with a token of the session family `keep`. Returns how many were closed.
 */
async function cutSessionSockets(s: HttpServices, user: Account, keep: string | null): Promise<number> {
  const poster = s.poster;
  if (!poster) return 0;
  const boardIds = user.globalAdmin
    ? (await s.registry.list()).map((entry) => entry.boardId)
    : (await s.memberships.listUser(user.userId)).map((m) => m.boardId);
  const counts = await Promise.all(
    boardIds.map((boardId) =>
      cutConnections(s.connections, poster, boardId, (r) => r.subject === user.userId && (keep === null || sessionFamilyOf(r.tokenId) !== keep), PASSWORD_CHANGED_MESSAGE),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

export function authRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/login', validateJson(loginSchema), async (c) => {
    const body = c.req.valid('json');
    const ip = clientIp(c, s);
    // The attempt is counted before the password is checked: concurrent guesses count each.
    const gate = await s.throttle.reserve(body.email, ip);
    if (!gate.ok) throw errors.throttled(gate.retryAfterSeconds);
    const account = await s.accounts.findByEmail(body.email);
    // Always one scrypt, so a wrong e-mail and a wrong password take the same time.
    const matches = await verifyPassword(body.password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !matches || account.status !== 'active') throw errors.invalidCredentials(); // the reservation stays: a failure
    await s.throttle.release(gate.reservation);
    await s.throttle.recordSuccess(body.email);
    const sessionId = newSessionId();
    await s.sessions.create(sessionId, account.userId);
    setSessionCookie(c, sessionId);
    return c.json({ user: publicAccount(account), boards: await myBoards(s, account) });
  });

  app.post('/logout', async (c) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await s.sessions.delete(sessionId);
    clearSessionCookie(c);
    return c.json({ ok: true });
  });

  app.get('/me', signedIn(), async (c) => {
    const user = c.get('user')!;
    return c.json({ user: publicAccount(user), boards: await myBoards(s, user) });
  });

  app.post('/accept-invite', validateJson(acceptSchema), async (c) => {
    const body = c.req.valid('json');
    const account = await s.accounts.acceptInvite(body.token, body.name, await hashPassword(body.password));
    if (!account) {
      throw errors.badRequest('invalid-invite', 'This invitation is not valid: it was used already or has expired. Ask the administrator for a new one.',
        'Lời mời không hợp lệ: đã được dùng hoặc đã hết hạn. Hãy đề nghị quản trị viên gửi lời mời mới.');
    }
    const sessionId = newSessionId();
    await s.sessions.create(sessionId, account.userId);
    setSessionCookie(c, sessionId);
    return c.json({ user: publicAccount(account), boards: await myBoards(s, account) });
  });

  app.post('/password', signedIn(), validateJson(changeSchema), async (c) => {
    const user = c.get('user')!;
    const body = c.req.valid('json');
    const ip = clientIp(c, s);
    const gate = await s.throttle.reserve(user.email, ip);
    if (!gate.ok) throw errors.throttled(gate.retryAfterSeconds);
    if (!user.passwordHash || !(await verifyPassword(body.currentPassword, user.passwordHash))) throw errors.invalidCredentials();
    await s.throttle.release(gate.reservation);
    // Every session of the account ends (whoever knew the old password is signed out); the
    // caller continues in a fresh one.
    const changedAt = Date.now();
    await s.accounts.setPassword(user.userId, await hashPassword(body.newPassword), { endSessionsBefore: changedAt });
    // The sync tokens those sessions issued are void too, and their open sockets are cut; the
    // caller's own (same session family) keep working.
    const family = c.get('sessionFamily');
    await s.revocations.revokeSessions(user.userId, family, 'password changed');
    const cut = await cutSessionSockets(s, user, family);
    const previous = c.get('sessionId');
    if (previous) await s.sessions.delete(previous);
    const sessionId = newSessionId();
    await s.sessions.create(sessionId, user.userId, family ? { family } : {});
    setSessionCookie(c, sessionId);
    return c.json({ ok: true, socketsClosed: cut });
  });

  return app;
}
