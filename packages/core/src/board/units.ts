/** Columns: one per responsible unit. The list is data: rename, add, remove, reorder. */
import * as Y from 'yjs';
import * as z from 'zod/mini';
import { requireCurrentBoard, unitsInOrder, liveCardsInUnit, readPos, readUnitMap } from './doc';
import { byOrderThenId, keyBetween } from './fractional';
import { unitInputSchema, LIMITS, type Unit } from './schema';
import { say, issue, type Issue } from '../validation/issues';
import { checkContext, fail, parseWith, isPlainObject, type WriteContext } from './validate';
import { slugify } from '../util/text';
import { toIsoInstant } from '../util/dates';

export interface UnitInput {
  /** Stable id (lower-case, digits, hyphens); made from the name when absent. */
  id?: string;
  nameVi: string;
  nameEn?: string | null;
  /** Column position; at the end when absent. */
  index?: number;
}

function unitNotFound(unitId: string): Issue {
  return say.unknownUnit(unitId, 'id');
}

function orderAt(list: Unit[], index: number | undefined): string {
  const i = index === undefined ? list.length : Math.min(index, list.length);
  const prev = list[i - 1]?.order ?? null;
  let next = list[i]?.order ?? null;
  if (prev !== null && next !== null && next <= prev) next = null;
  return keyBetween(prev, next);
}

export function addUnit(doc: Y.Doc, input: UnitInput, ctx: WriteContext): Unit {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  if (!isPlainObject(input)) fail([say.wrongType('', 'object')]);
  const parsed = parseWith(unitInputSchema, input);
  if (!parsed.ok) fail(parsed.issues);
  const v = parsed.value;
  let id = v.id ?? (slugify(v.nameVi) || 'unit');
  if (!v.id) {
    const base = id;
    for (let n = 2; maps.units.get(id) && !maps.units.get(id)!.get('removed'); n++) id = `${base}-${n}`;
  } else if (maps.units.get(id) && !maps.units.get(id)!.get('removed')) {
    fail([issue('id', 'duplicate-id', `Đã có cột với mã "${id}"`, `A column with id "${id}" already exists`)]);
  }
  const order = orderAt(unitsInOrder(maps), v.index);
  doc.transact(() => {
    const existing = maps.units.get(id);
    const m = existing ?? new Y.Map<unknown>();
    if (!existing) maps.units.set(id, m);
    m.set('id', id);
    m.set('nameVi', v.nameVi);
    m.set('nameEn', v.nameEn ?? v.nameVi);
    m.set('order', order);
    m.set('removed', false);
  }, ctx.origin);
  return readUnitMap(maps.units.get(id)!);
}

export function renameUnit(doc: Y.Doc, unitId: string, names: { nameVi?: string; nameEn?: string }, ctx: WriteContext): Unit {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = maps.units.get(unitId);
  if (!m || m.get('removed')) fail([unitNotFound(unitId)]);
  const schema = z.partial(z.pick(unitInputSchema, { nameVi: true, nameEn: true }));
  const parsed = parseWith(schema, names);
  if (!parsed.ok) fail(parsed.issues);
  const issues: Issue[] = [];
  if (names.nameVi !== undefined && !parsed.value.nameVi) issues.push(say.required('nameVi'));
  if (issues.length) fail(issues);
  doc.transact(() => {
    if (parsed.value.nameVi) m.set('nameVi', parsed.value.nameVi);
    if (parsed.value.nameEn) m.set('nameEn', parsed.value.nameEn);
  }, ctx.origin);
  return readUnitMap(m);
}

export function moveUnit(doc: Y.Doc, unitId: string, index: number, ctx: WriteContext): Unit {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = maps.units.get(unitId);
  if (!m || m.get('removed')) fail([unitNotFound(unitId)]);
  if (!Number.isInteger(index) || index < 0) fail([say.negative('index')]);
  const others = unitsInOrder(maps).filter((u) => u.id !== unitId);
  const order = orderAt(others, index);
  doc.transact(() => m.set('order', order), ctx.origin);
  return readUnitMap(m);
}

/** The column cards go to when their unit is removed and no other unit is chosen. */
export const UNASSIGNED_UNIT = { id: 'unassigned', nameVi: 'Chưa phân công', nameEn: 'Unassigned' } as const;

export interface RemoveUnitOptions {
  /**
   * Where the column's cards go: another live unit's id, or `'unassigned'` (the "Chưa phân
   * công" column, created at the end when the board has none). Without it a column that still
   * holds cards is refused.
   */
  moveCardsTo?: string;
}

/**
 * Remove a column. Its cards (live ones and those in the bin, so a restore never lands in a
 * removed column) move to `moveCardsTo` at the end of that column, in their order, in the same
 * transaction: no card is ever lost. A column that holds cards with no destination is refused.
 */
export function removeUnit(doc: Y.Doc, unitId: string, ctx: WriteContext, options: RemoveUnitOptions = {}): void {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = maps.units.get(unitId);
  if (!m || m.get('removed')) fail([unitNotFound(unitId)]);
  const live = liveCardsInUnit(maps, unitId);
  const binned: Array<{ id: string; order: string }> = [];
  maps.cards.forEach((c, id) => {
    if (c instanceof Y.Map && c.get('deletedAt') && readPos(c).unit === unitId) binned.push({ id, order: readPos(c).order });
  });
  const to = options.moveCardsTo;
  if (to === undefined) {
    if (live.length > 0)
      fail([issue('id', 'unit-not-empty',
        `Cột "${String(m.get('nameVi'))}" còn ${live.length} thẻ; hãy chuyển hoặc xóa các thẻ trước khi xóa cột`,
        `Column "${String(m.get('nameEn'))}" still holds ${live.length} card(s); move or delete them before removing the column`)]);
  } else {
    if (to === unitId) fail([issue('moveCardsTo', 'invalid', 'Không thể chuyển thẻ sang chính cột đang xóa', 'Cards cannot move to the column being removed')]);
    const target = maps.units.get(to);
    if (to !== UNASSIGNED_UNIT.id && (!target || target.get('removed'))) fail([say.unknownUnit(to, 'moveCardsTo')]);
  }
  const moving = [...live, ...binned.sort(byOrderThenId)];
  const at = toIsoInstant(ctx.now);
  doc.transact(() => {
    if (to !== undefined && moving.length > 0) {
      let target = maps.units.get(to);
      if (!target || target.get('removed')) {
        // The "unassigned" column, (re)created at the end.
        const order = orderAt(unitsInOrder(maps).filter((u) => u.id !== unitId), undefined);
        if (!target) {
          target = new Y.Map<unknown>();
          maps.units.set(to, target);
        }
        target.set('id', to);
        target.set('nameVi', UNASSIGNED_UNIT.nameVi);
        target.set('nameEn', UNASSIGNED_UNIT.nameEn);
        target.set('order', order);
        target.set('removed', false);
      }
      const there = liveCardsInUnit(maps, to);
      let last = there[there.length - 1]?.order ?? null;
      for (const c of moving) {
        const card = maps.cards.get(c.id)!;
        last = keyBetween(last, null);
        card.set('pos', { unit: to, order: last });
        card.set('updatedBy', ctx.actor);
        card.set('updatedAt', at);
      }
    }
    m.set('removed', true);
  }, ctx.origin);
}

export { LIMITS as UNIT_LIMITS };
