/**
 * Sign-in sessions: a random 256-bit id in the `binhan_session` cookie (HttpOnly, SameSite=Lax,
 * Path=/, Secure unless the request came over plain HTTP, i.e. the local gateway on
 * http://localhost). Storage keeps only the SHA-256 of the id, so a read of the table does not
 * yield a usable cookie.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'binhan_session';
/** Sessions last 12 hours (a working day), then the user signs in again. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A one-time secret (invite token): 256 random bits, base64url. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A short random id for users, links, boards: base36, `length` characters. */
export function randomId(length = 12): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return out;
}

/** Secure cookies everywhere except plain-HTTP requests (the local gateway sets X-Forwarded-Proto: http). */
export function cookieIsSecure(forwardedProto: string | undefined, url: string): boolean {
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  if (proto) return proto !== 'http';
  return !url.startsWith('http:');
}
