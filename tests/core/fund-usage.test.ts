/**
 * A fund that budget lines use cannot be removed from the facts (the lines would show a bare id
 * and drop out of the budget-against-funds figures). What was tried: removing the plan-27 fund
 * its budget lines draw on, with the lines live and with one only in the trash; removing an
 * unused fund; renaming a used one (same id).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addCard, BoardValidationError, budgetLinesOfFund, deleteCard, moveBudgetLinesToFund, readBoard, setFacts } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { ctx } from '../helpers/write-context';

const FUND = 'commendation-fund';

function board(): Y.Doc {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId: 'fund-usage', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
  return doc;
}

function refusal(fn: () => unknown): BoardValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BoardValidationError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('funds in use', () => {
  it("removing the fund plan 27's budget lines draw on is refused, named, and the facts stay as they were", () => {
    const doc = board();
    const before = readBoard(doc);
    const used = budgetLinesOfFund(before, FUND);
    expect(used.live).toBe(before.cards.filter((c) => c.kind === 'budget').length);
    expect(used.live).toBeGreaterThan(0);
    const other = { id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 };
    const e = refusal(() => setFacts(doc, { funds: [other] }, ctx()));
    expect(e.issues).toEqual([
      expect.objectContaining({
        path: 'funds',
        code: 'fund-in-use',
        vi: `Nguồn "Quỹ thi đua, khen thưởng xã" đang dùng cho ${used.live} khoản kinh phí: hãy chuyển các khoản đó sang nguồn khác trước khi bỏ nguồn này`,
      }),
    ]);
    expect(readBoard(doc).facts.funds).toEqual(before.facts.funds);
  });

  it('a line in the trash keeps its fund too (restoring it would bring the fund back into use)', () => {
    const doc = board();
    const other = { id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 };
    setFacts(doc, { funds: [...readBoard(doc).facts.funds, other] }, ctx());
    const line = addCard(doc, { kind: 'budget', unit: 'finance', line: 'Hoa tươi', quantity: 2, unitPrice: 150_000, fundingSource: 'ngan-sach-xa' }, ctx());
    deleteCard(doc, line.id, ctx());
    const keepFirstOnly = readBoard(doc).facts.funds.filter((f) => f.id === FUND);
    const e = refusal(() => setFacts(doc, { funds: keepFirstOnly }, ctx()));
    expect(e.issues[0]!.vi).toBe('Nguồn "Ngân sách xã" đang dùng cho 1 khoản kinh phí (1 trong thùng rác): hãy chuyển các khoản đó sang nguồn khác trước khi bỏ nguồn này');
    expect(e.issues[0]!.en).toBe('The fund "Commune budget" is used by 1 budget item(s) (1 in the trash): move them to another fund before removing it');
    expect(readBoard(doc).facts.funds.map((f) => f.id)).toEqual([FUND, 'ngan-sach-xa']);
  });

  it('an unused fund is removed, and a used one renamed (same id) is kept', () => {
    const doc = board();
    const [fund] = readBoard(doc).facts.funds;
    const other = { id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 };
    setFacts(doc, { funds: [fund!, other] }, ctx());
    setFacts(doc, { funds: [{ ...fund!, nameVi: 'Quỹ Thi đua – Khen thưởng xã' }] }, ctx());
    expect(readBoard(doc).facts.funds).toEqual([{ ...fund!, nameVi: 'Quỹ Thi đua – Khen thưởng xã' }]);
  });

  it('moving the lines to another fund (live and in the trash) lets the fund go; a target that is not a fund is refused', () => {
    const doc = board();
    const other = { id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 5_000_000 };
    setFacts(doc, { funds: [...readBoard(doc).facts.funds, other] }, ctx());
    const live = budgetLinesOfFund(readBoard(doc), FUND).live;
    const trashed = addCard(doc, { kind: 'budget', unit: 'finance', line: 'Hoa tươi', quantity: 2, unitPrice: 150_000, fundingSource: FUND }, ctx());
    deleteCard(doc, trashed.id, ctx());
    expect(refusal(() => moveBudgetLinesToFund(doc, FUND, 'quy-khac', ctx())).issues[0]!.code).toBe('unknown-fund');
    expect(refusal(() => moveBudgetLinesToFund(doc, FUND, FUND, ctx())).issues[0]!.code).toBe('unknown-fund');
    expect(moveBudgetLinesToFund(doc, FUND, 'ngan-sach-xa', ctx())).toBe(live + 1);
    expect(budgetLinesOfFund(readBoard(doc), FUND)).toEqual({ live: 0, trashed: 0 });
    expect(budgetLinesOfFund(readBoard(doc), 'ngan-sach-xa')).toEqual({ live, trashed: 1 });
    setFacts(doc, { funds: [other] }, ctx());
    expect(readBoard(doc).facts.funds).toEqual([other]);
  });
});
