/**
 * Typed checks of board entries as stored: is this card, unit, fact, meta value or agenda item
 * a valid board value, with the right Yjs representation? Every check reads a plain copy
 * (entry-snapshot.ts), never throws, and says what is wrong in both languages.
 *
 * The representation is part of the value: a Y.Text where a string belongs, a Y.Array or Y.Map
 * where JSON belongs, an unknown key or a garbage entry is invalid, whatever it would read as.
 */
import { BOARD_VERSION } from './doc';
import { isOrderKey } from './fractional';
import { parseWith } from './validate';
import { awardFormIssues } from '../awards/amounts';
import { isValidInstant } from '../util/dates';
import type { AwardFormId } from '../awards/forms';
import {
  CARD_FIELDS, CARD_KINDS, CHECKLIST_FIELDS, EMPTY_FACTS, FIELD_SCHEMAS, LIMITS, UNIT_ID, factsPatchSchema,
  type CardKind, type NomineeKind,
} from './schema';
import { YValue, type EntryCopy } from './entry-snapshot';
import { COMMENT_ID, COMMENT_LIMITS, COMMENT_VALUE_KEYS, COMMENTS_KEY } from './comments';

export interface EntryProblem {
  /** Where: "cards.n1.reviewStatus", "facts.funds", "units.finance", "meta.version", "agenda.3". */
  path: string;
  vi: string;
  en: string;
}

/** Card keys every card has besides its kind's fields. */
export const CARD_BOOKKEEPING_KEYS = ['id', 'kind', 'pos', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'deletedAt', 'deletedBy'] as const;
export const UNIT_KEYS = ['id', 'nameVi', 'nameEn', 'order', 'removed'] as const;
export const META_KEYS = ['version', 'boardId', 'title', 'createdAt', 'createdBy'] as const;
/** Facts keys that are bookkeeping, not plan facts. */
const FACT_BOOKKEEPING = new Set(['updatedAt', 'updatedBy']);
export const CHECKLIST_KEYS: ReadonlySet<string> = new Set(CHECKLIST_FIELDS);
/** Card keys holding a nested Y.Map (checklists and the comments): copied one level down. */
export const NESTED_CARD_KEYS: ReadonlySet<string> = new Set([...CHECKLIST_FIELDS, COMMENTS_KEY]);
/** Keys a stored card must have (the rest read as empty when absent). */
const REQUIRED_KEYS: Record<CardKind, readonly string[]> = {
  task: ['id', 'kind', 'pos', 'title', 'status'],
  nominee: ['id', 'kind', 'pos', 'name', 'nomineeKind', 'reviewStatus'],
  budget: ['id', 'kind', 'pos', 'line', 'quantity', 'unitPrice', 'amount', 'fundingSource', 'status'],
};

const problem = (path: string, vi: string, en: string): EntryProblem => ({ path, vi, en });

function describe(value: unknown): string {
  if (value instanceof YValue) return value.typeName;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}

function wrongRepresentation(path: string, value: unknown, expected: { vi: string; en: string }): EntryProblem {
  return problem(path, `${path} phải là ${expected.vi}, không phải ${describe(value)}`, `${path} must be ${expected.en}, not ${describe(value)}`);
}

const TEXT = { vi: 'chữ', en: 'a string' };
const TEXT_OR_NULL = { vi: 'chữ hoặc để trống', en: 'a string or null' };

function isText(v: unknown, max: number = LIMITS.text): v is string {
  return typeof v === 'string' && v.length <= max;
}

/** A plain JSON value (what Yjs stores as ContentAny), at most `depth` levels deep. */
export function isPlainJson(value: unknown, depth = 8): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth === 0 || value instanceof YValue || value instanceof Uint8Array) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth - 1));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).every((v) => isPlainJson(v, depth - 1));
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof YValue);
}

function fromIssues(prefix: string, issues: Array<{ path: string; vi: string; en: string }>): EntryProblem[] {
  return issues.map((i) => problem(i.path ? `${prefix}.${i.path}` : prefix, i.vi, i.en));
}

/**
 * A checklist's problems, kept per copy of its items: a copy is never modified once made, and
 * the copy of a checklist an update did not change is the previous copy itself
 * (entry-snapshot.ts: copyEntryAfter), so it is checked once, not on every edit of its card.
 */
const checkedChecklists = new WeakMap<Map<string, unknown>, { path: string; problems: EntryProblem[] }>();

