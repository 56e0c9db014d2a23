/**
 * The HTTP app's route table: every route file is mounted at its own base with Hono's route(),
 * so the full paths below are what a client calls. Two guards for the mounting:
 *   - the table is exactly this list (a route written with a full path inside a mounted file
 *     would show up as "/api/boards/:boardId/members/api/…" and fail here);
 *   - no two routes answer the same method and path, so the order of app.route() calls in
 *     http/app.ts decides nothing (a static segment and a parameter count as overlapping).
 * And one route moved out of app.ts into its own file (routes/board-state.ts), called for real.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardUpdates, SyncTokens, createHttpApp } from '@binhan/functions';
import type { LocalStack } from '@binhan/local';
import { createBoard, type Call } from '../helpers/access';
import { useAccessStack } from '../helpers/stack-hooks';
import { tokensFor } from '../helpers/sync-clients';

const EXPECTED = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/accept-invite',
  'POST /api/auth/password',
  'GET /api/boards',
  'POST /api/boards',
  'GET /api/boards/:boardId',
  'PATCH /api/boards/:boardId',
  'GET /api/boards/:boardId/dashboard',
  'GET /api/boards/:boardId/cards',
  'POST /api/boards/preview',
  'POST /api/boards/import',
  'GET /api/boards/:boardId/state',
  'GET /api/boards/:boardId/exports/papers/:file',
  'GET /api/boards/:boardId/exports/:file',
  'GET /api/boards/:boardId/members',
  'POST /api/boards/:boardId/members',
  'PATCH /api/boards/:boardId/members/:userId',
  'DELETE /api/boards/:boardId/members/:userId',
  'POST /api/accounts/:userId/invite',
  'GET /api/boards/:boardId/people',
  'GET /api/boards/:boardId/links',
  'POST /api/boards/:boardId/links',
  'DELETE /api/boards/:boardId/links/:linkId',
  'POST /api/boards/:boardId/sync-token',
  'GET /api/boards/:boardId/audit',
  'GET /api/boards/:boardId/cards/:cardId/audit',
];

/** Could one request match both path patterns? Same number of segments, each equal or a parameter. */
function overlap(a: string, b: string): boolean {
  const sa = a.split('/');
  const sb = b.split('/');
  return sa.length === sb.length && sa.every((seg, i) => seg === sb[i] || seg.startsWith(':') || sb[i]!.startsWith(':'));
}

describe('HTTP route table (sub-apps mounted with route())', () => {
  let stack: LocalStack;
  let call: Call;
  let adminCookie: string;

  useAccessStack((env) => ({ stack, call, adminCookie } = env));

  /**
   * Each registration as "METHOD path", in order. A route's chain (middleware + handler) is one
   * run of entries in app.routes; the same method and path in two runs is registered twice.
   * Middleware registered with app.use() has a wildcard path; routes have none.
   */
  const registrations = () => {
    const app = createHttpApp({ table: stack.table, updates: new BoardUpdates(stack.table), tokens: new SyncTokens('s'.repeat(40)) });
    const runs: string[] = [];
    for (const r of app.routes.filter((x) => !x.path.includes('*'))) {
      const key = `${r.method} ${r.path}`;
      if (runs[runs.length - 1] !== key) runs.push(key);
    }
    return runs;
  };
  const routeTable = () => [...new Set(registrations())];

  it('has exactly the documented routes, each at its full path', () => {
    expect(routeTable().sort()).toEqual([...EXPECTED].sort());
  });

  it('has no two routes that could answer the same request, so mount order decides nothing', () => {
    // Tried: the same method and path registered by two files (as the multipart and the JSON
    // POST /api/boards once were, one passing to the other by mount order).
    const twice = registrations().filter((key, i, all) => all.indexOf(key) !== i);
    expect(twice).toEqual([]);
    const routes = routeTable().map((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return { method, path };
    });
    const clashes: string[] = [];
    routes.forEach((a, i) =>
      routes.slice(i + 1).forEach((b) => {
        if ((a.method === b.method || a.method === 'ALL' || b.method === 'ALL') && overlap(a.path, b.path))
          clashes.push(`${a.method} ${a.path} ~ ${b.method} ${b.path}`);
      }),
    );
    expect(clashes).toEqual([]);
  });

  it('answers GET /api/boards/:id/state (routes/board-state.ts) with the stored sizes for a view token, and refuses without one', async () => {
    const boardId = await createBoard(call, adminCookie);
    const { view } = tokensFor(stack, boardId);
    const res = await call('GET', `/api/boards/${boardId}/state`, { token: view });
    expect(res.status).toBe(200);
    const { update } = await stack.updates.loadMerged(boardId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    expect(res.json).toMatchObject({ boardId, stateBytes: Y.encodeStateAsUpdate(doc).byteLength, pendingUpdates: 1 });
    doc.destroy();
    // Tried: no token at all, and a token of another board.
    expect((await call('GET', `/api/boards/${boardId}/state`)).status).toBe(401);
    const other = tokensFor(stack, 'another-board').view;
    expect([401, 403]).toContain((await call('GET', `/api/boards/${boardId}/state`, { token: other })).status);
    // Tried: an id that is not a board id.
    expect((await call('GET', `/api/boards/${encodeURIComponent('BAD ID!')}/state`, { token: view })).status).toBe(400);
  });
});
