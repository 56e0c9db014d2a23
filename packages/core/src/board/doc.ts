/**
 * Where the board lives in a Y.Doc, which layout version it has, and how an older board is
 * brought up to date. Nothing outside packages/core touches these keys.
 *
 * Layout (version 2):
 *   Y.Map  'meta'   version, boardId, title, createdAt, createdBy
 *   Y.Map  'facts'  one key per plan fact (delegateCap, chairs, session, funds, …) so two people
 *                   editing different facts both keep their edit
 *   Y.Map  'units'  unitId → Y.Map { id, nameVi, nameEn, order, removed }
 *   Y.Map  'cards'  cardId → Y.Map { id, kind, pos: {unit, order}, <fields>, createdBy, … }
 *                   A card is ONE entry keyed by its id, so moves can never copy or lose it.
 *                   Column and order are ONE value `pos`, written at once: two concurrent moves
 *                   give one winner, never the column of one and the order of the other.
 *                   Checklists are nested Y.Maps (itemId → {id, text, done, order}).
 *   Y.Array 'agenda' {id, text} in order
 */
import * as Y from 'yjs';
import { BoardValidationError, issue } from '../validation/issues';
import { keysBetween, byOrderThenId } from './fractional';
import type { AgendaItem, Card, ChecklistItem, Unit } from './schema';
import { CARD_FIELDS, CHECKLIST_FIELDS } from './schema';

export const BOARD_VERSION = 2;

export interface BoardMaps {
  meta: Y.Map<unknown>;
  facts: Y.Map<unknown>;
  units: Y.Map<Y.Map<unknown>>;
  cards: Y.Map<Y.Map<unknown>>;
  agenda: Y.Array<AgendaItem>;
}

export function boardMaps(doc: Y.Doc): BoardMaps {
  return {
    meta: doc.getMap<unknown>('meta'),
    facts: doc.getMap<unknown>('facts'),
    units: doc.getMap<Y.Map<unknown>>('units'),
    cards: doc.getMap<Y.Map<unknown>>('cards'),
    agenda: doc.getArray<AgendaItem>('agenda'),
  };
}

/** Whether a map holds any entry: its first key, not its size (Y.Map's size walks every entry). */
function hasEntries<T>(map: Y.Map<T>): boolean {
  for (const _ of map.keys()) return true;
  return false;
}

/**
 * The layout version of the board in `doc`: a number, or null for an empty doc. Boards from
 * the first prototype had units and cards but no version key: they are version 1.
 */
export function boardVersion(doc: Y.Doc): number | null {
  const m = boardMaps(doc);
  const v = m.meta.get('version');
  if (typeof v === 'number') return v;
  if (m.meta.has('boardId') || hasEntries(m.cards) || hasEntries(m.units)) return 1;
  return null;
}

/** Throws unless `doc` holds a board of the current layout. */
export function requireCurrentBoard(doc: Y.Doc): BoardMaps {
  const v = boardVersion(doc);
  if (v === null)
    throw new BoardValidationError([
      issue('', 'not-a-board', 'Chưa có bảng kế hoạch nào ở đây', 'There is no planning board here yet'),
    ]);
  if (v < BOARD_VERSION)
    throw new BoardValidationError([
      issue('', 'needs-migration',
        `Bảng được tạo bằng phiên bản cũ (${v}); cần nâng cấp lên phiên bản ${BOARD_VERSION} trước khi dùng`,
        `This board was made by an older version (${v}); upgrade it to version ${BOARD_VERSION} before use`),
    ]);
  if (v > BOARD_VERSION)
    throw new BoardValidationError([
      issue('', 'newer-version',
        `Bảng được tạo bằng phiên bản mới hơn (${v}); hãy cập nhật ứng dụng`,
        `This board was made by a newer version (${v}); please update the app`),
    ]);
  return boardMaps(doc);
}

// ---------- reading stored values ----------

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}
function strOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A Yjs type where a plain value belongs reads as absent. */
function plain(v: unknown): unknown {
  return v instanceof Y.AbstractType ? undefined : v;
}

export function readUnitMap(m: Y.Map<unknown>): Unit {
  return {
    id: str(m.get('id')),
    nameVi: str(m.get('nameVi')),
    nameEn: str(m.get('nameEn'), str(m.get('nameVi'))),
    order: str(m.get('order'), 'V'),
    removed: m.get('removed') === true,
  };
}

export function readChecklist(v: unknown): ChecklistItem[] {
  if (!(v instanceof Y.Map)) return [];
  const items: Array<ChecklistItem & { order: number }> = [];
  v.forEach((raw: unknown, id: string) => {
    if (raw === null || typeof raw !== 'object' || raw instanceof Y.AbstractType || Array.isArray(raw)) return; // not an item: skipped
    const o = raw as Record<string, unknown>;
    items.push({ id, text: str(o['text']), done: o['done'] === true, order: typeof o['order'] === 'number' ? o['order'] : 0 });
  });
  items.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return items.map(({ id, text, done }) => ({ id, text, done }));
}

export interface Pos {
  unit: string;
  order: string;
}

