/**
 * Reads the `binhan_session` cookie: an active account behind a live session becomes
 * `c.var.user`; anything else (no cookie, unknown or expired session, invited or disabled
 * account, a session made before the account's password last changed) leaves it null. Also the cookie helpers and the client's IP for throttling.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { cookieIsSecure, SESSION_COOKIE } from '../../auth/sessions';
import { SESSION_TTL_SECONDS } from '../../storage/sessions-store';
import type { AppEnv, HttpServices } from '../services';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function loadSession(s: HttpServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('sessionId', null);
    c.set('sessionFamily', null);
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId && SESSION_ID.test(sessionId)) {
      const session = await s.sessions.get(sessionId);
      const account = session ? await s.accounts.get(session.userId) : null;
      // A session older than the account's last password change is over.
      const voided = account?.sessionsValidFrom != null && session !== null && Date.parse(session.createdAt) < account.sessionsValidFrom;
      if (voided) await s.sessions.delete(sessionId);
      if (account && account.status === 'active' && !voided) {
        c.set('user', account);
        c.set('sessionId', sessionId);
        c.set('sessionFamily', session?.family ?? null);
      }
    }
    await next();
  };
}

function secure(c: Context<AppEnv>): boolean {
  return cookieIsSecure(c.req.header('x-forwarded-proto'), c.req.url);
}

export function setSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    secure: secure(c),
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_TTL_SECONDS,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: secure(c), sameSite: 'Lax', path: '/' });
}

export function clientIp(c: Context<AppEnv>, s: HttpServices): string {
  if (s.clientIpHeader) {
    const raw = c.req.header(s.clientIpHeader)?.split(',')[0]?.trim();
    // cloudfront-viewer-address is "ip:port" ("[v6]:port" or "v6:port").
    if (raw) return raw.replace(/^\[?([^\]]+?)\]?:\d+$/, '$1');
  }
  return c.env?.requestContext?.http?.sourceIp ?? 'unknown';
}
