/**
 * How the history shows a fact's old and new value (web/src/history/format.ts): the funds with
 * their amounts in đồng, a fund not yet given an amount, the fund that pays the awards by name,
 * the conference date dd/mm/yyyy, counts as numbers — in Vietnamese, and in English; a comment by
 * its field's name.
 */
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readBoard } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { fieldText, valueText } from '../../web/src/history/format';
import { setLang } from '../../web/src/i18n';

const doc = new Y.Doc();
seedPlan27Board(doc, { boardId: 'history-format', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
const board = readBoard(doc);
const funds = [
  { id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commune award fund', amount: 15_200_000 },
  { id: 'ngan-sach-xa', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: null },
];

describe('a fact in the history', () => {
  // setLang also marks the page's language (<html lang>): a bare element stands in for it here.
  beforeAll(() => vi.stubGlobal('document', { documentElement: {} }));
  afterEach(() => setLang('vi'));
  afterAll(() => vi.unstubAllGlobals());

  it('in Vietnamese: funds with amounts, the paying fund by name, the date dd/mm/yyyy', () => {
    setLang('vi');
    expect(valueText('facts.funds', funds, board)).toBe('Quỹ thi đua, khen thưởng xã: 15.200.000 ₫; Ngân sách xã: Chưa nhập số tiền của nguồn');
    expect(valueText('facts.awardFundId', 'commendation-fund', board)).toBe('Quỹ thi đua, khen thưởng xã');
    expect(valueText('facts.conferenceDate', '2027-01-19', board)).toBe('19/01/2027');
    expect(valueText('facts.delegateCap', 150, board)).toBe('150');
    expect(valueText('facts.conferencePlace', null, board)).toBe('(trống)');
    expect(valueText('facts.funds', [], board)).toBe('(trống)');
  });

  it('a comment added, by its field name and its text (the activity page showed the raw key "comments")', () => {
    setLang('vi');
    expect(fieldText('comments')).toBe('Bình luận');
    expect(valueText('comments', [{ text: 'Đã gửi giấy mời cho thôn Đông', done: false }], board, 'new')).toBe('Đã gửi giấy mời cho thôn Đông');
    expect(valueText('comments', [], board, 'old')).toBe(valueText('checklist', [], board, 'old'));
    setLang('en');
    expect(fieldText('comments')).toBe('Comments');
  });

  it('in English: the same, with the English names', () => {
    setLang('en');
    expect(valueText('facts.funds', funds, board)).toBe('Commune award fund: 15,200,000 VND; Commune budget: Fund amount not set');
    expect(valueText('facts.conferenceDate', '2027-01-19', board)).toMatch(/2027/);
  });
});
