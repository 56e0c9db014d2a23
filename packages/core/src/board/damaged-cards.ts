/**
 * Cards the board cannot show. readBoard skips a stored card entry that is not a card (a value
 * written by a foreign client before the server's write guard, or by an older version: a
 * Y.Text where the name belongs, an unknown status, a budget amount as text) and lists why in
 * `problems`; the board page names them (web/src/board/DamagedNotice.tsx) so nothing is hidden
 * without a word, and a staff member may clear them away. The server's write guard lets any
 * writer remove a damaged card (only administrators remove a readable one for good).
 */
import * as Y from 'yjs';
import { requireCurrentBoard } from './doc';
import type { EntryProblem } from './entry-checks';
import { CARD_NAME_FIELDS } from './schema';
import { unreadableCard } from './snapshot';

export interface DamagedCard {
  cardId: string;
  /** The card's name when it can still be read as text (title, name or budget line; a Y.Text's text too), else null. */
  label: string | null;
  problem: EntryProblem;
}

/** The stored card entries readBoard skips, with why, in id order. */
export function damagedCards(doc: Y.Doc): DamagedCard[] {
  const out: DamagedCard[] = [];
  requireCurrentBoard(doc).cards.forEach((m, cardId) => {
    const problem = unreadableCard(cardId, m);
    if (!problem) return;
    let label: string | null = null;
    if (m instanceof Y.Map) {
      for (const key of CARD_NAME_FIELDS) {
        const v: unknown = m.get(key);
        const text = typeof v === 'string' ? v.trim() : v instanceof Y.Text ? v.toString().trim() : '';
        if (text) {
          label = text;
          break;
        }
      }
    }
    out.push({ cardId, label, problem });
  });
  return out.sort((a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
}

/**
 * Removes the damaged card entries (what `damagedCards` lists) in one transaction; returns
 * their ids. Readable cards are left alone, whatever their content.
 */
export function clearDamagedCards(doc: Y.Doc, ctx: { origin?: unknown } = {}): string[] {
  const ids = damagedCards(doc).map((d) => d.cardId);
  if (ids.length === 0) return [];
  const { cards } = requireCurrentBoard(doc);
  doc.transact(() => {
    for (const id of ids) cards.delete(id);
  }, ctx.origin);
  return ids;
}
