import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBoard, addCard, updateCard, setFacts, deleteCard, dashboard, changesSince, taskProgress, daysToConference, formatVnd, formatDate, parseDateInput, vietnamDate } from '../../packages/core/src/index';
import { seedPlan27Board } from '../../packages/core/src/plan-27';
import { ctx } from '../helpers/write-context';

function plan27() {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId: 'binh-an-27', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
  return doc;
}

describe('dashboard metrics', () => {
  it('counts tasks done / in progress / overdue per unit and overall (Vietnam dates)', () => {
    const doc = plan27();
    const board0 = readBoard(doc);
    const fin = board0.cards.find((c) => c.kind === 'task' && c.clause === 'IV.2')!;
    const front = board0.cards.find((c) => c.kind === 'task' && c.clause === 'IV.5')!;
    const council = board0.cards.find((c) => c.kind === 'task' && c.clause === 'IV.4')!;
    // The template's due dates (from the end of Q1 2025) are cleared: only these three count.
    for (const c of board0.cards) if (c.kind === 'task') updateCard(doc, c.id, { due: null, dueOffsetDays: null }, ctx());
    updateCard(doc, fin.id, { status: 'done', due: '2025-03-01' }, ctx());
    updateCard(doc, front.id, { status: 'in-progress', due: '2025-03-10' }, ctx());
    updateCard(doc, council.id, { due: '2025-03-11' }, ctx());
    // 2025-03-10T17:30Z is 2025-03-11 00:30 in Vietnam: due 03-10 is overdue, due 03-11 is not yet.
    const p = taskProgress(readBoard(doc), '2025-03-10T17:30:00Z');
    expect(p.today).toBe('2025-03-11');
    expect(p.overall).toMatchObject({ total: 12, done: 1, inProgress: 1, todo: 10, overdue: 1, overdueIds: [front.id] });
    expect(p.byUnit.map((u) => [u.unitId, u.total, u.done, u.inProgress, u.overdue])).toEqual([
      ['office-statistics', 7, 0, 0, 0],
      ['finance', 1, 1, 0, 0],
      ['culture-society', 2, 0, 0, 0],
      ['council', 1, 0, 0, 0],
      ['front', 1, 0, 1, 1],
    ]);
    // One hour earlier it is still 2025-03-10 in Vietnam: nothing overdue.
    expect(taskProgress(readBoard(doc), '2025-03-10T16:30:00Z').overall.overdue).toBe(0);
  });

  it('nominees by kind and review status; award cash drawn from the commendation fund', () => {
    const doc = plan27();
    setFacts(doc, {
      conferenceDate: '2025-03-20',
      funds: [{ id: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commendation fund', amount: 15_000_000 }],
      delegateCount: 160,
    }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Thôn Bình Tây', nomineeKind: 'collective', awardForm: 'giay-khen', reviewStatus: 'approved' }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Ông Trần Văn B', nomineeKind: 'individual', awardForm: 'giay-khen' }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Hộ bà Lê Thị C', nomineeKind: 'household', awardForm: 'gia-dinh-van-hoa', reviewStatus: 'council-reviewed' }, ctx());
    addCard(doc, { kind: 'nominee', unit: 'council', name: 'Bà Phạm Thị D', nomineeKind: 'individual' }, ctx());
    const d = dashboard(readBoard(doc), '2025-03-01T02:00:00Z');
    expect(d.nominees).toEqual({
      total: 4,
      byKind: { collective: 1, household: 1, individual: 2 },
      byReviewStatus: { proposed: 2, 'council-reviewed': 1, approved: 1, awarded: 0 },
    });
    // Decision on the conference date 2025-03-20, base 2,340,000: 710,000 + 360,000 + 240,000.
    expect(d.awards.awards.map((a) => [a.name, a.amount])).toEqual([
      ['Thôn Bình Tây', 710_000], ['Ông Trần Văn B', 360_000], ['Hộ bà Lê Thị C', 240_000],
    ]);
    expect(d.budget.awardTotal).toBe(1_310_000);
    // Starter lines 14,650,000 + awards 1,310,000 = 15,960,000 against a fund of 15,000,000.
    expect(d.budget.bySource).toEqual([{
      source: 'commendation-fund', nameVi: 'Quỹ thi đua, khen thưởng xã', nameEn: 'Commendation fund',
      lines: 14_650_000, awards: 1_310_000, total: 15_960_000, fund: 15_000_000, remaining: -960_000, overFund: true,
    }]);
    expect(d.delegates).toEqual({ count: 160, cap: 150, remaining: -10, overCap: true });
    expect(d.conference).toEqual({ target: '2025-03-20', basis: 'conference-date', daysLeft: 19 });
  });

  it('counts days to the end of Q1 2025 while the conference date is not set', () => {
    expect(daysToConference(readBoard(plan27()), '2025-02-20T10:00:00Z')).toEqual({ target: '2025-03-31', basis: 'quarter-end', daysLeft: 39 });
  });

  it('lists what changed since a given time', () => {
    const doc = plan27();
    const t = readBoard(doc).cards.find((c) => c.kind === 'task' && c.clause === 'IV.3')!;
    const bud = readBoard(doc).cards.find((c) => c.kind === 'budget')!;
    updateCard(doc, t.id, { status: 'done' }, ctx('Chị Lan', '2025-02-25T01:00:00Z'));
    deleteCard(doc, bud.id, ctx('Anh Tú', '2025-02-25T02:00:00Z'));
    addCard(doc, { kind: 'task', unit: 'front', title: 'Họp các đoàn thể' }, { ...ctx('Anh Tú', '2025-02-25T03:00:00Z'), newId: () => 'new-task' });
    expect(changesSince(readBoard(doc), '2025-02-24T00:00:00Z').map((c) => [c.change, c.label, c.by])).toEqual([
      ['created', 'Họp các đoàn thể', 'Anh Tú'],
      ['deleted', 'Trang trí hội trường, phông nền (ma-két) Hội nghị', 'Anh Tú'],
      ['updated', 'Tuyên truyền về Hội nghị điển hình tiên tiến (trước, trong và sau Hội nghị)', 'Chị Lan'],
    ]);
    expect(changesSince(readBoard(doc), '2025-02-25T03:00:00Z')).toEqual([]);
  });
});

describe('display formats', () => {
  it('formats money and dates for Vietnamese and English readers', () => {
    expect(formatVnd(1_234_000, 'vi')).toBe('1.234.000 ₫');
    expect(formatVnd(360_000, 'en')).toBe('360,000 VND');
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatDate('2025-03-05', 'vi')).toBe('05/03/2025');
    expect(formatDate('2025-03-05', 'en')).toBe('5 March 2025');
  });

  it('reads dates as staff type them and refuses days that do not exist', () => {
    expect(parseDateInput('5/3/2025')).toBe('2025-03-05');
    expect(parseDateInput('2025-03-05')).toBe('2025-03-05');
    expect(parseDateInput('31/02/2025')).toBeNull();
    expect(parseDateInput('29/02/2024')).toBe('2024-02-29');
    expect(parseDateInput('hôm nay')).toBeNull();
    expect(vietnamDate('2025-12-31T17:00:00Z')).toBe('2026-01-01');
  });
});
