/**
 * GET /api/boards/:boardId/state    a view or edit token (Authorization: Bearer, or ?token=):
 *     the board's Yjs state sizes (state bytes, stored bytes, snapshot version, pending updates),
 *     for checks of storage and compaction.
 */
import { Hono } from 'hono';
import { BOARD_ID } from '../../storage/table-schema';
import type { AppEnv, HttpServices } from '../services';
import { errors } from '../errors';
import { loadBoardDocs } from '../board-doc-loader';

/** Where boardStateRoutes is mounted; its own path is relative to it. */
export const BOARD_STATE_BASE = '/api/boards/:boardId/state';

export function boardStateRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const boardId = c.req.param('boardId') ?? '';
    if (!BOARD_ID.test(boardId)) throw errors.invalidId('board id', 'bảng');
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const check = s.tokens.verify(bearer ?? c.req.query('token'), boardId);
    if (!check.ok) throw errors.token(check.status, check.reason);
    if (await s.revocations.check(check.claims)) throw errors.revoked();
    const { update, stored } = await s.updates.loadMerged(boardId);
    const stateBytes = (await loadBoardDocs()).stateBytes(update);
    return c.json({
      boardId,
      stateBytes,
      storedBytes: stored.storedBytes,
      snapshotVersion: stored.snapshotVersion,
      pendingUpdates: stored.updates.length,
    });
  });

  return app;
}
