/**
 * Cards: add, update, delete (to the bin) and restore. Every write validates the whole
 * resulting card before touching the doc, so a refused write leaves the doc unchanged.
 */
import * as Y from 'yjs';
import { requireCurrentBoard, readCardMap, liveCardsInUnit, readChecklist, type BoardMaps } from './doc';
import { keyBetween } from './fractional';
import {
  CARD_KINDS, CARD_FIELDS, CHECKLIST_FIELDS, FIELD_SCHEMAS,
  type Card, type CardKind, type CardPatch, type NewCardInput, type ChecklistItem,
} from './schema';
import { say, issue, type Issue } from '../validation/issues';
import { checkContext, contextIssues, fail, isPlainObject, newId, parseWith, type WriteContext } from './validate';
import { readFacts } from './snapshot';
import { awardFormIssues } from '../awards/amounts';
import { toIsoInstant } from '../util/dates';
import type { NomineeKind } from './schema';
import type { AwardFormId } from '../awards/forms';

const CARD_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

type Fields = Record<string, unknown>;

/** The unit must be a live column of this board. */
function unitIssues(maps: BoardMaps, unit: unknown): Issue[] {
  if (unit === undefined || unit === null || unit === '') return [say.required('unit')];
  if (typeof unit !== 'string') return [say.wrongType('unit', 'string')];
  const m = maps.units.get(unit);
  if (!m || m.get('removed')) return [say.unknownUnit(unit)];
  return [];
}

/** Validate the kind-specific fields of a card; returns the normalised fields. */
function validateFields(doc: Y.Doc, kind: CardKind, raw: Fields, ctx: WriteContext): { fields: Fields; issues: Issue[] } {
  const parsed = parseWith(FIELD_SCHEMAS[kind], raw);
  if (!parsed.ok) return { fields: {}, issues: parsed.issues };
  const fields: Fields = { ...(parsed.value as Fields) };
  const issues: Issue[] = [];
  for (const f of CHECKLIST_FIELDS) {
    if (!(f in fields)) continue;
    const items = fields[f] as Array<{ id?: string; text: string; done: boolean }>;
    const seen = new Set<string>();
    fields[f] = items.map((it, i) => {
      const id = it.id ?? newId(ctx);
      if (seen.has(id))
        issues.push(issue(`${f}.${i}.id`, 'duplicate-id', `Mục "${it.text}" bị trùng mã`, `Item "${it.text}" has a duplicate id`));
      seen.add(id);
      return { id, text: it.text, done: it.done };
    });
  }
  if (kind === 'budget') {
    const amount = Math.round((fields['quantity'] as number) * (fields['unitPrice'] as number));
    if (fields['amount'] !== undefined && fields['amount'] !== amount)
      issues.push(issue('amount', 'amount-mismatch',
        `Thành tiền phải bằng số lượng × đơn giá (${amount})`,
        `Amount must equal quantity × unit price (${amount})`));
    if (!Number.isSafeInteger(amount) || amount > 1e12) issues.push(say.tooLarge('amount', 1e12));
    fields['amount'] = amount;
    const funds = readFacts(doc).funds;
    if (funds.length > 0 && !funds.some((f) => f.id === fields['fundingSource']))
      issues.push(issue('fundingSource', 'unknown-fund',
        `Nguồn kinh phí "${String(fields['fundingSource'])}" không có trong danh sách nguồn của bảng (${funds.map((f) => f.nameVi).join(', ')})`,
        `Funding source "${String(fields['fundingSource'])}" is not one of the board's funds (${funds.map((f) => f.nameEn).join(', ')})`));
  }
  if (kind === 'nominee' && fields['awardForm'])
    issues.push(...awardFormIssues(fields['awardForm'] as AwardFormId, fields['nomineeKind'] as NomineeKind));
  return { fields, issues };
}

