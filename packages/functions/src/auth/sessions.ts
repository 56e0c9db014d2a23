/**
 * Sign-in sessions: a random 256-bit id in the `binhan_session` cookie (HttpOnly, SameSite=Lax,
 * Path=/, Secure unless the request came over plain HTTP, i.e. the local gateway on
 * http://localhost). Storage keeps only the SHA-256 of the id, so a read of the table does not
 * yield a usable cookie.
 */
import { randomBytes } from 'node:crypto';

export { newSecretToken, randomId, sha256 } from '../util/crypto';

export const SESSION_COOKIE = 'binhan_session';

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Secure cookies everywhere except plain-HTTP requests (the local gateway sets X-Forwarded-Proto: http). */
export function cookieIsSecure(forwardedProto: string | undefined, url: string): boolean {
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  if (proto) return proto !== 'http';
  return !url.startsWith('http:');
}
