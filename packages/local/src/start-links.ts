/**
 * The two links `npm start` prints for the seeded board, both kept as links of the board so an
 * administrator sees and revokes them in the app (Sharing → links), and revoking one closes the
 * sockets open on it:
 *  - the staff edit link (role editor, 30 days), label "Cán bộ (liên kết sửa) / Staff (edit link)";
 *  - the district's read-only link (no expiry).
 * A start reuses a link it made before while it is unrevoked and valid for more than a day, so
 * restarting does not pile up links; a revoked one is replaced by a fresh one.
 */
import { ShareLinks, type LinkRole, type ShareLink, type SyncTokens, type Table } from '@binhan/functions';

export const START_LINK_CREATOR = 'npm-start';
export const EDIT_LINK_DAYS = 30;

export interface StartLinks {
  edit: { link: ShareLink; token: string };
  view: { link: ShareLink; token: string };
}

export async function startLinks(table: Table, tokens: SyncTokens, boardId: string, clock: () => number = Date.now): Promise<StartLinks> {
  const links = new ShareLinks(table, clock);
  const existing = await links.list(boardId);
  const nowSeconds = Math.floor(clock() / 1000);
  const reuse = (role: LinkRole) =>
    existing.find((l) => l.createdBy === START_LINK_CREATOR && l.role === role && !l.revokedAt && l.tokenExpiresAt > nowSeconds + 24 * 3600);
  const editLink =
    reuse('editor') ??
    (await links.create({
      boardId,
      label: 'Cán bộ (liên kết sửa) / Staff (edit link)',
      expiresAt: new Date(clock() + EDIT_LINK_DAYS * 86_400_000),
      createdBy: START_LINK_CREATOR,
      role: 'editor',
    }));
  const viewLink =
    reuse('viewer') ??
    (await links.create({ boardId, label: 'Huyện (liên kết xem) / District (view link)', expiresAt: null, createdBy: START_LINK_CREATOR }));
  const tokenOf = (link: ShareLink) =>
    tokens.issue({ boardId, role: link.role, ttlSeconds: 0, expiresAt: link.tokenExpiresAt, tokenId: link.linkId, subject: `link:${link.linkId}` });
  return { edit: { link: editLink, token: tokenOf(editLink) }, view: { link: viewLink, token: tokenOf(viewLink) } };
}
