/**
 * POST /api/boards/:boardId/sync-token (signed-in member, viewer+): a short-lived sync token
 * for the board's WebSocket, with the member's role, the user id as subject and a fresh token
 * id that names the issuing session's family. Revoked with the member (by subject) when they are
 * removed or their role changes, and with the session when the account's password changes elsewhere.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { NEEDS } from '../../auth/roles';
import { rightOf } from '../../auth/sync-token';
import { sessionTokenId, USER_TOKEN_MAX_SECONDS } from '../../storage/revocations';
import type { AppEnv, HttpServices } from '../services';
import { errors } from '../errors';
import { boardRole } from '../middleware/require-role';

/** Where syncTokenRoutes is mounted; its own path is relative to it. */
export const SYNC_TOKEN_BASE = '/api/boards/:boardId/sync-token';

export function syncTokenRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', boardRole(s, NEEDS.syncToken), async (c) => {
    const { boardId, role, actor, entry } = c.get('access');
    if (entry.archived) throw errors.archived();
    const ttlSeconds = USER_TOKEN_MAX_SECONDS;
    // The token id names the session's family, so a password change elsewhere can find and
    // cut this token's sockets while the changing session's stay up.
    const family = c.get('sessionFamily');
    const tokenId = family ? sessionTokenId(family, randomUUID()) : randomUUID();
    const token = s.tokens.issue({ boardId, role, ttlSeconds, subject: actor, tokenId });
    const expiresAt = new Date(Math.floor(s.clock() / 1000) * 1000 + ttlSeconds * 1000).toISOString();
    return c.json({ boardId, token, role, right: rightOf(role), expiresAt });
  });
  return app;
}
