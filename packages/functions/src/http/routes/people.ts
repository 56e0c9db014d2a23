/**
 * The people of a board, for choosing an assignee and for @mentions in comments:
 *   GET /api/boards/:boardId/people    editor+ (a signed-in member or an edit link)
 *   → { boardId, people: [{ userId, name, role }] }, by name (Vietnamese order)
 * Only ids, names and roles: e-mail addresses stay on the member list (leader+). Disabled
 * accounts are left out.
 */
import { Hono } from 'hono';
import type { AppEnv, HttpServices } from '../services';
import { boardRole } from '../middleware/require-role';

export function peopleRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/boards/:boardId/people', boardRole(s, 'editor', { allowToken: true }), async (c) => {
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