export function readPos(m: Y.Map<unknown>): Pos {
  const raw = plain(m.get('pos'));
  const p = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<Pos>;
  return { unit: str(p.unit), order: str(p.order, 'V') };
}

export function readCardMap(m: Y.Map<unknown>): Card {
  const kind = str(m.get('kind')) as Card['kind'];
  const pos = readPos(m);
  const card: Record<string, unknown> = {
    id: str(m.get('id')),
    kind,
    unit: pos.unit,
    order: pos.order,
    createdBy: str(m.get('createdBy')),
    createdAt: str(m.get('createdAt')),
    updatedBy: str(m.get('updatedBy')),
    updatedAt: str(m.get('updatedAt')),
    deletedAt: strOrNull(m.get('deletedAt')),
    deletedBy: strOrNull(m.get('deletedBy')),
  };
  for (const f of CARD_FIELDS[kind] ?? []) {
    const v = m.get(f);
    const p = plain(v);
    card[f] = (CHECKLIST_FIELDS as readonly string[]).includes(f) ? readChecklist(v) : p === undefined ? null : p;
  }
  return card as unknown as Card;
}

/** Live cards of one column, in order. */
export function liveCardsInUnit(maps: BoardMaps, unitId: string, exceptId?: string): Array<{ id: string; order: string }> {
  const out: Array<{ id: string; order: string }> = [];
  maps.cards.forEach((m, id) => {
    if (!(m instanceof Y.Map) || id === exceptId || m.get('deletedAt')) return;
    const p = readPos(m);
    if (p.unit === unitId) out.push({ id, order: p.order });
  });
  return out.sort(byOrderThenId);
}

export function unitsInOrder(maps: BoardMaps, includeRemoved = false): Unit[] {
  const out: Unit[] = [];
  maps.units.forEach((m) => {
    if (!(m instanceof Y.Map)) return; // damage: skipped (readBoard reports it)
    const u = readUnitMap(m);
    if (includeRemoved || !u.removed) out.push(u);
  });
  return out.sort(byOrderThenId);
}

// ---------- migrations ----------

/**
 * Each migration takes a board from version n to n+1 inside one transaction. Migrations are
 * deterministic (no clock, no random ids): if two clients upgrade the same board at once they
 * write the same values, so the merge is the same board.
 */
export const MIGRATIONS: Record<number, (doc: Y.Doc) => void> = {
  /**
   * Version 1 (first prototype): a unit had a single `name`; a card had `column` and a numeric
   * `position` as two separate keys (a concurrent move could mix them). Version 2 adds English
   * names and stores column + order as one `pos` value with fractional keys.
   */
  1: (doc) => {
    const m = boardMaps(doc);
    m.units.forEach((u, id) => {
      if (!u.has('id')) u.set('id', id);
      if (!u.has('nameVi')) u.set('nameVi', str(u.get('name'), id));
      if (!u.has('nameEn')) u.set('nameEn', str(u.get('nameVi'), str(u.get('name'), id)));
      u.delete('name');
      if (!u.has('removed')) u.set('removed', false);
    });
    const unitIds: string[] = [];
    m.units.forEach((_u, id) => unitIds.push(id));
    const legacyOrder = unitIds
      .map((id) => ({ id, position: Number(m.units.get(id)?.get('position') ?? 0) }))
      .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
    const unitKeys = keysBetween(null, null, legacyOrder.length);
    legacyOrder.forEach((u, i) => {
      const um = m.units.get(u.id)!;
      if (!um.has('order')) um.set('order', unitKeys[i]!);
      um.delete('position');
    });
    const byColumn = new Map<string, Array<{ id: string; position: number }>>();
    m.cards.forEach((c, id) => {
      if (c.has('pos')) return;
      const column = str(c.get('column'));
      const list = byColumn.get(column) ?? [];
      list.push({ id, position: Number(c.get('position') ?? 0) });
      byColumn.set(column, list);
    });
    for (const [column, list] of byColumn) {
      list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
      const keys = keysBetween(null, null, list.length);
      list.forEach((c, i) => {
        const cm = m.cards.get(c.id)!;
        cm.set('pos', { unit: column, order: keys[i]! });
        cm.delete('column');
        cm.delete('position');
      });
    }
    m.cards.forEach((c, id) => {
      if (!c.has('id')) c.set('id', id);
      if (!c.has('deletedAt')) c.set('deletedAt', null);
      if (!c.has('deletedBy')) c.set('deletedBy', null);
    });
    m.meta.set('version', 2);
  },
};

/** Bring the board in `doc` to the current layout. Safe to call on a current board. */
export function migrateBoard(doc: Y.Doc, origin?: unknown): { from: number | null; to: number | null } {
  const from = boardVersion(doc);
  if (from === null || from >= BOARD_VERSION) return { from, to: from };
  doc.transact(() => {
    let v = from;
    while (v < BOARD_VERSION) {
      const step = MIGRATIONS[v];
      if (!step) throw new Error(`no migration from board version ${v}`);
      step(doc);
      v++;
    }
    boardMaps(doc).meta.set('version', BOARD_VERSION);
  }, origin);
  return { from, to: BOARD_VERSION };
}
