/**
 * Making a new board, whatever it is made from (a template, a plan's text or file, a board.json):
 * its id, its first document, its registry entry and its creator as admin. Used by the boards,
 * plan-upload and board-import routes. Its first document is built by board-doc.ts's
 * `buildBoardDoc` (loaded on first use).
 */
import { slugify } from '@binhan/core/yjs-free';
import { randomId } from '../util/crypto';
import type { Account } from '../storage/accounts';
import type { HttpServices } from './services';
import { errors } from './errors';

/** A fresh board id: the title's slug and a random suffix, `[a-z0-9-]{1,64}`. */
export function newBoardId(boardTitle: string): string {
  const base = slugify(boardTitle).slice(0, 48).replace(/-+$/, '') || 'board';
  return `${base}-${randomId(8)}`;
}

/**
 * Who the new board's content says wrote it (the facts' "last changed by" on the leaders'
 * dashboard): the account's name, as the web app writes its users' names for their own edits —
 * not its user id, which no reader of the board knows. The registry and the membership keep the
 * user id.
 */
export function contentAuthor(user: Pick<Account, 'name' | 'email'>): string {
  return user.name.trim() || user.email;
}

/** Stores the new board's first update and registry entry, and makes `actor` its admin. 409 if the id is taken. */
export async function createBoardFromDoc(
  s: HttpServices,
  input: { boardId: string; title: string; actor: string; update: Uint8Array },
): Promise<void> {
  const createdAt = new Date(s.clock()).toISOString();
  const created = await s.registry.create({ boardId: input.boardId, title: input.title, createdAt, createdBy: input.actor }, input.update);
  if (!created) throw errors.conflict('board-exists', 'A board with this id exists already; try again.', 'Đã có bảng với mã này; vui lòng thử lại.');
  await s.memberships.put(input.boardId, input.actor, 'admin', input.actor);
}
