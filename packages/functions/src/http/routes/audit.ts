/**
 * The audit log (recorded by the sync path, storage/audit-log.ts), newest first, paginated.
 *   GET /api/boards/:boardId/audit?limit=&cursor=                  editor+
 *   GET /api/boards/:boardId/cards/:cardId/audit?limit=&cursor=    editor+
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { NEEDS } from '../../auth/roles';
import { AUDIT_PAGE_MAX, AuditLog, InvalidAuditCursorError } from '../../storage/audit-log';
import { CARD_ID, type AppEnv, type HttpServices } from '../services';
import { errors } from '../errors';
import { boardRole } from '../middleware/require-role';
import { validateQuery } from '../validate';

const pageQuery = z.strictObject({
  limit: z.optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^\d{1,3}$/)), z.transform(Number)),
      z.number().check(z.int(), z.minimum(1), z.maximum(AUDIT_PAGE_MAX)),
    ),
  ),
  cursor: z.optional(z.string().check(z.maxLength(1000), z.regex(/^[A-Za-z0-9_-]+$/))),
});

/** Where auditRoutes is mounted (the board's own path); its paths are relative to it. */
export const AUDIT_BASE = '/api/boards/:boardId';

export function auditRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = new AuditLog(s.table, s.clock);

  const page = async (read: () => Promise<{ entries: unknown[]; cursor?: string }>) => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof InvalidAuditCursorError) throw errors.badRequest('invalid-cursor', error.message, 'Con trỏ trang không hợp lệ: hãy dùng đúng con trỏ của trang trước.');
      throw error;
    }
  };

  app.get('/audit', boardRole(s, NEEDS.readAudit), validateQuery(pageQuery), async (c) => {
    const { boardId } = c.get('access');
    const q = c.req.valid('query');
    const result = await page(() => log.listBoard(boardId, { ...(q.limit ? { limit: q.limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) }));
    return c.json({ boardId, ...result });
  });

  app.get('/cards/:cardId/audit', boardRole(s, NEEDS.readAudit), validateQuery(pageQuery), async (c) => {
    const { boardId } = c.get('access');
    const cardId = c.req.param('cardId');
    if (!CARD_ID.test(cardId)) throw errors.invalidId('card id', 'thẻ');
    const q = c.req.valid('query');
    const result = await page(() => log.listCard(boardId, cardId, { ...(q.limit ? { limit: q.limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) }));
    return c.json({ boardId, cardId, ...result });
  });

  return app;
}
