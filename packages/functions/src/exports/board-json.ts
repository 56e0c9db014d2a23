/**
 * The whole board as versioned JSON, and back.
 *
 * Export: readBoard's snapshot (units, facts, agenda, live cards and the bin, with checklists,
 * column, order and who/when) in an envelope { format: 'binh-an-board', version: 1 }.
 *
 * Import: checked with zod (core's unit, facts and card field schemas), then built in a
 * scratch Y.Doc with core's own writes (initBoard, setAgenda, setFacts, addCard — so a card is
 * refused for the same reasons and in the same words as in the app) and merged into the
 * target in one update. A refusal throws core's BoardValidationError (vi + en) listing every
 * problem found, and leaves the target untouched.
 *
 * Core has no write that keeps a card's stored order key, its last-change stamp or its bin
 * stamp, nor a unit's order key (its writes stamp "now" and compute new keys). Those few
 * values are written by restoreStoredMetadata below on the scratch doc, following the layout
 * documented in core's board/doc.ts, and read back through core's public readers: if core's
 * layout ever changes, the import fails loudly instead of producing a different board.
 */
import * as Y from 'yjs';
import * as z from 'zod/mini';
import {
  BoardValidationError, CARD_KINDS, LIMITS, UNIT_ID,
  addCard, boardVersion, factsPatchSchema, getCard, initBoard, isOrderKey, issue, listUnits, parseWith,
  readBoard, say, setAgenda, setFacts, unitInputSchema,
  type AgendaItem, type BoardFacts, type BoardSnapshot, type Card, type Issue, type NewCardInput, type Unit,
  type WriteContext,
} from '@binhan/core';

export const BOARD_EXPORT_FORMAT = 'binh-an-board' as const;
export const BOARD_EXPORT_VERSION = 1 as const;

export interface BoardExport {
  format: typeof BOARD_EXPORT_FORMAT;
  version: typeof BOARD_EXPORT_VERSION;
  /** When the export was made (ISO instant, UTC). */
  exportedAt?: string;
  board: {
    /** The id of the board it was exported from (an import gives the board its own id). */
    boardId: string;
    title: string;
    createdAt: string;
    createdBy: string;
    /** Columns in order. */
    units: Unit[];
    facts: BoardFacts;
    agenda: AgendaItem[];
    /** Live cards, by column then order. */
    cards: Card[];
    /** Cards in the bin. */
    deletedCards: Card[];
  };
}

export interface ImportContext {
  /** Who imports: the fallback author of anything the file does not say who made. */
  actor: string;
  /** When: the fallback time of anything the file does not date. */
  now: Date | string;
  /** The id of the new board. */
  boardId: string;
  /** Passed to Y.Doc.transact when the board is merged into the target. */
  origin?: unknown;
}

// ---------- export ----------

export function exportBoardJson(doc: Y.Doc, options: { now?: Date | string } = {}): BoardExport {
  const b = structuredClone(readBoard(doc));
  return {
    format: BOARD_EXPORT_FORMAT,
    version: BOARD_EXPORT_VERSION,
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    board: {
      boardId: b.boardId,
      title: b.title,
      createdAt: b.createdAt,
      createdBy: b.createdBy,
      units: b.units,
      facts: b.facts,
      agenda: b.agenda,
      cards: b.cards,
      deletedCards: b.deletedCards,
    },
  };
}

// ---------- import: shapes ----------

