/**
 * Read-only share links (board admin).
 *   GET    /api/boards/:boardId/links            the links with their state (active/expired/revoked)
 *   POST   /api/boards/:boardId/links            {label, expiresAt?} → the link and its URL
 *   DELETE /api/boards/:boardId/links/:linkId    revokes: refused from now on, open sockets cut off
 * A link is a view token whose token id is the link id; a link without expiry lasts 10 years.
 * The staff edit link that `npm start` prints is a link too (role editor, 30 days): listed and
 * revoked here like the others (links made through this API are read-only).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { NEEDS } from '../../auth/roles';
import type { ShareLink } from '../../storage/share-links';
import { cutConnections, REVOKED_MESSAGE } from '../../sockets/cut-off';
import { publicBase } from '../public-base';
import { LINK_ID, type AppEnv, type HttpServices } from '../services';
import { errors } from '../errors';
import { boardRole } from '../middleware/require-role';
import { validateJson } from '../validate';

const MAX_LINK_DAYS = 3650;
const createSchema = z.strictObject({
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  expiresAt: z.optional(z.nullable(z.union([z.iso.datetime({ offset: true }), z.iso.date()]))),
});

function state(link: ShareLink, now: number): 'active' | 'expired' | 'revoked' {
  if (link.revokedAt) return 'revoked';
  if (link.tokenExpiresAt * 1000 <= now) return 'expired';
  return 'active';
}

/** Where linkRoutes is mounted; its own paths are relative to it. */
export const LINKS_BASE = '/api/boards/:boardId/links';

export function linkRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const tokenOf = (link: ShareLink) =>
    s.tokens.issue({ boardId: link.boardId, role: link.role, ttlSeconds: 0, expiresAt: link.tokenExpiresAt, tokenId: link.linkId, subject: `link:${link.linkId}` });
  const urlOf = (base: string, link: ShareLink, token: string) => `${base}/?board=${encodeURIComponent(link.boardId)}&token=${token}`;

  app.get('/', boardRole(s, NEEDS.manageLinks), async (c) => {
    const { boardId } = c.get('access');
    const base = publicBase(c, s);
    const now = s.clock();
    const links = (await s.links.list(boardId)).map((link) => {
      const st = state(link, now);
      return { ...link, state: st, ...(st === 'active' ? { url: urlOf(base, link, tokenOf(link)) } : {}) };
    });
    return c.json({ boardId, links });
  });

  app.post('/', boardRole(s, NEEDS.manageLinks), validateJson(createSchema), async (c) => {
    const { boardId, actor } = c.get('access');
    const body = c.req.valid('json');
    let expiresAt: Date | null = null;
    if (body.expiresAt) {
      // A bare date means "until the end of that day" in Vietnam (UTC+7).
      expiresAt = new Date(/^\d{4}-\d{2}-\d{2}$/.test(body.expiresAt) ? `${body.expiresAt}T23:59:59+07:00` : body.expiresAt);
      const now = s.clock();
      if (expiresAt.getTime() <= now) {
        throw errors.badRequest('expiry-in-past', 'The expiry must be in the future.', 'Thời hạn phải ở tương lai.');
      }
      if (expiresAt.getTime() > now + MAX_LINK_DAYS * 86_400_000) {
        throw errors.badRequest('expiry-too-far', 'A link may last at most 10 years.', 'Liên kết có hiệu lực tối đa 10 năm.');
      }
    }
    const link = await s.links.create({ boardId, label: body.label, expiresAt, createdBy: actor });
    const token = tokenOf(link);
    return c.json({ boardId, link: { ...link, state: 'active' }, token, url: urlOf(publicBase(c, s), link, token) }, 201);
  });

  app.delete('/:linkId', boardRole(s, NEEDS.manageLinks), async (c) => {
    const { boardId, actor } = c.get('access');
    const linkId = c.req.param('linkId');
    if (!LINK_ID.test(linkId)) throw errors.invalidId('link id', 'liên kết');
    const existing = await s.links.get(boardId, linkId);
    if (!existing) throw errors.notFound('link', 'liên kết');
    // The revocation first: from here on $connect and the API refuse the link…
    await s.revocations.revokeToken(linkId, existing.tokenExpiresAt, 'share link revoked');
    const link = (await s.links.markRevoked(boardId, linkId, actor)) ?? existing;
    // …then the sockets already open on it are told and closed.
    const disconnected = s.poster ? await cutConnections(s.connections, s.poster, boardId, (r) => r.tokenId === linkId, REVOKED_MESSAGE) : 0;
    return c.json({ boardId, link: { ...link, state: 'revoked' }, disconnected });
  });

  return app;
}
