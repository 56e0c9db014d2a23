/**
 * The audit log (recorded by the sync path, storage/audit-log.ts), newest first, paginated.
 * Each entry comes with `person`, who made the change as the app shows it: a signed-in
 * account by its name (`{kind:'account', name}`), a shared link by its label plus the name the
 * holder typed (`{kind:'link', label, declaredName}`: self-declared), anything else by the
 * stored actor (`{kind:'other', name}`).
 *   GET /api/boards/:boardId/audit?limit=&cursor=                  editor+ (a session, or an editor's link as Bearer)
 *   GET /api/boards/:boardId/cards/:cardId/audit?limit=&cursor=    editor+
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { NEEDS } from '../../auth/roles';
import type { AuditEntry, AuditPerson } from '@binhan/core';
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

/** Who made each entry, read once per distinct actor of the page. */
async function withPeople(s: HttpServices, boardId: string, entries: AuditEntry[]): Promise<Array<AuditEntry & { person: AuditPerson }>> {
  const actors = [...new Set(entries.map((e) => e.actor))];
  const known = new Map<string, { kind: 'account'; userId: string; name: string } | { kind: 'link'; linkId: string; label: string } | null>();
  await Promise.all(
    actors.map(async (actor) => {
      if (actor.startsWith('link:')) {
        const link = await s.links.get(boardId, actor.slice(5)).catch(() => null);
        known.set(actor, link ? { kind: 'link', linkId: link.linkId, label: link.label } : null);
      } else if (actor && !actor.includes(':')) {
        const account = await s.accounts.get(actor).catch(() => null);
        known.set(actor, account ? { kind: 'account', userId: account.userId, name: account.name || account.email } : null);
      } else known.set(actor, null);
    }),
  );
  return entries.map((e) => {
    const k = known.get(e.actor) ?? null;
    const declaredName = e.declaredName ?? null;
    const person: AuditPerson =
      k?.kind === 'account' ? k : k?.kind === 'link' ? { ...k, declaredName } : { kind: 'other', name: e.actor, declaredName };
    return { ...e, person };
  });
}

export function auditRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const log = new AuditLog(s.table, s.clock);

  const page = async <T extends { entries: unknown[]; cursor?: string }>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof InvalidAuditCursorError) throw errors.badRequest('invalid-cursor', error.message, 'Con trỏ trang không hợp lệ: hãy dùng đúng con trỏ của trang trước.');
      throw error;
    }
  };

  app.get('/audit', boardRole(s, NEEDS.readAudit, { allowToken: true }), validateQuery(pageQuery), async (c) => {
    const { boardId } = c.get('access');
    const q = c.req.valid('query');
    const result = await page(() => log.listBoard(boardId, { ...(q.limit ? { limit: q.limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) }));
    return c.json({ boardId, ...result, entries: await withPeople(s, boardId, result.entries) });
  });

  app.get('/cards/:cardId/audit', boardRole(s, NEEDS.readAudit, { allowToken: true }), validateQuery(pageQuery), async (c) => {
    const { boardId } = c.get('access');
    const cardId = c.req.param('cardId');
    if (!CARD_ID.test(cardId)) throw errors.invalidId('card id', 'thẻ');
    const q = c.req.valid('query');
    const result = await page(() => log.listCard(boardId, cardId, { ...(q.limit ? { limit: q.limit } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) }));
    return c.json({ boardId, cardId, ...result, entries: await withPeople(s, boardId, result.entries) });
  });

  return app;
}