const shortText = z.string().check(z.maxLength(LIMITS.shortText));
// Both base schemas are strict objects, and omit/extend keep that.
const unitSchema = z.extend(z.omit(unitInputSchema, { index: true }), {
  id: z.string().check(z.regex(UNIT_ID), z.maxLength(60)),
  order: z.string().check(z.maxLength(200)),
  removed: z._default(z.optional(z.boolean()), false),
});
const factsSchema = z.extend(factsPatchSchema, {
  updatedAt: z.optional(z.nullable(z.string().check(z.maxLength(40)))),
  updatedBy: z.optional(z.nullable(shortText)),
});
const agendaSchema = z.strictObject({
  id: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  text: z.string().check(z.maxLength(LIMITS.text)),
});
/** What every card carries besides its kind's own fields (those are addCard's to check). */
const cardMetaSchema = z.looseObject({
  id: z.string().check(z.maxLength(100)),
  kind: z.enum(CARD_KINDS),
  unit: z.string().check(z.maxLength(60)),
  order: z.string().check(z.maxLength(200)),
  createdBy: shortText,
  createdAt: z.string().check(z.maxLength(40)),
  updatedBy: shortText,
  updatedAt: z.string().check(z.maxLength(40)),
  deletedAt: z.optional(z.nullable(z.string().check(z.maxLength(40)))),
  deletedBy: z.optional(z.nullable(shortText)),
});
const META_KEYS = ['id', 'kind', 'unit', 'order', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'deletedAt', 'deletedBy'];
const boardSchema = z.strictObject({
  boardId: z.optional(z.string().check(z.maxLength(200))),
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.title)),
  createdAt: z.optional(z.string().check(z.maxLength(40))),
  createdBy: z.optional(shortText),
  units: z.array(unitSchema).check(z.maxLength(100)),
  facts: z.prefault(factsSchema, {}),
  agenda: z._default(z.optional(z.array(agendaSchema).check(z.maxLength(200))), []),
  cards: z.array(z.unknown()).check(z.maxLength(20_000)),
  deletedCards: z._default(z.optional(z.array(z.unknown()).check(z.maxLength(20_000))), []),
});
const envelopeSchema = z.strictObject({
  format: z.string(),
  version: z.number().check(z.int()),
  exportedAt: z.optional(z.string().check(z.maxLength(40))),
  board: z.unknown(),
});

type CardMeta = z.output<typeof cardMetaSchema>;

function notAnExport(): Issue {
  return issue('format', 'not-a-board',
    'Tệp không phải là bản xuất bảng kế hoạch Bình An (thiếu hoặc sai "format": "binh-an-board")',
    'The file is not a Bình An planning board export (missing or wrong "format": "binh-an-board")');
}

function isInstant(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(new Date(v).getTime());
}

function badOrder(path: string, value: string): Issue {
  return issue(path, 'invalid', `Thứ tự "${value}" không hợp lệ (chỉ gồm chữ cái và chữ số không dấu)`,
    `Order "${value}" is not valid (letters and digits only)`);
}

/** Re-root the issues of a core write at `prefix` (e.g. "board.cards.3"). */
function rooted(e: unknown, prefix: string): Issue[] {
  if (!(e instanceof BoardValidationError)) throw e;
  return e.issues.map((i) => ({ ...i, path: [prefix, i.path].filter(Boolean).join('.') }));
}

function fail(issues: Issue[]): never {
  throw new BoardValidationError(issues);
}

// ---------- import ----------

/**
 * Make a new board in `target` (an empty doc) from an export. Returns the new board; throws a
 * BoardValidationError and leaves `target` unchanged when the input is refused.
 */
