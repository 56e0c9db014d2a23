import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardValidationError, addCard, readBoard, type BoardSnapshot } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import { exportBoardJson, importBoardJson, type BoardExport } from '../../packages/functions/src/exports/index';
import { buildDoc, EXPORT_NOW, TRICKY_NAME, XSS_NAME } from '../helpers/export-fixture';

const importCtx = { actor: 'Chị Hoa (Văn phòng)', now: '2025-03-02T01:00:00.000Z', boardId: 'binh-an-27-copy' };

function withoutBoardId(b: BoardSnapshot): Omit<BoardSnapshot, 'boardId'> {
  const { boardId: _ignored, ...rest } = b;
  return rest;
}

function exported(): BoardExport {
  return JSON.parse(JSON.stringify(exportBoardJson(buildDoc(), { now: EXPORT_NOW }))) as BoardExport;
}

/** Import `json` into a fresh doc that must refuse it; returns the error, checks the doc did not change. */
function refused(json: unknown, target = new Y.Doc()): BoardValidationError {
  const before = Y.encodeStateAsUpdate(target);
  let error: unknown;
  try {
    importBoardJson(json, target, importCtx);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BoardValidationError);
  expect(Buffer.from(Y.encodeStateAsUpdate(target))).toEqual(Buffer.from(before));
  return error as BoardValidationError;
}

describe('board JSON export', () => {
  it('is a versioned, JSON-serialisable envelope of the whole board', () => {
    const doc = buildDoc();
    const e = exportBoardJson(doc, { now: EXPORT_NOW });
    expect(e.format).toBe('binh-an-board');
    expect(e.version).toBe(1);
    expect(e.exportedAt).toBe(EXPORT_NOW);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    const b = e.board;
    expect(b.title).toBe(readBoard(doc).title);
    expect(b.units.map((u) => u.id)).toEqual(['office-statistics', 'finance', 'culture-society', 'council', 'front']);
    expect(b.facts.planNumber).toBe('27/KH-UBND');
    expect(b.agenda).toHaveLength(9);
    const tay = b.cards.find((c) => c.id === 'nom-binh-tay')!;
    expect(tay).toMatchObject({
      kind: 'nominee', unit: 'council', createdBy: 'Chị Lan (Văn phòng)', createdAt: '2025-02-21T02:00:00.000Z',
      updatedBy: 'Bác Hùng (Hội đồng)', updatedAt: '2025-02-25T06:00:00.000Z',
      dossier: [{ id: 'd1', text: 'Tờ trình đề nghị', done: true }, { id: 'd2', text: 'Báo cáo thành tích', done: false }],
    });
    expect(b.deletedCards.map((c) => c.id)).toEqual(['nom-deleted']);
  });
});