function writeChecklist(card: Y.Map<unknown>, field: string, items: ChecklistItem[]): void {
  let m = card.get(field);
  if (!(m instanceof Y.Map)) {
    m = new Y.Map<unknown>();
    card.set(field, m);
  }
  const ym = m as Y.Map<unknown>;
  const want = new Set(items.map((i) => i.id));
  for (const id of [...ym.keys()]) if (!want.has(id)) ym.delete(id);
  items.forEach((it, order) => {
    const cur = ym.get(it.id) as Record<string, unknown> | undefined;
    if (!cur || cur['text'] !== it.text || cur['done'] !== it.done || cur['order'] !== order)
      ym.set(it.id, { text: it.text, done: it.done, order });
  });
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function writeFields(card: Y.Map<unknown>, kind: CardKind, fields: Fields, current: Fields | null): void {
  for (const f of CARD_FIELDS[kind]) {
    if (!(f in fields)) continue;
    const v = fields[f];
    if (current && same(current[f], v)) continue;
    if ((CHECKLIST_FIELDS as readonly string[]).includes(f)) writeChecklist(card, f, v as ChecklistItem[]);
    else card.set(f, v === undefined ? null : v);
  }
}

/** Add a card at the end of its column. */
export function addCard(doc: Y.Doc, input: NewCardInput, ctx: WriteContext): Card {
  const issues = contextIssues(ctx);
  const maps = requireCurrentBoard(doc);
  if (!isPlainObject(input)) fail([...issues, say.wrongType('', 'object')]);
  const { kind, unit, id: givenId, ...rest } = input as unknown as Fields;
  if (kind === undefined || kind === null || kind === '') fail([...issues, say.required('kind')]);
  if (!(CARD_KINDS as readonly unknown[]).includes(kind)) fail([...issues, say.unknownKind(kind)]);
  issues.push(...unitIssues(maps, unit));
  if (givenId !== undefined) {
    if (typeof givenId !== 'string' || !CARD_ID.test(givenId)) issues.push(say.invalidId('id', givenId));
    else if (maps.cards.has(givenId))
      issues.push(issue('id', 'duplicate-id', `Đã có thẻ với mã "${givenId}"`, `A card with id "${givenId}" already exists`));
  }
  const v = validateFields(doc, kind as CardKind, rest, ctx);
  issues.push(...v.issues);
  if (issues.length) fail(issues);

  const id = (givenId as string | undefined) ?? newId(ctx);
  if (maps.cards.has(id))
    fail([issue('id', 'duplicate-id', `Đã có thẻ với mã "${id}"`, `A card with id "${id}" already exists`)]);
  const column = liveCardsInUnit(maps, unit as string);
  const last = column[column.length - 1]?.order ?? null;
  const at = toIsoInstant(ctx.now);
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    maps.cards.set(id, m);
    m.set('id', id);
    m.set('kind', kind);
    m.set('pos', { unit, order: keyBetween(last, null) });
    writeFields(m, kind as CardKind, v.fields, null);
    m.set('createdBy', ctx.actor);
    m.set('createdAt', at);
    m.set('updatedBy', ctx.actor);
    m.set('updatedAt', at);
    m.set('deletedAt', null);
    m.set('deletedBy', null);
  }, ctx.origin);
  return readCardMap(maps.cards.get(id)!);
}

function requireLiveCard(maps: BoardMaps, cardId: string): Y.Map<unknown> {
  const m = typeof cardId === 'string' ? maps.cards.get(cardId) : undefined;
  if (!m || m.get('deletedAt')) fail([say.cardNotFound(String(cardId))]);
  return m;
}

/** Change some of a card's own fields. Id, kind, column and order cannot be patched. */
export function updateCard(doc: Y.Doc, cardId: string, patch: CardPatch, ctx: WriteContext): Card {
  const issues = contextIssues(ctx);
  const maps = requireCurrentBoard(doc);
  const m = requireLiveCard(maps, cardId);
  if (!isPlainObject(patch)) fail([...issues, say.wrongType('', 'object')]);
  const card = readCardMap(m) as unknown as Fields;
  const kind = card['kind'] as CardKind;
  for (const key of Object.keys(patch)) {
    if (key === 'unit') issues.push(issue('unit', 'invalid', 'Để chuyển thẻ sang cột khác, hãy dùng thao tác "Chuyển thẻ"', 'To move a card to another column, use "Move card"'));
    else if (!CARD_FIELDS[kind].includes(key)) issues.push(say.unknownField('', key));
  }
  if (issues.length) fail(issues);
  const merged: Fields = {};
  for (const f of CARD_FIELDS[kind]) if (f !== 'amount') merged[f] = card[f];
  Object.assign(merged, patch);
  if (kind === 'budget' && !('amount' in (patch as Fields))) delete merged['amount'];
  for (const k of Object.keys(merged)) if (merged[k] === null && !(k in (patch as Fields))) delete merged[k];
  const v = validateFields(doc, kind, merged, ctx);
  if (v.issues.length) fail(v.issues);
  const changed = CARD_FIELDS[kind].some((f) => f in v.fields && !same(card[f], v.fields[f]));
  if (!changed) return readCardMap(m);
  doc.transact(() => {
    writeFields(m, kind, v.fields, card);
    m.set('updatedBy', ctx.actor);
    m.set('updatedAt', toIsoInstant(ctx.now));
  }, ctx.origin);
  return readCardMap(m);
}