export function importBoardJson(json: unknown, target: Y.Doc, ctx: ImportContext): BoardSnapshot {
  const issues: Issue[] = [];
  if (!ctx || typeof ctx.actor !== 'string' || ctx.actor.trim() === '') issues.push(say.required('actor'));
  if (!ctx || !(ctx.now instanceof Date ? !Number.isNaN(ctx.now.getTime()) : isInstant(ctx.now)))
    issues.push(say.invalidTime('now', ctx?.now));
  if (!ctx || typeof ctx.boardId !== 'string' || ctx.boardId.trim() === '') issues.push(say.required('boardId'));
  if (issues.length) fail(issues);
  if (boardVersion(target) !== null)
    fail([issue('', 'duplicate-id', 'Ở đây đã có một bảng kế hoạch; hãy nhập vào một bảng mới',
      'There is already a planning board here; import into a new board')]);

  // 1. The envelope.
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail([notAnExport()]);
  const env = parseWith(envelopeSchema, json);
  if (!env.ok) {
    const tag = (json as Record<string, unknown>)['format'];
    fail(tag !== BOARD_EXPORT_FORMAT ? [notAnExport()] : env.issues);
  }
  if (env.value.format !== BOARD_EXPORT_FORMAT) fail([notAnExport()]);
  if (env.value.version > BOARD_EXPORT_VERSION)
    fail([issue('version', 'newer-version',
      `Tệp được xuất từ phiên bản mới hơn (định dạng ${env.value.version}); hãy cập nhật ứng dụng`,
      `The file was exported by a newer version (format ${env.value.version}); please update the app`)]);
  if (env.value.version < 1)
    fail([issue('version', 'invalid', `Phiên bản định dạng ${env.value.version} không hợp lệ`,
      `Format version ${env.value.version} is not valid`)]);
  if (env.value.board === null || typeof env.value.board !== 'object' || Array.isArray(env.value.board))
    fail([say.wrongType('board', 'object')]);

  // 2. The board's shape, with core's schemas for units and facts.
  const parsed = parseWith(boardSchema, env.value.board, 'board');
  if (!parsed.ok) fail(parsed.issues);
  const board = parsed.value;
  const unitIds = new Set<string>();
  board.units.forEach((u, i) => {
    if (unitIds.has(u.id))
      issues.push(issue(`board.units.${i}.id`, 'duplicate-id', `Cột "${u.id}" bị trùng`, `Column "${u.id}" appears twice`));
    unitIds.add(u.id);
    if (!isOrderKey(u.order)) issues.push(badOrder(`board.units.${i}.order`, u.order));
  });
  const agendaIds = new Set<string>();
  board.agenda.forEach((a, i) => {
    if (agendaIds.has(a.id))
      issues.push(issue(`board.agenda.${i}.id`, 'duplicate-id', `Mục chương trình "${a.id}" bị trùng mã`, `Agenda item "${a.id}" has a duplicate id`));
    agendaIds.add(a.id);
  });
  if (board.createdAt !== undefined && !isInstant(board.createdAt)) issues.push(say.invalidTime('board.createdAt', board.createdAt));
  const { updatedAt: factsUpdatedAt, updatedBy: factsUpdatedBy, ...factsPatch } = board.facts;
  if (factsUpdatedAt && !isInstant(factsUpdatedAt)) issues.push(say.invalidTime('board.facts.updatedAt', factsUpdatedAt));

  const cards: Array<{ path: string; meta: CardMeta; fields: Record<string, unknown>; deleted: boolean; duplicate: boolean }> = [];
  const cardIds = new Set<string>();
  const collect = (list: unknown[], name: 'cards' | 'deletedCards') =>
    list.forEach((raw, i) => {
      const path = `board.${name}.${i}`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return void issues.push(say.wrongType(path, 'object'));
      const m = parseWith(cardMetaSchema, raw, path);
      if (!m.ok) return void issues.push(...m.issues);
      const meta = m.value;
      for (const k of ['createdAt', 'updatedAt', 'deletedAt'] as const) {
        const v = meta[k];
        if (v !== undefined && v !== null && !isInstant(v)) issues.push(say.invalidTime(`${path}.${k}`, v));
      }
      if (!isOrderKey(meta.order)) issues.push(badOrder(`${path}.order`, meta.order));
      const deleted = name === 'deletedCards';
      if (deleted && !meta.deletedAt) issues.push(say.required(`${path}.deletedAt`));
      if (!deleted && meta.deletedAt) issues.push(issue(`${path}.deletedAt`, 'invalid',
        'Thẻ đang dùng không được có ngày xóa', 'A live card must not have a deletion time'));
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>))
        if (!META_KEYS.includes(k) && v !== null) fields[k] = v; // null = "not set": core's default
      // A repeated id is reported here (addCard would only see it if the first copy was valid).
      const duplicate = cardIds.has(meta.id);
      cardIds.add(meta.id);
      cards.push({ path, meta, fields, deleted, duplicate });
    });
  collect(board.cards, 'cards');
  collect(board.deletedCards, 'deletedCards');
  if (issues.length) fail(issues);

  // 3. Build it in a scratch doc with core's writes (each card checked by addCard).
  const scratch = new Y.Doc();
  const at = (by: string | null | undefined, when: string | null | undefined): WriteContext => ({
    actor: by && by.trim() ? by : ctx.actor,
    now: when ?? ctx.now,
  });
  try {
    initBoard(scratch, {
      boardId: ctx.boardId,
      title: board.title,
      units: board.units.map((u) => ({ id: u.id, nameVi: u.nameVi, nameEn: u.nameEn })),
      facts: factsPatch,
    }, at(board.createdBy, board.createdAt));
    setAgenda(scratch, board.agenda, at(board.createdBy, board.createdAt));
    // The whole patch again, not {}: core's setFacts clears planNumber and fundingText when a
    // patch leaves them out (their zod transform turns "absent" into null).
    if (factsUpdatedAt) setFacts(scratch, factsPatch, at(factsUpdatedBy, factsUpdatedAt));
  } catch (e) {
    fail(rooted(e, 'board').map((i) => (i.path.startsWith('board.funds') ? { ...i, path: i.path.replace('board.', 'board.facts.') } : i)));
  }
  for (const c of cards) {
    if (c.duplicate) {
      issues.push(issue(`${c.path}.id`, 'duplicate-id', `Đã có thẻ với mã "${c.meta.id}"`, `A card with id "${c.meta.id}" already exists`));
      continue;
    }
    try {
      addCard(scratch, { ...c.fields, kind: c.meta.kind, unit: c.meta.unit, id: c.meta.id } as NewCardInput, at(c.meta.createdBy, c.meta.createdAt));
    } catch (e) {
      issues.push(...rooted(e, c.path));
    }
  }
  if (issues.length) fail(issues);
  restoreStoredMetadata(scratch, board.units, cards.map((c) => ({ ...c.meta, deleted: c.deleted })), ctx);

  // 4. Merge in one update.
  Y.applyUpdate(target, Y.encodeStateAsUpdate(scratch), ctx.origin);
  return readBoard(target);
}

