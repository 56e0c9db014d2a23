import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  initBoard, addCard, updateCard, moveCard, deleteCard, restoreCard, readBoard, addUnit, removeUnit,
  renameUnit, setFacts, setAgenda, setChecklistItemDone, migrateBoard, boardVersion, BOARD_VERSION,
  BoardValidationError, cardsInUnit, keyBetween, keysBetween, type NewCardInput, type Issue,
} from '../../packages/core/src/index';
import { ctx } from '../helpers/write-context';
import { stateOf, sync } from '../helpers/docs';

function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    boardId: 'b1',
    title: 'Bảng thử',
    units: [
      { id: 'office-statistics', nameVi: 'Văn phòng – Thống kê', nameEn: 'Office – Statistics' },
      { id: 'finance', nameVi: 'Tài chính – Kế toán', nameEn: 'Finance – Accounting' },
    ],
    facts: { funds: [{ id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commendation fund', amount: null }] },
  }, ctx());
  return doc;
}

/** Expect the write to be refused with these issues, leaving the doc byte-identical. */
function refused(doc: Y.Doc, write: () => unknown): Issue[] {
  const before = stateOf(doc);
  let error: unknown;
  try {
    write();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BoardValidationError);
  expect(stateOf(doc)).toEqual(before);
  return (error as BoardValidationError).issues;
}

const task = (over: Record<string, unknown> = {}) =>
  ({ kind: 'task', unit: 'office-statistics', title: 'Chuẩn bị giấy mời', ...over }) as unknown as NewCardInput;

describe('cards', () => {
  it('adds a task with defaults, who and when', () => {
    const doc = newBoard();
    const c = addCard(doc, task({ due: '2025-03-10', checklist: [{ text: 'In giấy mời' }] }), ctx('Anh Minh', '2025-02-22T03:00:00Z'));
    expect(c).toMatchObject({
      kind: 'task', unit: 'office-statistics', title: 'Chuẩn bị giấy mời', status: 'todo', due: '2025-03-10',
      clause: null, createdBy: 'Anh Minh', createdAt: '2025-02-22T03:00:00.000Z', updatedBy: 'Anh Minh',
    });
    expect(c.kind === 'task' && c.checklist.map((i) => [i.text, i.done])).toEqual([['In giấy mời', false]]);
    expect(readBoard(doc).cards.map((x) => x.id)).toEqual([c.id]);
  });

  it('computes a budget amount as quantity × unit price', () => {
    const doc = newBoard();
    const c = addCard(doc, { kind: 'budget', unit: 'finance', line: 'Nước uống', quantity: 150, unitPrice: 15_000, fundingSource: 'commendation-fund' }, ctx());
    expect(c.kind === 'budget' && c.amount).toBe(2_250_000);
    const u = updateCard(doc, c.id, { quantity: 120 }, ctx());
    expect(u.kind === 'budget' && u.amount).toBe(1_800_000);
  });

  it('updates fields and records who changed it; deletes to the bin and restores', () => {
    const doc = newBoard();
    const c = addCard(doc, task(), ctx());
    updateCard(doc, c.id, { status: 'in-progress', assignee: 'Chị Hoa' }, ctx('Chị Hoa', '2025-02-23T00:00:00Z'));
    expect(readBoard(doc).cards[0]).toMatchObject({ status: 'in-progress', assignee: 'Chị Hoa', updatedBy: 'Chị Hoa', updatedAt: '2025-02-23T00:00:00.000Z' });
    deleteCard(doc, c.id, ctx());
    expect(readBoard(doc).cards).toEqual([]);
    expect(readBoard(doc).deletedCards.map((x) => x.id)).toEqual([c.id]);
    restoreCard(doc, c.id, ctx());
    expect(readBoard(doc).cards.map((x) => x.id)).toEqual([c.id]);
  });

  it('merges two people ticking different checklist items at once', () => {
    const a = newBoard();
    const c = addCard(a, task({ checklist: [{ id: 'i1', text: 'Một' }, { id: 'i2', text: 'Hai' }] }), ctx());
    const b = new Y.Doc();
    sync(a, b);
    setChecklistItemDone(a, c.id, 'i1', true, ctx('A'));
    setChecklistItemDone(b, c.id, 'i2', true, ctx('B'));
    sync(a, b);
    const card = readBoard(b).cards[0]!;
    expect(card.kind === 'task' && card.checklist.map((i) => i.done)).toEqual([true, true]);
  });
});

