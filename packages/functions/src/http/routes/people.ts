/**
 * The people of a board, for choosing an assignee and for @mentions in comments:
 *   GET /api/boards/:boardId/people    editor+ (a signed-in member or an edit link)
 *   → { boardId, people: [{ userId, name, role }] }, by name (Vietnamese order)
 * Only ids, names and roles: e-mail addresses stay on the member list (leader+). Disabled
 * accounts are left out. A valid board token for a board the registry does not list (boards
 * put straight into storage, as tests and tools do) gets an empty list: it has no members.
 */
import { Hono } from 'hono';
import type { AppEnv, HttpServices } from '../services';
import { boardRole } from '../middleware/require-role';
import { ApiError } from '../errors';

/** Mounted here; the route below is relative to it. */
export const PEOPLE_BASE = '/api/boards/:boardId';

export function peopleRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const allowed = boardRole(s, 'editor', { allowToken: true });
  app.get('/people', async (c, next) => {
    try {
      return await allowed(c, next);
    } catch (error) {
      // Reached only with a verified token for this board id: an unlisted board has no members.
      if (error instanceof ApiError && error.status === 404 && !c.get('user') && c.req.header('authorization'))
        return c.json({ boardId: c.req.param('boardId'), people: [] });
      throw error;
    }
  }, async (c) => {
    const { boardId } = c.get('access');
    const people = await Promise.all(
      (await s.memberships.listBoard(boardId)).map(async (m) => {
        const account = await s.accounts.get(m.userId);
        return account && account.status !== 'disabled' ? { userId: account.userId, name: account.name, role: m.role } : null;
      }),
    );
    const list = people.filter((p) => p !== null).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return c.json({ boardId, people: list });
  });
  return app;
}
