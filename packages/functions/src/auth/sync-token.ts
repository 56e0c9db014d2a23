/**
 * Signed sync tokens: `v1.<payload>.<signature>`, base64url, HMAC-SHA256 over the payload.
 * The payload names one board, one right (edit or view), the holder's role on the board
 * (admin, editor, leader, viewer), an expiry and a token id (what revocation names). Verification is constant-time and says what is wrong.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

import { RIGHTS, ROLES, rightOf, type Right, type Role } from '@binhan/core/yjs-free';

/** Roles and rights have one home, @binhan/core/policy; re-exported for the server's callers. */
export { RIGHTS, ROLES, rightOf, type Role };
export type TokenRight = Right;

const payloadSchema = z.object({
  b: z.string().check(z.minLength(1), z.maxLength(128)),
  r: z.enum(RIGHTS),
  ro: z.optional(z.enum(ROLES)),
  exp: z.number().check(z.int(), z.positive()),
  jti: z.string().check(z.minLength(1), z.maxLength(64)),
  sub: z._default(z.string().check(z.maxLength(128)), ''),
  /** Issued at, epoch MILLISECONDS (revocation by subject compares it to the revocation time); absent in older tokens. */
  iat: z.optional(z.number().check(z.int(), z.nonnegative())),
});

export interface SyncTokenClaims {
  boardId: string;
  right: TokenRight;
  role: Role;
  /** Expiry, epoch seconds. */
  expiresAt: number;
  tokenId: string;
  subject: string;
  /** Issue time, epoch milliseconds; 0 for tokens issued before it was recorded. */
  issuedAt: number;
}

export type TokenCheck =
  | { ok: true; claims: SyncTokenClaims }
  | { ok: false; status: 401 | 403; reason: string };

export class SyncTokens {
  private readonly key: Buffer;

  constructor(secret: string, private readonly clock: () => number = Date.now) {
    if (secret.length < 32) throw new Error('The sync token secret must be at least 32 characters: set SYNC_TOKEN_SECRET.');
    this.key = Buffer.from(secret, 'utf8');
  }

  /** Issues a token for a right (edit/view) or a role; a role implies its right. */
  issue(input: {
    boardId: string;
    right?: TokenRight;
    role?: Role;
    ttlSeconds: number;
    subject?: string;
    tokenId?: string;
    /** An exact expiry (epoch seconds) instead of now + ttlSeconds, e.g. to re-issue a share link. */
    expiresAt?: number;
  }): string {
    const role: Role = input.role ?? (input.right === 'view' ? 'viewer' : 'editor');
    if (input.right && input.right !== rightOf(role)) throw new Error(`Role ${role} cannot hold the ${input.right} right.`);
    const payload = {
      b: input.boardId,
      r: rightOf(role),
      ro: role,
      exp: input.expiresAt ?? Math.floor(this.clock() / 1000) + input.ttlSeconds,
      jti: input.tokenId ?? randomUUID(),
      sub: input.subject ?? '',
      iat: Math.floor(this.clock()),
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `v1.${body}.${this.sign(body)}`;
  }

  verify(token: string | undefined | null, boardId: string | undefined | null): TokenCheck {
    if (!token) return { ok: false, status: 401, reason: 'Missing token: open the board with its edit or view link.' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, status: 401, reason: 'Malformed token: use the link you were given.' };
    const [, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(body), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, status: 403, reason: 'Invalid token signature: this link was not issued by this server.' };
    }
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, status: 401, reason: 'Malformed token payload: ask for a new link.' };
    }
    if (parsed.exp * 1000 <= this.clock()) return { ok: false, status: 403, reason: 'This link has expired: ask the board administrator for a new one.' };
    if (!boardId) return { ok: false, status: 401, reason: 'Missing board: connect to /sync?board=<boardId>&token=<token>.' };
    if (parsed.b !== boardId) return { ok: false, status: 403, reason: 'This token is for another board.' };
    return {
      ok: true,
      claims: {
        boardId: parsed.b,
        right: parsed.r,
        role: parsed.ro && rightOf(parsed.ro) === parsed.r ? parsed.ro : parsed.r === 'view' ? 'viewer' : 'editor',
        expiresAt: parsed.exp,
        tokenId: parsed.jti,
        subject: parsed.sub,
        issuedAt: parsed.iat ?? 0,
      },
    };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