describe('bad input is refused with a message a staff member understands, and the board is unchanged', () => {
  it('a missing title', () => {
    const doc = newBoard();
    const issues = refused(doc, () => addCard(doc, task({ title: '' }), ctx()));
    expect(issues).toEqual([{ path: 'title', code: 'required', vi: 'Tiêu đề không được để trống', en: 'Title must not be empty' }]);
    const issues2 = refused(doc, () => addCard(doc, { kind: 'task', unit: 'finance' } as unknown as NewCardInput, ctx()));
    expect(issues2.map((i) => i.vi)).toEqual(['Tiêu đề không được để trống']);
  });

  it('a wrongly typed field', () => {
    const doc = newBoard();
    const issues = refused(doc, () =>
      addCard(doc, { kind: 'budget', unit: 'finance', line: 'Hoa', quantity: 'mười', unitPrice: 100_000, fundingSource: 'commendation-fund' } as unknown as NewCardInput, ctx()));
    expect(issues).toEqual([{ path: 'quantity', code: 'wrong-type', vi: 'Số lượng phải là một số', en: 'Quantity must be a number' }]);
    const c = addCard(doc, task(), ctx());
    const i2 = refused(doc, () => updateCard(doc, c.id, { status: 'xong' as never }, ctx()));
    expect(i2[0]).toMatchObject({ code: 'unknown-value', vi: 'Trạng thái "xong" không hợp lệ; chọn một trong: "Chưa thực hiện", "Đang thực hiện", "Đã hoàn thành"' });
    const i3 = refused(doc, () => addCard(doc, task({ colour: 'đỏ' }), ctx()));
    expect(i3[0]).toMatchObject({ code: 'unknown-field', en: 'Field "colour" does not belong to this kind of card' });
  });

  it('a negative amount', () => {
    const doc = newBoard();
    const issues = refused(doc, () =>
      addCard(doc, { kind: 'budget', unit: 'finance', line: 'Hoa tươi', quantity: 10, unitPrice: -50_000, fundingSource: 'commendation-fund' }, ctx()));
    expect(issues).toEqual([{ path: 'unitPrice', code: 'negative', vi: 'Đơn giá không được âm', en: 'Unit price must not be negative' }]);
    const i2 = refused(doc, () =>
      addCard(doc, { kind: 'budget', unit: 'finance', line: 'Hoa', quantity: 2, unitPrice: 100_000, amount: 150_000, fundingSource: 'commendation-fund' }, ctx()));
    expect(i2[0]).toMatchObject({ code: 'amount-mismatch', vi: 'Thành tiền phải bằng số lượng × đơn giá (200000)' });
  });

  it('an unknown unit or kind', () => {
    const doc = newBoard();
    expect(refused(doc, () => addCard(doc, task({ unit: 'phong-y-te' }), ctx()))).toEqual([
      { path: 'unit', code: 'unknown-unit', vi: 'Không có cột (bộ phận) "phong-y-te" trên bảng', en: 'There is no column (unit) "phong-y-te" on the board' },
    ]);
    expect(refused(doc, () => addCard(doc, task({ kind: 'meeting' }), ctx()))[0]).toMatchObject({
      code: 'unknown-kind',
      vi: 'Loại thẻ "meeting" không hợp lệ; chọn: công việc, đề nghị khen thưởng hoặc khoản kinh phí',
      en: 'Card type "meeting" is not valid; choose: task, nominee or budget item',
    });
    const c = addCard(doc, task(), ctx());
    expect(refused(doc, () => moveCard(doc, c.id, { unit: 'khong-co' }, ctx()))[0]!.code).toBe('unknown-unit');
  });

  it('a date that does not exist', () => {
    const doc = newBoard();
    expect(refused(doc, () => addCard(doc, task({ due: '2025-02-31' }), ctx()))).toEqual([{
      path: 'due', code: 'invalid-date',
      vi: 'Hạn hoàn thành "2025-02-31" không phải là ngày có thật (nhập theo dạng năm-tháng-ngày, ví dụ 2025-03-15)',
      en: 'Due date "2025-02-31" is not a real date (use year-month-day, e.g. 2025-03-15)',
    }]);
    expect(refused(doc, () => setFacts(doc, { conferenceDate: '2025-13-01' }, ctx()))[0]!.code).toBe('invalid-date');
  });

  it('an award form that does not fit the nominee, an unknown fund, a missing actor', () => {
    const doc = newBoard();
    expect(refused(doc, () => addCard(doc, {
      kind: 'nominee', unit: 'office-statistics', name: 'Hộ ông Nguyễn Văn A', nomineeKind: 'household', awardForm: 'lao-dong-tien-tien',
    }, ctx()))[0]).toMatchObject({ code: 'award-not-allowed', vi: 'Danh hiệu "Lao động tiên tiến" không xét tặng cho đối tượng "Hộ gia đình"' });
    expect(refused(doc, () => addCard(doc, { kind: 'budget', unit: 'finance', line: 'Hoa', quantity: 1, unitPrice: 1, fundingSource: 'quy-khac' }, ctx()))[0]!.code).toBe('unknown-fund');
    expect(refused(doc, () => addCard(doc, task(), { actor: '', now: '2025-01-01T00:00:00Z' }))[0]).toMatchObject({
      code: 'required', vi: 'Người thực hiện không được để trống',
    });
  });

  it('a missing card, a unit that still has cards', () => {
    const doc = newBoard();
    expect(refused(doc, () => updateCard(doc, 'nope', { title: 'x' }, ctx()))[0]).toMatchObject({ code: 'not-found', vi: 'Không tìm thấy thẻ "nope" trên bảng' });
    addCard(doc, task(), ctx());
    expect(refused(doc, () => removeUnit(doc, 'office-statistics', ctx()))[0]).toMatchObject({
      code: 'unit-not-empty', vi: 'Cột "Văn phòng – Thống kê" còn 1 thẻ; hãy chuyển hoặc xóa các thẻ trước khi xóa cột',
    });
  });
});

