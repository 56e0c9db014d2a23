/** Plain JSON views of the board, for the web app, the handlers, the exports and metrics. */
import * as Y from 'yjs';
import { boardMaps, readCardMap, requireCurrentBoard, unitsInOrder } from './doc';
import { byOrderThenId } from './fractional';
import {
  BUDGET_STATUSES, CARD_KINDS, CARD_NAME_FIELD, EMPTY_FACTS, NOMINEE_KINDS, REVIEW_STATUSES, TASK_STATUSES,
  type BoardFacts, type BoardSnapshot, type Card, type CardKind, type Unit, type AgendaItem,
} from './schema';
import { agendaItemProblems, factProblems, type EntryProblem } from './entry-checks';
import { plainValue } from './entry-snapshot';
import { say } from '../validation/issues';
import { fail } from './validate';

/**
 * The plan's facts. A stored value that is not valid for its key (a Y.Array where the funds
 * belong, a string where a number does) reads as absent and is reported in `problems`.
 */
export function readFacts(doc: Y.Doc, problems?: EntryProblem[]): BoardFacts {
  const f = boardMaps(doc).facts;
  const out: Record<string, unknown> = { ...EMPTY_FACTS };
  for (const key of Object.keys(EMPTY_FACTS)) {
    const v = f.get(key);
    if (v === undefined) continue;
    const found = factProblems(key, plainValue(v));
    if (found.length === 0) out[key] = v;
    else problems?.push(...found);
  }
  return out as unknown as BoardFacts;
}

/** The agenda; items that are not {id, text} are skipped and reported. */
export function readAgenda(doc: Y.Doc, problems?: EntryProblem[]): AgendaItem[] {
  const out: AgendaItem[] = [];
  boardMaps(doc).agenda.toArray().forEach((a, i) => {
    const found = agendaItemProblems(i, plainValue(a));
    if (found.length === 0) out.push({ id: a.id, text: a.text });
    else problems?.push(...found);
  });
  return out;
}

const ENUMS: Record<string, readonly string[]> = {
  'task.status': TASK_STATUSES,
  'nominee.reviewStatus': REVIEW_STATUSES,
  'nominee.nomineeKind': NOMINEE_KINDS,
  'budget.status': BUDGET_STATUSES,
};

/**
 * Why a stored card entry cannot be shown (null: it can). A cheap check of what the screens
 * rely on — a Y.Map of a known kind, its name a string, its statuses known, a budget's numbers
 * numbers — run on every read; the server's full typed check (entry-checks.ts) keeps anything
 * worse from being stored at all.
 */
export function unreadableCard(cardId: string, m: unknown): EntryProblem | null {
  const at = `cards.${cardId}`;
  if (!(m instanceof Y.Map)) return { path: at, vi: `Mục ${at} không phải là thẻ; đã bỏ qua`, en: `${at} is not a card; skipped` };
  const kind = m.get('kind');
  if (typeof kind !== 'string' || !(CARD_KINDS as readonly string[]).includes(kind))
    return { path: `${at}.kind`, vi: `Thẻ ${cardId} có loại không hợp lệ; đã bỏ qua`, en: `Card ${cardId} has an invalid kind; skipped` };
  const name = m.get(CARD_NAME_FIELD[kind as CardKind]);
  if (typeof name !== 'string') return { path: `${at}.${CARD_NAME_FIELD[kind as CardKind]}`, vi: `Thẻ ${cardId} thiếu tên; đã bỏ qua`, en: `Card ${cardId} has no name; skipped` };
  for (const [key, values] of Object.entries(ENUMS)) {
    const [k, field] = key.split('.') as [string, string];
    if (k !== kind || !m.has(field)) continue;
    const v = m.get(field);
    if (typeof v !== 'string' || !values.includes(v))
      return { path: `${at}.${field}`, vi: `Thẻ ${cardId}: giá trị "${field}" không hợp lệ; đã bỏ qua`, en: `Card ${cardId}: invalid "${field}"; skipped` };
  }
  if (kind === 'budget') {
    for (const field of ['quantity', 'unitPrice', 'amount']) {
      const v = m.get(field);
      if (typeof v !== 'number' || !Number.isFinite(v))
        return { path: `${at}.${field}`, vi: `Thẻ ${cardId}: "${field}" phải là số; đã bỏ qua`, en: `Card ${cardId}: "${field}" must be a number; skipped` };
    }
  }
  return null;
}

/** Units in column order (without removed ones). */
export function listUnits(doc: Y.Doc): Unit[] {
  return unitsInOrder(requireCurrentBoard(doc));
}

export function getCard(doc: Y.Doc, cardId: string): Card | null {
  const m = requireCurrentBoard(doc).cards.get(cardId);
  return m && unreadableCard(cardId, m) === null ? readCardMap(m) : null;
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
  const problems: EntryProblem[] = [];
  const all: Card[] = [];
  maps.cards.forEach((m, id) => {
    const unreadable = unreadableCard(id, m);
    if (unreadable) problems.push(unreadable);
    else all.push(readCardMap(m));
  });
  maps.units.forEach((m, id) => {
    if (!(m instanceof Y.Map)) problems.push({ path: `units.${id}`, vi: `Mục units.${id} không phải là cột; đã bỏ qua`, en: `units.${id} is not a column; skipped` });
  });
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
  const text = (key: string) => {
    const v = maps.meta.get(key);
    return typeof v === 'string' ? v : '';
  };
  const facts = readFacts(doc, problems);
  const agenda = readAgenda(doc, problems);
  return {
    version: Number(maps.meta.get('version')),
    boardId: text('boardId'),
    title: text('title'),
    createdAt: text('createdAt'),
    createdBy: text('createdBy'),
    facts,
    units,
    cards: live.sort(cardSort),
    deletedCards: all.filter((c) => c.deletedAt).sort(cardSort),
    agenda,
    problems,
  };
}

/** Live cards of one column, in order, from a snapshot. */
export function cardsInUnit(board: BoardSnapshot, unitId: string): Card[] {
  return board.cards.filter((c) => c.unit === unitId);
}