function checklistProblems(path: string, values: Map<string, unknown>): EntryProblem[] {
  const kept = checkedChecklists.get(values);
  if (kept !== undefined && kept.path === path) return kept.problems;
  const problems = findChecklistProblems(path, values);
  checkedChecklists.set(values, { path, problems });
  return problems;
}

/** What is wrong with a checklist as stored: itemId → {text, done, order}. */
function findChecklistProblems(path: string, values: Map<string, unknown>): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (values.size > 200) problems.push(problem(path, `${path} có quá 200 mục`, `${path} has more than 200 items`));
  for (const [id, v] of values) {
    const at = `${path}.${id}`;
    const idLength = id.trim().length;
    if (idLength < 1 || idLength > LIMITS.checklistItemId)
      problems.push(problem(at, `Mã mục "${id.slice(0, 40)}" phải có từ 1 đến ${LIMITS.checklistItemId} ký tự`, `Item id "${id.slice(0, 40)}" must have 1 to ${LIMITS.checklistItemId} characters`));
    if (!isPlainObject(v)) {
      problems.push(wrongRepresentation(at, v, { vi: 'một mục {text, done, order}', en: 'an item {text, done, order}' }));
      continue;
    }
    const extra = Object.keys(v).filter((k) => k !== 'text' && k !== 'done' && k !== 'order');
    if (extra.length) problems.push(problem(at, `${at} có trường lạ: ${extra.join(', ')}`, `${at} has unknown keys: ${extra.join(', ')}`));
    if (!isText(v['text'], LIMITS.checklistText) || v['text'].trim() === '')
      problems.push(problem(`${at}.text`, `Nội dung mục ${id} phải là chữ, không trống, tối đa ${LIMITS.checklistText} ký tự`, `Item ${id} text must be a non-empty string of at most ${LIMITS.checklistText} characters`));
    if (typeof v['done'] !== 'boolean') problems.push(wrongRepresentation(`${at}.done`, v['done'], { vi: 'có/không', en: 'a boolean' }));
    if (typeof v['order'] !== 'number' || !Number.isFinite(v['order'])) problems.push(wrongRepresentation(`${at}.order`, v['order'], { vi: 'một số', en: 'a number' }));
  }
  return problems;
}

/**
 * A card's comments as stored: commentId → {authorId, authorName, text, mentions, createdAt,
 * editedAt}, each one plain value. A Y.Text where the text belongs, a Y.Map or Y.Array where
 * the comment belongs, an unknown key: invalid. Who may write which comment is the write
 * policy's (policy/write-rules.ts:commentWriteIssue).
 */
export function commentProblems(path: string, values: Map<string, unknown>): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (values.size > COMMENT_LIMITS.perCard) problems.push(problem(path, `${path} có quá ${COMMENT_LIMITS.perCard} bình luận`, `${path} has more than ${COMMENT_LIMITS.perCard} comments`));
  const shortText = (v: unknown, max: number) => typeof v === 'string' && v.trim() !== '' && v.length <= max;
  for (const [id, v] of values) {
    const at = `${path}.${id}`;
    if (!COMMENT_ID.test(id)) problems.push(problem(at, `Mã bình luận "${id}" không hợp lệ`, `Comment id "${id}" is not valid`));
    if (!isPlainObject(v)) {
      problems.push(wrongRepresentation(at, v, { vi: 'một bình luận {authorId, authorName, text, mentions, createdAt, editedAt}', en: 'a comment {authorId, authorName, text, mentions, createdAt, editedAt}' }));
      continue;
    }
    const extra = Object.keys(v).filter((k) => !(COMMENT_VALUE_KEYS as readonly string[]).includes(k));
    if (extra.length) problems.push(problem(at, `${at} có trường lạ: ${extra.join(', ')}`, `${at} has unknown keys: ${extra.join(', ')}`));
    if (!shortText(v['authorId'], COMMENT_LIMITS.id)) problems.push(wrongRepresentation(`${at}.authorId`, v['authorId'], { vi: 'mã người viết', en: "the author's id" }));
    if (!shortText(v['authorName'], COMMENT_LIMITS.name)) problems.push(wrongRepresentation(`${at}.authorName`, v['authorName'], { vi: 'tên người viết', en: "the author's name" }));
    if (!shortText(v['text'], COMMENT_LIMITS.text))
      problems.push(problem(`${at}.text`, `Nội dung bình luận phải là chữ, không trống, tối đa ${COMMENT_LIMITS.text} ký tự (không phải ${describe(v['text'])})`, `A comment's text must be a non-empty string of at most ${COMMENT_LIMITS.text} characters (not ${describe(v['text'])})`));
    const mentions = v['mentions'];
    if (!Array.isArray(mentions) || mentions.length > COMMENT_LIMITS.mentions
      || !mentions.every((m) => isPlainObject(m) && Object.keys(m).every((k) => k === 'id' || k === 'name') && shortText(m['id'], COMMENT_LIMITS.id) && shortText(m['name'], COMMENT_LIMITS.name)))
      problems.push(wrongRepresentation(`${at}.mentions`, mentions, { vi: `danh sách người được nhắc [{id, name}] (tối đa ${COMMENT_LIMITS.mentions})`, en: `a list of mentions [{id, name}] (at most ${COMMENT_LIMITS.mentions})` }));
    if (typeof v['createdAt'] !== 'string' || !isValidInstant(v['createdAt'])) problems.push(wrongRepresentation(`${at}.createdAt`, v['createdAt'], { vi: 'một thời điểm', en: 'a time' }));
    const edited = v['editedAt'];
    if (edited !== null && (typeof edited !== 'string' || !isValidInstant(edited))) problems.push(wrongRepresentation(`${at}.editedAt`, edited, { vi: 'một thời điểm hoặc để trống', en: 'a time or null' }));
  }
  return problems;
}