describe('moving cards', () => {
  function threeCards() {
    const doc = newBoard();
    const ids = ['a', 'b', 'c'].map((t) => addCard(doc, task({ id: t, title: t }), ctx()).id);
    return { doc, ids };
  }
  const titles = (doc: Y.Doc, unit: string) => cardsInUnit(readBoard(doc), unit).map((c) => (c.kind === 'task' ? c.title : ''));

  it('reorders within a column and moves to another column', () => {
    const { doc } = threeCards();
    moveCard(doc, 'c', { index: 0 }, ctx());
    expect(titles(doc, 'office-statistics')).toEqual(['c', 'a', 'b']);
    moveCard(doc, 'a', { afterId: 'b' }, ctx());
    expect(titles(doc, 'office-statistics')).toEqual(['c', 'b', 'a']);
    moveCard(doc, 'b', { unit: 'finance' }, ctx());
    expect(titles(doc, 'office-statistics')).toEqual(['c', 'a']);
    expect(titles(doc, 'finance')).toEqual(['b']);
  });

  it('two people moving the same card at once end with one card in one place', () => {
    const { doc: a } = threeCards();
    const b = new Y.Doc();
    sync(a, b);
    moveCard(a, 'b', { unit: 'finance' }, ctx('A'));
    moveCard(b, 'b', { unit: 'office-statistics', index: 0 }, ctx('B'));
    sync(a, b);
    const boardA = readBoard(a);
    const boardB = readBoard(b);
    expect(boardA.cards.filter((c) => c.id === 'b')).toHaveLength(1);
    expect(boardA.cards.map((c) => [c.id, c.unit, c.order])).toEqual(boardB.cards.map((c) => [c.id, c.unit, c.order]));
    expect(boardA.cards).toHaveLength(3);
    const where = boardA.cards.find((c) => c.id === 'b')!;
    // Whole move of one of the two: never the column of one and the position of the other.
    expect([['finance', 0], ['office-statistics', 0]]).toContainEqual([where.unit, cardsInUnit(boardA, where.unit).indexOf(where)]);
  });

  it('concurrent reorders and a move against an edit converge on every replica', () => {
    const { doc: a } = threeCards();
    const b = new Y.Doc();
    const c = new Y.Doc();
    sync(a, b);
    sync(a, c);
    moveCard(a, 'a', { index: 3 }, ctx('A'));
    moveCard(b, 'c', { index: 0 }, ctx('B'));
    updateCard(c, 'a', { title: 'a (sửa)' }, ctx('C'));
    sync(a, b);
    sync(b, c);
    sync(a, c);
    const view = (d: Y.Doc) => readBoard(d).cards.map((x) => [x.id, x.unit, x.kind === 'task' ? x.title : '']);
    expect(view(a)).toEqual(view(b));
    expect(view(b)).toEqual(view(c));
    expect(view(a)).toEqual([
      ['c', 'office-statistics', 'c'], ['b', 'office-statistics', 'b'], ['a', 'office-statistics', 'a (sửa)'],
    ]);
  });

  it('two people adding at the end of a column at once keep both cards in a stable order', () => {
    const a = newBoard();
    const b = new Y.Doc();
    sync(a, b);
    addCard(a, task({ id: 'x1', title: 'x1' }), ctx('A'));
    addCard(b, task({ id: 'x2', title: 'x2' }), ctx('B'));
    sync(a, b);
    expect(titles(a, 'office-statistics')).toEqual(['x1', 'x2']);
    expect(titles(b, 'office-statistics')).toEqual(['x1', 'x2']);
    // Placing between two cards with the same key still works.
    moveCard(a, 'x2', { index: 0 }, ctx());
    addCard(a, task({ id: 'x3', title: 'x3' }), ctx());
    moveCard(a, 'x3', { afterId: 'x2' }, ctx());
    expect(titles(a, 'office-statistics')).toEqual(['x2', 'x3', 'x1']);
  });

  it('fractional keys sort between their neighbours', () => {
    const k = keysBetween(null, null, 50);
    expect([...k].sort()).toEqual(k);
    expect(new Set(k).size).toBe(50);
    const m = keyBetween(k[3]!, k[4]!);
    expect(m > k[3]! && m < k[4]!).toBe(true);
    expect(keyBetween('a', 'a1') > 'a').toBe(true);
  });
});