describe('board JSON import', () => {
  it('round-trips: export → JSON text → import into a new doc gives the same board', () => {
    const doc = buildDoc();
    const original = readBoard(doc);
    const text = JSON.stringify(exportBoardJson(doc, { now: EXPORT_NOW }));
    const target = new Y.Doc();
    const imported = importBoardJson(JSON.parse(text), target, importCtx);
    expect(imported.boardId).toBe('binh-an-27-copy');
    expect(withoutBoardId(imported)).toEqual(withoutBoardId(original));
    expect(withoutBoardId(readBoard(target))).toEqual(withoutBoardId(original));
    // The parts the brief names, spelled out.
    const r = readBoard(target);
    expect(r.cards.map((c) => [c.id, c.unit, c.order])).toEqual(original.cards.map((c) => [c.id, c.unit, c.order]));
    expect(r.cards.find((c) => c.id === 'budget-sound')!.order).toBe(original.cards.find((c) => c.id === 'budget-sound')!.order);
    expect(r.cards.find((c) => c.id === 'nom-xss')).toMatchObject({ name: XSS_NAME });
    expect(r.cards.find((c) => c.id === 'nom-teo')).toMatchObject({ name: TRICKY_NAME });
    expect(r.deletedCards[0]).toMatchObject({ id: 'nom-deleted', deletedBy: 'Chị Lan (Văn phòng)', deletedAt: '2025-02-23T04:00:00.000Z' });
  });

  it('keeps the same board id when asked, and the import can be exported again unchanged', () => {
    const e1 = exported();
    const target = new Y.Doc();
    importBoardJson(e1, target, { ...importCtx, boardId: 'binh-an-27' });
    const e2 = JSON.parse(JSON.stringify(exportBoardJson(target, { now: EXPORT_NOW })));
    expect(e2).toEqual(e1);
  });

  it('the imported board is a live board: core writes work on it', () => {
    const target = new Y.Doc();
    importBoardJson(exported(), target, importCtx);
    const c = addCard(target, { kind: 'nominee', unit: 'council', name: 'Bà Võ Thị Hạnh', nomineeKind: 'individual' },
      { actor: 'a', now: EXPORT_NOW });
    expect(readBoard(target).cards.filter((x) => x.unit === 'council').at(-1)!.id).toBe(c.id);
  });

  it('refuses a file that is not a board export', () => {
    for (const bad of [null, 'text', [1, 2], {}, { ...exported(), format: 'trello-board' }]) {
      const e = refused(bad);
      expect(e.issues[0]).toMatchObject({ code: 'not-a-board', path: 'format' });
      expect(e.messageVi).toContain('Tệp không phải là bản xuất bảng kế hoạch Bình An');
      expect(e.message).toContain('The file is not a Bình An planning board export');
    }
  });

  it('refuses a newer format version', () => {
    const e = refused({ ...exported(), version: 2 });
    expect(e.issues).toEqual([expect.objectContaining({ code: 'newer-version', path: 'version' })]);
    expect(e.messageVi).toContain('phiên bản mới hơn');
    expect(e.message).toContain('newer version');
  });

  it('refuses wrong types, saying where, in Vietnamese and English', () => {
    const j = exported();
    (j.board.cards[0] as unknown as Record<string, unknown>)['title'] = 42;
    (j.board.facts as unknown as Record<string, unknown>)['delegateCap'] = 'một trăm năm mươi';
    (j.board.units as unknown) = j.board.units.map((u, i) => (i === 1 ? { ...u, removed: 'no' } : u));
    const e = refused(j);
    // facts and units are checked first (shape of the board), cards by core's addCard after that.
    expect(e.issues.map((i) => [i.path, i.code])).toEqual([
      ['board.units.1.removed', 'wrong-type'],
      ['board.facts.delegateCap', 'wrong-type'],
    ]);
    expect(e.messageVi).toContain('Số đại biểu tối đa phải là một số');
    expect(e.message).toContain('Delegate cap must be a number');

    const k = exported();
    (k.board.cards[0] as unknown as Record<string, unknown>)['title'] = 42;
    const e2 = refused(k);
    expect(e2.issues).toEqual([expect.objectContaining({ path: 'board.cards.0.title', code: 'wrong-type' })]);
    expect(e2.messageVi).toContain('Tiêu đề phải là chữ (văn bản)');
    expect(e2.message).toContain('Title must be text');
  });

  it('refuses a card in a unit the board does not have', () => {
    const j = exported();
    const i = j.board.cards.findIndex((c) => c.id === 'nom-binh');
    j.board.cards[i] = { ...j.board.cards[i]!, unit: 'ban-quan-ly-cho' };
    const e = refused(j);
    expect(e.issues).toEqual([expect.objectContaining({ path: `board.cards.${i}.unit`, code: 'unknown-unit' })]);
    expect(e.messageVi).toContain('Không có cột (bộ phận) "ban-quan-ly-cho" trên bảng');
    expect(e.message).toContain('There is no column (unit) "ban-quan-ly-cho" on the board');
  });

  it('refuses a negative amount and a wrong total', () => {
    const j = exported();
    const i = j.board.cards.findIndex((c) => c.id === 'budget-water');
    j.board.cards[i] = { ...j.board.cards[i]!, unitPrice: -15_000 } as never;
    const e = refused(j);
    expect(e.issues).toEqual([expect.objectContaining({ path: `board.cards.${i}.unitPrice`, code: 'negative' })]);
    expect(e.messageVi).toContain('Đơn giá không được âm');
    expect(e.message).toContain('Unit price must not be negative');

    const k = exported();
    k.board.cards[i] = { ...k.board.cards[i]!, amount: 1 } as never;
    expect(refused(k).issues).toEqual([expect.objectContaining({ path: `board.cards.${i}.amount`, code: 'amount-mismatch' })]);
  });

  it('refuses a board without a title, and a nominee without a name', () => {
    const j = exported();
    delete (j.board as Partial<BoardExport['board']>).title;
    const e = refused(j);
    expect(e.issues).toEqual([expect.objectContaining({ path: 'board.title', code: 'required' })]);
    expect(e.messageVi).toBe('Tiêu đề không được để trống');
    expect(e.message).toBe('Title must not be empty');

    const k = exported();
    const i = k.board.cards.findIndex((c) => c.id === 'nom-cuc');
    k.board.cards[i] = { ...k.board.cards[i]!, name: '   ' } as never;
    expect(refused(k).issues).toEqual([expect.objectContaining({ path: `board.cards.${i}.name`, code: 'required' })]);
  });

  it('lists every bad card at once, with core\'s own rules (award form for the kind of nominee)', () => {
    const j = exported();
    const a = j.board.cards.findIndex((c) => c.id === 'nom-binh');
    const b = j.board.cards.findIndex((c) => c.id === 'nom-cuc');
    j.board.cards[a] = { ...j.board.cards[a]!, awardForm: 'gia-dinh-van-hoa' } as never; // a household title for a person
    j.board.cards[b] = { ...j.board.cards[b]!, order: 'not an order!' };
    const e = refused(j);
    expect(e.issues.map((i) => [i.path, i.code])).toEqual([[`board.cards.${b}.order`, 'invalid']]);
    j.board.cards[b] = { ...j.board.cards[b]!, order: 'k' };
    j.board.cards[b + 1] = { ...j.board.cards[b + 1]!, id: 'nom-binh' };
    const e2 = refused(j);
    expect(e2.issues.map((i) => [i.path, i.code])).toEqual([
      [`board.cards.${a}.awardForm`, 'award-not-allowed'],
      [`board.cards.${b + 1}.id`, 'duplicate-id'],
    ]);
  });

  it('refuses to import over an existing board, leaving it as it was', () => {
    const target = new Y.Doc();
    seedPlan27Board(target, { boardId: 'x', actor: 'seed', now: EXPORT_NOW });
    const e = refused(exported(), target);
    expect(e.issues[0]!.code).toBe('duplicate-id');
    expect(e.message).toContain('There is already a planning board here');
  });

  it('needs an importing actor, time and board id', () => {
    expect(() => importBoardJson(exported(), new Y.Doc(), { actor: '', now: 'soon', boardId: '' }))
      .toThrow(BoardValidationError);
  });
});
