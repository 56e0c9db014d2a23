/**
 * Who may call a route. `signedIn` needs a session; `globalAdmin` the administrator;
 * `boardRole(min, { allowToken })` resolves the caller's role on `:boardId`:
 *   - a signed-in member: their membership role (a global administrator is admin everywhere);
 *   - with allowToken, no session: a sync token or share link in `Authorization: Bearer …`,
 *     verified, not revoked, on a board that is not archived; its role counts.
 * Refusals: bad id 400, nobody 401, board missing 404, not a member or role too low 403.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../auth/sync-token';
import { atLeast } from '../../auth/roles';
import { errors } from '../errors';
import { BOARD_SLUG, type AppEnv, type HttpServices } from '../services';

export function signedIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('user')) throw errors.signInRequired();
    await next();
  };
}

export function globalAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw errors.signInRequired();
    if (!user.globalAdmin) throw errors.globalAdminOnly();
    await next();
  };
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

export function boardRole(s: HttpServices, min: Role, options: { allowToken?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const boardId = c.req.param('boardId') ?? '';
    if (!BOARD_SLUG.test(boardId)) throw errors.invalidId('board id', 'bảng');
    const user = c.get('user');
    if (user) {
      const [entry, membership] = await Promise.all([
        s.registry.get(boardId),
        user.globalAdmin ? Promise.resolve(null) : s.memberships.get(boardId, user.userId),
      ]);
      if (!entry) throw errors.boardNotFound();
      const role: Role | null = user.globalAdmin ? 'admin' : (membership?.role ?? null);
      if (!role) throw errors.notMember();
      if (!atLeast(role, min)) throw errors.forbidden();
      c.set('access', { boardId, entry, role, actor: user.userId, via: 'session' });
      return next();
    }
    const token = options.allowToken ? bearerToken(c.req.header('authorization')) : null;
    if (!token) throw errors.signInRequired();
    const check = s.tokens.verify(token, boardId);
    if (!check.ok) throw errors.token(check.status, check.reason);
    const [revoked, entry] = await Promise.all([s.revocations.check(check.claims), s.registry.get(boardId)]);
    if (revoked) throw errors.revoked();
    if (!entry) throw errors.boardNotFound();
    if (entry.archived) throw errors.archived();
    if (!atLeast(check.claims.role, min)) throw errors.forbidden();
    c.set('access', { boardId, entry, role: check.claims.role, actor: check.claims.subject || `token:${check.claims.tokenId}`, via: 'token' });
    return next();
  };
}
