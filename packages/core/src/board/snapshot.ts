/** Plain JSON views of the board, for the web app, the handlers, the exports and metrics. */
import type * as Y from 'yjs';
import { boardMaps, readCardMap, requireCurrentBoard, unitsInOrder } from './doc';
import { byOrderThenId } from './fractional';
import { EMPTY_FACTS, type BoardFacts, type BoardSnapshot, type Card, type Unit, type AgendaItem } from './schema';
import { say } from './errors';
import { fail } from './validate';

export function readFacts(doc: Y.Doc): BoardFacts {
  const f = boardMaps(doc).facts;
  const out: Record<string, unknown> = { ...EMPTY_FACTS };
  for (const key of Object.keys(EMPTY_FACTS)) {
    const v = f.get(key);
    if (v !== undefined) out[key] = v;
  }
  return out as unknown as BoardFacts;
}

export function readAgenda(doc: Y.Doc): AgendaItem[] {
  return boardMaps(doc).agenda.toArray().map((a) => ({ id: a.id, text: a.text }));
}

/** Units in column order (without removed ones). */
export function listUnits(doc: Y.Doc): Unit[] {
  return unitsInOrder(requireCurrentBoard(doc));
}

export function getCard(doc: Y.Doc, cardId: string): Card | null {
  const m = requireCurrentBoard(doc).cards.get(cardId);
  return m ? readCardMap(m) : null;
}

export function requireCard(doc: Y.Doc, cardId: string): Card {
  const c = getCard(doc, cardId);
  if (!c) fail([say.cardNotFound(cardId)]);
  return c;
}

/**
 * The whole board as plain JSON. A unit removed while someone moved a card into it is still
 * listed (removed: true) so the card is never hidden.
 */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const maps = requireCurrentBoard(doc);
  const all: Card[] = [];
  maps.cards.forEach((m) => all.push(readCardMap(m)));
  const live = all.filter((c) => !c.deletedAt);
  const unitsAll = unitsInOrder(maps, true);
  const occupied = new Set(live.map((c) => c.unit));
  const units = unitsAll.filter((u) => !u.removed || occupied.has(u.id));
  const known = new Set(unitsAll.map((u) => u.id));
  // A card whose unit is not on the board at all (should not happen; written by a foreign
  // client) still shows: its unit is listed as a removed placeholder column.
  for (const unitId of occupied) {
    if (!known.has(unitId)) units.push({ id: unitId, nameVi: unitId, nameEn: unitId, order: '~', removed: true });
  }
  const unitRank = new Map(units.map((u, i) => [u.id, i]));
  const cardSort = (a: Card, b: Card) =>
    (unitRank.get(a.unit) ?? 1e9) - (unitRank.get(b.unit) ?? 1e9) || byOrderThenId(a, b);
  return {
    version: Number(maps.meta.get('version')),
    boardId: String(maps.meta.get('boardId') ?? ''),
    title: String(maps.meta.get('title') ?? ''),
    createdAt: String(maps.meta.get('createdAt') ?? ''),
    createdBy: String(maps.meta.get('createdBy') ?? ''),
    facts: readFacts(doc),
    units,
    cards: live.sort(cardSort),
    deletedCards: all.filter((c) => c.deletedAt).sort(cardSort),
    agenda: readAgenda(doc),
  };
}

/** Live cards of one column, in order, from a snapshot. */
export function cardsInUnit(board: BoardSnapshot, unitId: string): Card[] {
  return board.cards.filter((c) => c.unit === unitId);
}