describe('units, facts, agenda', () => {
  it('units are data: add, rename, remove an empty one', () => {
    const doc = newBoard();
    const u = addUnit(doc, { nameVi: 'Trạm Y tế xã', nameEn: 'Health station', index: 0 }, ctx());
    expect(u.id).toBe('tram-y-te-xa');
    renameUnit(doc, 'tram-y-te-xa', { nameVi: 'Trạm Y tế' }, ctx());
    expect(readBoard(doc).units.map((x) => x.nameVi)).toEqual(['Trạm Y tế', 'Văn phòng – Thống kê', 'Tài chính – Kế toán']);
    removeUnit(doc, 'tram-y-te-xa', ctx());
    expect(readBoard(doc).units.map((x) => x.id)).toEqual(['office-statistics', 'finance']);
  });

  it('a card moved into a column that someone removed at the same time stays visible', () => {
    const a = newBoard();
    addUnit(a, { id: 'extra', nameVi: 'Tổ công tác' }, ctx());
    const c = addCard(a, task(), ctx());
    const b = new Y.Doc();
    sync(a, b);
    removeUnit(a, 'extra', ctx('A'));
    moveCard(b, c.id, { unit: 'extra' }, ctx('B'));
    sync(a, b);
    const board = readBoard(a);
    expect(board.cards.map((x) => x.unit)).toEqual(['extra']);
    expect(board.units.find((u) => u.id === 'extra')).toMatchObject({ removed: true, nameVi: 'Tổ công tác' });
  });

  it('sets facts and the agenda', () => {
    const doc = newBoard();
    setFacts(doc, { delegateCap: 150, delegateCount: 120, conferenceDate: '2025-03-20' }, ctx());
    setAgenda(doc, ['Chào cờ', 'Bế mạc'], ctx());
    const b = readBoard(doc);
    expect(b.facts).toMatchObject({ delegateCap: 150, delegateCount: 120, conferenceDate: '2025-03-20' });
    expect(b.agenda.map((x) => x.text)).toEqual(['Chào cờ', 'Bế mạc']);
    expect(refused(doc, () => setAgenda(doc, ['Chào cờ', ' '], ctx()))[0]!.vi).toBe('Mục 2 của chương trình không được để trống');
    expect(refused(doc, () => setFacts(doc, { delegateCap: -5 }, ctx()))[0]!.vi).toBe('Số đại biểu tối đa không được âm');
  });

  it('keeps the facts a patch does not name (plan number, funding text)', () => {
    const doc = newBoard();
    setFacts(doc, { planNumber: '27/KH-UBND', fundingText: 'Quỹ thi đua khen thưởng xã' }, ctx());
    setFacts(doc, { delegateCount: 5 }, ctx());
    expect(readBoard(doc).facts).toMatchObject({ planNumber: '27/KH-UBND', fundingText: 'Quỹ thi đua khen thưởng xã', delegateCount: 5 });
  });
});