/** The kind of a stored card when it is a valid one, else null. */
export function cardKindOf(copy: EntryCopy): CardKind | null {
  if (copy.kind !== 'map') return null;
  const k = copy.values.get('kind');
  return typeof k === 'string' && (CARD_KINDS as readonly string[]).includes(k) ? (k as CardKind) : null;
}

/** Problems of a stored card entry (none: it is a valid card). */
export function cardProblems(cardId: string, copy: EntryCopy): EntryProblem[] {
  const at = `cards.${cardId}`;
  if (copy.kind !== 'map') return [wrongRepresentation(at, copy.value, { vi: 'một thẻ (Y.Map)', en: 'a card (Y.Map)' })];
  const kind = cardKindOf(copy);
  if (!kind) return [problem(`${at}.kind`, `Loại thẻ "${describe(copy.values.get('kind'))}" không hợp lệ`, `Card kind "${String(copy.values.get('kind'))}" is not valid`)];
  const out: EntryProblem[] = [];
  const fields = CARD_FIELDS[kind];
  const allowed = new Set<string>([...CARD_BOOKKEEPING_KEYS, ...fields, COMMENTS_KEY]);
  for (const k of [...copy.values.keys(), ...copy.nested.keys()]) {
    if (!allowed.has(k)) out.push(problem(`${at}.${k}`, `Trường "${k}" không thuộc thẻ loại ${kind}`, `Key "${k}" does not belong to a ${kind} card`));
  }
  const v = (k: string) => copy.values.get(k);
  if (v('id') !== cardId) out.push(problem(`${at}.id`, `Mã thẻ phải là "${cardId}"`, `The card's id must be "${cardId}"`));
  const pos = v('pos');
  if (!isPlainObject(pos) || Object.keys(pos).some((k) => k !== 'unit' && k !== 'order') || typeof pos['unit'] !== 'string' || !UNIT_ID.test(pos['unit']) || typeof pos['order'] !== 'string' || !isOrderKey(pos['order']))
    out.push(wrongRepresentation(`${at}.pos`, pos, { vi: 'vị trí {unit, order}', en: 'a position {unit, order}' }));
  for (const k of ['createdBy', 'updatedBy'] as const) if (v(k) !== undefined && !isText(v(k), LIMITS.shortText)) out.push(wrongRepresentation(`${at}.${k}`, v(k), TEXT));
  for (const k of ['createdAt', 'updatedAt'] as const) {
    const t = v(k);
    if (t !== undefined && (typeof t !== 'string' || !isValidInstant(t))) out.push(wrongRepresentation(`${at}.${k}`, t, { vi: 'một thời điểm', en: 'a time' }));
  }
  const deletedAt = v('deletedAt');
  if (deletedAt !== undefined && deletedAt !== null && (typeof deletedAt !== 'string' || !isValidInstant(deletedAt)))
    out.push(wrongRepresentation(`${at}.deletedAt`, deletedAt, { vi: 'một thời điểm hoặc để trống', en: 'a time or null' }));
  const deletedBy = v('deletedBy');
  if (deletedBy !== undefined && deletedBy !== null && !isText(deletedBy, LIMITS.shortText)) out.push(wrongRepresentation(`${at}.deletedBy`, deletedBy, TEXT_OR_NULL));

  // The comments: a nested Y.Map of plain comment values, or absent.
  const comments = copy.nested.get(COMMENTS_KEY);
  if (comments) out.push(...commentProblems(`${at}.${COMMENTS_KEY}`, comments.values));
  else if (copy.values.has(COMMENTS_KEY)) out.push(wrongRepresentation(`${at}.${COMMENTS_KEY}`, copy.values.get(COMMENTS_KEY), { vi: 'danh sách bình luận (Y.Map)', en: 'the comments (Y.Map)' }));

  for (const k of REQUIRED_KEYS[kind]) {
    if (!copy.values.has(k) && !copy.nested.has(k)) out.push(problem(`${at}.${k}`, `Thẻ thiếu trường "${k}"`, `The card has no "${k}"`));
  }
  // The kind's fields, through the same schema as every write.
  const raw: Record<string, unknown> = {};
  for (const f of fields) {
    if (CHECKLIST_KEYS.has(f)) {
      const nested = copy.nested.get(f);
      const value = copy.values.get(f);
      // Checked item by item here, and not again through the fields' schema: the schema's item
      // rules (an id of 1–100 characters, a text of 1–500 after trimming, a boolean tick, at most
      // 200 items) are all in checklistProblems, which is stricter. Parsing 200 items through
      // zod on every tick made the check O(checklist) twice (issue 12's 50 × 200 run).
      if (nested) out.push(...checklistProblems(`${at}.${f}`, nested.values));
      else if (value !== undefined) out.push(wrongRepresentation(`${at}.${f}`, value, { vi: 'một danh sách việc (Y.Map)', en: 'a checklist (Y.Map)' }));
      continue;
    }
    const value = copy.values.get(f);
    if (value === undefined) continue;
    if (value instanceof YValue || !isPlainJson(value)) {
      out.push(wrongRepresentation(`${at}.${f}`, value, { vi: 'một giá trị thường', en: 'a plain value' }));
      continue;
    }
    raw[f] = value;
  }
  if (out.some((p) => p.path.startsWith(`${at}.`) && fields.some((f) => p.path === `${at}.${f}`))) return out;
  const parsed = parseWith(FIELD_SCHEMAS[kind], raw);
  if (!parsed.ok) out.push(...fromIssues(at, parsed.issues));
  else if (kind === 'budget') {
    const q = raw['quantity'] as number;
    const p = raw['unitPrice'] as number;
    if (raw['amount'] !== undefined && raw['amount'] !== Math.round(q * p))
      out.push(problem(`${at}.amount`, `Thành tiền phải bằng số lượng × đơn giá (${Math.round(q * p)})`, `Amount must equal quantity × unit price (${Math.round(q * p)})`));
  } else if (kind === 'nominee' && typeof raw['awardForm'] === 'string') {
    out.push(...fromIssues(at, awardFormIssues(raw['awardForm'] as AwardFormId, raw['nomineeKind'] as NomineeKind)));
  }
  return out;
}