/** Tick or untick one checklist (or dossier) item; merges with a concurrent tick of another item. */
export function setChecklistItemDone(doc: Y.Doc, cardId: string, itemId: string, done: boolean, ctx: WriteContext): Card {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = requireLiveCard(maps, cardId);
  const field = m.get('kind') === 'nominee' ? 'dossier' : 'checklist';
  const list = m.get(field);
  const item = list instanceof Y.Map ? (list.get(itemId) as Record<string, unknown> | undefined) : undefined;
  if (!item) fail([issue(`${field}.${itemId}`, 'not-found', `Không tìm thấy mục "${itemId}"`, `Item "${itemId}" was not found`)]);
  if (typeof done !== 'boolean') fail([say.wrongType('done', 'boolean')]);
  doc.transact(() => {
    (list as Y.Map<unknown>).set(itemId, { ...item, done });
    m.set('updatedBy', ctx.actor);
    m.set('updatedAt', toIsoInstant(ctx.now));
  }, ctx.origin);
  return readCardMap(m);
}

/** Put a card in the bin. It keeps its place, so restoreCard (undo) puts it back where it was. */
export function deleteCard(doc: Y.Doc, cardId: string, ctx: WriteContext): Card {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = requireLiveCard(maps, cardId);
  const at = toIsoInstant(ctx.now);
  doc.transact(() => {
    m.set('deletedAt', at);
    m.set('deletedBy', ctx.actor);
    m.set('updatedBy', ctx.actor);
    m.set('updatedAt', at);
  }, ctx.origin);
  return readCardMap(m);
}

export function restoreCard(doc: Y.Doc, cardId: string, ctx: WriteContext): Card {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = typeof cardId === 'string' ? maps.cards.get(cardId) : undefined;
  if (!m) fail([say.cardNotFound(String(cardId))]);
  if (!m.get('deletedAt')) return readCardMap(m);
  doc.transact(() => {
    m.set('deletedAt', null);
    m.set('deletedBy', null);
    m.set('updatedBy', ctx.actor);
    m.set('updatedAt', toIsoInstant(ctx.now));
  }, ctx.origin);
  return readCardMap(m);
}

/**
 * Remove a card from the bin for good (its entry leaves the board). Only a card already in
 * the bin; the write policy lets admins only (PURGE_WRITER), the server undoes anyone else's.
 */
export function purgeCard(doc: Y.Doc, cardId: string, ctx: WriteContext): void {
  checkContext(ctx);
  const maps = requireCurrentBoard(doc);
  const m = typeof cardId === 'string' ? maps.cards.get(cardId) : undefined;
  if (!m) fail([say.cardNotFound(String(cardId))]);
  if (!m.get('deletedAt'))
    fail([issue('', 'invalid', 'Chỉ xóa hẳn được thẻ đã ở trong thùng rác', 'Only a card in the trash can be deleted for good')]);
  doc.transact(() => {
    maps.cards.delete(cardId);
  }, ctx.origin);
}

export { readChecklist };

/**
 * Move every budget line on `fromFundId` — live and in the trash — to `toFundId`, in one update:
 * the step before a fund they use may be removed (fund-usage.ts). Returns how many moved.
 */
export function moveBudgetLinesToFund(doc: Y.Doc, fromFundId: string, toFundId: string, ctx: WriteContext): number {
  const issues = contextIssues(ctx);
  const maps = requireCurrentBoard(doc);
  const funds = readFacts(doc).funds;
  if (!funds.some((f) => f.id === toFundId) || toFundId === fromFundId)
    issues.push(issue('fundingSource', 'unknown-fund',
      `Hãy chọn một nguồn khác trong danh sách nguồn của bảng (${funds.filter((f) => f.id !== fromFundId).map((f) => f.nameVi).join(', ') || 'chưa có nguồn nào khác'})`,
      `Choose another of the board's funds (${funds.filter((f) => f.id !== fromFundId).map((f) => f.nameEn).join(', ') || 'there is no other fund yet'})`));
  if (issues.length) fail(issues);
  const lines: Y.Map<unknown>[] = [];
  maps.cards.forEach((m) => {
    if (m instanceof Y.Map && m.get('kind') === 'budget' && m.get('fundingSource') === fromFundId) lines.push(m);
  });
  if (lines.length === 0) return 0;
  const at = toIsoInstant(ctx.now);
  doc.transact(() => {
    for (const m of lines) {
      m.set('fundingSource', toFundId);
      m.set('updatedBy', ctx.actor);
      m.set('updatedAt', at);
    }
  }, ctx.origin);
  return lines.length;
}