describe('versions and migration', () => {
  /** A board as the first prototype wrote it: no version, unit `name`, card `column` + `position`. */
  function legacyBoard(): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      const units = doc.getMap<Y.Map<unknown>>('units');
      for (const [id, name, position] of [['office-statistics', 'Văn phòng', 0], ['finance', 'Tài chính', 1]] as const) {
        const u = new Y.Map<unknown>();
        units.set(id, u);
        u.set('name', name);
        u.set('position', position);
      }
      const cards = doc.getMap<Y.Map<unknown>>('cards');
      for (const [id, column, position, title] of [['t2', 'finance', 2, 'Dự toán'], ['t1', 'finance', 1, 'Lập dự trù'], ['t3', 'office-statistics', 0, 'Giấy mời']] as const) {
        const c = new Y.Map<unknown>();
        cards.set(id, c);
        c.set('kind', 'task');
        c.set('column', column);
        c.set('position', position);
        c.set('title', title);
        c.set('status', 'todo');
      }
      doc.getMap('meta').set('boardId', 'old');
    });
    return doc;
  }

  it('refuses to read an older board until it is migrated, then reads it', () => {
    const doc = legacyBoard();
    expect(boardVersion(doc)).toBe(1);
    expect(() => readBoard(doc)).toThrowError(/older version/);
    expect(migrateBoard(doc)).toEqual({ from: 1, to: BOARD_VERSION });
    const b = readBoard(doc);
    expect(b.units.map((u) => [u.id, u.nameVi])).toEqual([['office-statistics', 'Văn phòng'], ['finance', 'Tài chính']]);
    expect(b.cards.map((c) => [c.id, c.unit])).toEqual([['t3', 'office-statistics'], ['t1', 'finance'], ['t2', 'finance']]);
    expect(migrateBoard(doc)).toEqual({ from: 2, to: 2 });
  });

  it('two replicas migrating at once agree', () => {
    const a = legacyBoard();
    const b = new Y.Doc();
    sync(a, b);
    migrateBoard(a);
    migrateBoard(b);
    sync(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).cards).toHaveLength(3);
  });

  it('refuses a board from a newer version', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('version', BOARD_VERSION + 1);
    expect(() => readBoard(doc)).toThrowError(/newer version/);
  });
});

describe('ids', () => {
  it('refuses a new card whose generated id is already taken instead of overwriting it', () => {
    const doc = newBoard();
    const fixed = { actor: 'A', now: '2025-02-21T00:00:00Z', newId: () => 'same' };
    addCard(doc, task({ title: 'Thẻ thứ nhất' }), fixed);
    const issues = refused(doc, () => addCard(doc, task({ title: 'Thẻ thứ hai' }), fixed));
    expect(issues[0]).toMatchObject({ code: 'duplicate-id', vi: 'Đã có thẻ với mã "same"' });
    expect(readBoard(doc).cards.map((c) => (c.kind === 'task' ? c.title : ''))).toEqual(['Thẻ thứ nhất']);
  });
});