/** Problems of a stored unit (column) entry. */
export function unitProblems(unitId: string, copy: EntryCopy): EntryProblem[] {
  const at = `units.${unitId}`;
  if (copy.kind !== 'map') return [wrongRepresentation(at, copy.value, { vi: 'một cột (Y.Map)', en: 'a column (Y.Map)' })];
  const out: EntryProblem[] = [];
  const known = new Set<string>(UNIT_KEYS);
  for (const k of [...copy.values.keys(), ...copy.nested.keys()]) if (!known.has(k)) out.push(problem(`${at}.${k}`, `Cột không có trường "${k}"`, `A column has no key "${k}"`));
  const v = (k: string) => copy.values.get(k);
  if (v('id') !== unitId || !UNIT_ID.test(unitId)) out.push(problem(`${at}.id`, `Mã cột phải là "${unitId}" (chữ thường không dấu, số, gạch ngang)`, `The column's id must be "${unitId}" (lower-case letters, digits, hyphens)`));
  const nameVi = v('nameVi');
  if (!isText(nameVi, LIMITS.shortText) || nameVi.trim() === '') out.push(wrongRepresentation(`${at}.nameVi`, nameVi, { vi: 'tên cột (không trống)', en: 'a non-empty name' }));
  if (!isText(v('nameEn'), LIMITS.shortText)) out.push(wrongRepresentation(`${at}.nameEn`, v('nameEn'), TEXT));
  const order = v('order');
  if (typeof order !== 'string' || !isOrderKey(order)) out.push(wrongRepresentation(`${at}.order`, order, { vi: 'khóa thứ tự', en: 'an order key' }));
  if (typeof v('removed') !== 'boolean') out.push(wrongRepresentation(`${at}.removed`, v('removed'), { vi: 'có/không', en: 'a boolean' }));
  return out;
}