/**
 * Put back what core's writes re-stamp: unit and card order keys, a card's last change and
 * its bin stamp, a unit removed while it still holds cards. Layout per core's board/doc.ts
 * (Y.Map 'units' id → Y.Map {order, removed}; Y.Map 'cards' id → Y.Map {pos: {unit, order},
 * updatedBy, updatedAt, deletedAt, deletedBy}); checked afterwards through core's readers.
 */
function restoreStoredMetadata(
  doc: Y.Doc,
  units: Array<{ id: string; order: string; removed: boolean }>,
  cards: Array<CardMeta & { deleted: boolean }>,
  ctx: ImportContext,
): void {
  const unitMaps = doc.getMap<Y.Map<unknown>>('units');
  const cardMaps = doc.getMap<Y.Map<unknown>>('cards');
  const fallbackNow = new Date(ctx.now).toISOString();
  const want = cards.map((c) => ({
    id: c.id,
    unit: c.unit,
    order: c.order,
    updatedBy: c.updatedBy.trim() ? c.updatedBy : ctx.actor,
    updatedAt: new Date(c.updatedAt ?? fallbackNow).toISOString(),
    deletedAt: c.deleted ? new Date(c.deletedAt!).toISOString() : null,
    deletedBy: c.deleted ? (c.deletedBy ?? null) : null,
  }));
  doc.transact(() => {
    for (const u of units) {
      const m = unitMaps.get(u.id);
      if (!(m instanceof Y.Map)) throw new Error(`board import: unit ${u.id} is not where core keeps units`);
      m.set('order', u.order);
      if (u.removed) m.set('removed', true);
    }
    for (const w of want) {
      const m = cardMaps.get(w.id);
      if (!(m instanceof Y.Map)) throw new Error(`board import: card ${w.id} is not where core keeps cards`);
      m.set('pos', { unit: w.unit, order: w.order });
      m.set('updatedBy', w.updatedBy);
      m.set('updatedAt', w.updatedAt);
      m.set('deletedAt', w.deletedAt);
      m.set('deletedBy', w.deletedBy);
    }
  });
  // Read back through core's public readers.
  const liveUnits = new Map(listUnits(doc).map((u) => [u.id, u]));
  for (const u of units)
    if (!u.removed && liveUnits.get(u.id)?.order !== u.order)
      throw new Error(`board import: core no longer reads unit order as written (unit ${u.id})`);
  for (const w of want) {
    const c = getCard(doc, w.id);
    if (!c || c.order !== w.order || c.unit !== w.unit || c.updatedAt !== w.updatedAt || c.updatedBy !== w.updatedBy
      || c.deletedAt !== w.deletedAt || c.deletedBy !== w.deletedBy)
      throw new Error(`board import: core no longer reads card metadata as written (card ${w.id})`);
  }
}
