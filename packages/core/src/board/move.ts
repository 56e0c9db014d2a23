/**
 * Moving a card within its column or to another one.
 *
 * Convergence: a move writes the card's single `pos` value ({unit, order}) in one go. Two
 * people moving the same card at once both write `pos`; Yjs keeps one of the two values on
 * every replica (the same one everywhere), so the card ends in exactly one place — never
 * twice, never lost, never with the column of one move and the position of the other. Order
 * keys are fractional (see fractional.ts): a move never rewrites other cards, and equal keys
 * from concurrent inserts at the same spot are ordered by card id.
 */
import type * as Y from 'yjs';
import { requireCurrentBoard, liveCardsInUnit, readCardMap, readPos } from './doc';
import { keyBetween } from './fractional';
import type { Card } from './schema';
import { say, issue, type Issue } from '../validation/issues';
import { contextIssues, fail, type WriteContext } from './validate';
import { toIsoInstant } from '../util/dates';

export interface MoveTarget {
  /** The column (unit id) to move to; the card's own column when absent. */
  unit?: string;
  /** Place just before this card of the target column. */
  beforeId?: string;
  /** Place just after this card of the target column. */
  afterId?: string;
  /** Place at this position (0 = top) of the target column. At the end when nothing is given. */
  index?: number;
}

export function moveCard(doc: Y.Doc, cardId: string, target: MoveTarget, ctx: WriteContext): Card {
  const issues: Issue[] = contextIssues(ctx);
  const maps = requireCurrentBoard(doc);
  const m = typeof cardId === 'string' ? maps.cards.get(cardId) : undefined;
  if (!m || m.get('deletedAt')) fail([...issues, say.cardNotFound(String(cardId))]);
  const unit = target?.unit ?? readPos(m).unit;
  const um = typeof unit === 'string' ? maps.units.get(unit) : undefined;
  if (!um || um.get('removed')) issues.push(say.unknownUnit(unit));
  if (issues.length) fail(issues);

  const column = liveCardsInUnit(maps, unit, cardId);
  let at = column.length;
  const anchorIssue = (id: string) =>
    issue('index', 'not-found', `Thẻ "${id}" không nằm trong cột đích`, `Card "${id}" is not in the target column`);
  if (target.beforeId !== undefined) {
    at = column.findIndex((c) => c.id === target.beforeId);
    if (at < 0) fail([anchorIssue(target.beforeId)]);
  } else if (target.afterId !== undefined) {
    at = column.findIndex((c) => c.id === target.afterId);
    if (at < 0) fail([anchorIssue(target.afterId)]);
    at += 1;
  } else if (target.index !== undefined) {
    if (!Number.isInteger(target.index)) fail([say.notInteger('index')]);
    if (target.index < 0) fail([say.negative('index')]);
    at = Math.min(target.index, column.length);
  }
  const prev = column[at - 1]?.order ?? null;
  let next = column[at]?.order ?? null;
  // Equal neighbouring keys (from concurrent inserts): place after the run of equal keys.
  if (prev !== null && next !== null && next <= prev) {
    next = column.slice(at).find((c) => c.order > prev)?.order ?? null;
  }
  const order = keyBetween(prev, next);
  doc.transact(() => {
    m.set('pos', { unit, order });
    m.set('updatedBy', ctx.actor);
    m.set('updatedAt', toIsoInstant(ctx.now));
  }, ctx.origin);
  return readCardMap(m);
}