/** The facts keys a board may hold. */
export function isFactKey(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(EMPTY_FACTS, key);
}

/** Problems of one stored fact (`undefined`: the key is absent, which is always valid). */
export function factProblems(key: string, value: unknown): EntryProblem[] {
  const at = `facts.${key}`;
  if (!isFactKey(key)) return [problem(at, `Bảng không có dữ kiện "${key}"`, `The board has no fact "${key}"`)];
  if (value === undefined) return [];
  if (value instanceof YValue || !isPlainJson(value)) return [wrongRepresentation(at, value, { vi: 'một giá trị thường (JSON)', en: 'a plain JSON value' })];
  if (FACT_BOOKKEEPING.has(key)) {
    if (value === null) return [];
    if (key === 'updatedAt' ? typeof value === 'string' && isValidInstant(value) : isText(value, LIMITS.shortText)) return [];
    return [wrongRepresentation(at, value, key === 'updatedAt' ? { vi: 'một thời điểm', en: 'a time' } : TEXT)];
  }
  const parsed = parseWith(factsPatchSchema, { [key]: value });
  if (!parsed.ok) return fromIssues('facts', parsed.issues);
  if (key === 'funds' && Array.isArray(value)) {
    const ids = value.map((f) => (f as { id: string }).id);
    if (new Set(ids).size !== ids.length) return [problem(at, 'Mã nguồn kinh phí bị trùng', 'Fund ids must be unique')];
  }
  return [];
}

/** Problems of one stored meta value. */
export function metaProblems(key: string, value: unknown, boardIdBefore: unknown): EntryProblem[] {
  const at = `meta.${key}`;
  if (!(META_KEYS as readonly string[]).includes(key)) return [problem(at, `Bảng không có thông tin "${key}"`, `The board has no meta key "${key}"`)];
  if (value === undefined) return [problem(at, `Không được xóa ${at}`, `${at} must not be removed`)];
  switch (key) {
    case 'version':
      return value === BOARD_VERSION ? [] : [problem(at, `Phiên bản bảng phải là ${BOARD_VERSION}`, `The board version must be ${BOARD_VERSION}`)];
    case 'boardId':
      if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) return [wrongRepresentation(at, value, { vi: 'mã bảng', en: 'a board id' })];
      return boardIdBefore === undefined || boardIdBefore === value ? [] : [problem(at, 'Không được đổi mã bảng', 'The board id cannot change')];
    case 'title':
      return isText(value, LIMITS.title) && value.trim() !== '' ? [] : [wrongRepresentation(at, value, { vi: 'tên bảng (không trống)', en: 'a non-empty title' })];
    case 'createdAt':
      return typeof value === 'string' && isValidInstant(value) ? [] : [wrongRepresentation(at, value, { vi: 'một thời điểm', en: 'a time' })];
    default:
      return isText(value, LIMITS.shortText) ? [] : [wrongRepresentation(at, value, TEXT)];
  }
}

/** Problems of one agenda item as stored in the agenda array. */
export function agendaItemProblems(index: number, value: unknown): EntryProblem[] {
  const at = `agenda.${index}`;
  if (!isPlainObject(value) || Object.keys(value).some((k) => k !== 'id' && k !== 'text'))
    return [wrongRepresentation(at, value, { vi: 'một mục {id, text}', en: 'an item {id, text}' })];
  const { id, text } = value;
  if (!isText(id, 100) || id === '') return [wrongRepresentation(`${at}.id`, id, TEXT)];
  if (!isText(text, LIMITS.text) || text.trim() === '') return [wrongRepresentation(`${at}.text`, text, { vi: 'chữ (không trống)', en: 'a non-empty string' })];
  return [];
}
