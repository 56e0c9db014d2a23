/**
 * The HTTP API (Hono). The same app runs behind API Gateway's HTTP API on Lambda and behind the
 * local gateway. Errors are JSON: { error: { code, message } }.
 */
import * as Y from 'yjs';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { SyncTokens } from '../auth/sync-token';
import type { BoardUpdates } from '../storage/board-updates';
import { BOARD_ID } from '../ws/context';

export interface HttpDeps {
  updates: BoardUpdates;
  tokens: SyncTokens;
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();

  app.get('/api/health', (c) => c.json({ ok: true }));

  /** The board's Yjs state (for exports and checks); needs a view or edit token. */
  app.get('/api/boards/:boardId/state', async (c) => {
    const boardId = c.req.param('boardId');
    if (!BOARD_ID.test(boardId)) throw new HTTPException(400, { message: 'Invalid board id.' });
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const check = deps.tokens.verify(bearer ?? c.req.query('token'), boardId);
    if (!check.ok) return c.json({ error: { code: 'unauthorized', message: check.reason } }, check.status);
    const { update, stored } = await deps.updates.loadMerged(boardId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return c.json({
      boardId,
      stateBytes: state.byteLength,
      storedBytes: stored.storedBytes,
      snapshotVersion: stored.snapshotVersion,
      pendingUpdates: stored.updates.length,
    });
  });

  app.notFound((c) => c.json({ error: { code: 'not-found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { code: 'bad-request', message: error.message } }, error.status);
    }
    console.error(error);
    return c.json({ error: { code: 'internal', message: 'Internal error; try again.' } }, 500);
  });
  return app;
}
