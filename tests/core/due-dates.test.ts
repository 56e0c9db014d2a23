import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  readBoard, updateCard, setFacts, setConferenceDate, dueDateShifts, conferenceDateInForce, taskProgress, weekEnd,
  BoardValidationError, addCard,
} from '../../packages/core/src/index';
import { seedPlan27Board, PLAN_27_DUE_OFFSETS } from '../../packages/core/src/plan-27';
import { ctx } from '../helpers/write-context';
import { sync } from '../helpers/docs';

function plan27() {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId: 'binh-an-27', actor: 'seed', now: '2025-02-20T01:00:00.000Z' });
  return doc;
}
const task = (doc: Y.Doc, id: string) => {
  const c = readBoard(doc).cards.find((x) => x.id === id);
  if (c?.kind !== 'task') throw new Error(`no task ${id}`);
  return c;
};

describe('due dates that follow the conference date', () => {
  it('plan 27: every task gets an offset and a due date from 31/03/2025 (quý I năm 2025) until the date is set', () => {
    const doc = plan27();
    const b = readBoard(doc);
    expect(b.facts.conferenceDate).toBeNull();
    expect(conferenceDateInForce(b.facts)).toEqual({ date: '2025-03-31', basis: 'quarter-end' });
    const tasks = b.cards.filter((c) => c.kind === 'task');
    expect(tasks).toHaveLength(12);
    expect(Object.keys(PLAN_27_DUE_OFFSETS).sort()).toEqual(tasks.map((t) => t.id).sort());
    // five-year report (IV.1 second bullet): 10 days before → 21/03/2025; publicity (IV.3): a week after → 07/04/2025
    expect(task(doc, 'task-iv-1-2')).toMatchObject({ dueOffsetDays: -10, due: '2025-03-21' });
    expect(task(doc, 'task-iv-3-1')).toMatchObject({ dueOffsetDays: 7, due: '2025-04-07' });
    expect(task(doc, 'task-iv-1-1')).toMatchObject({ dueOffsetDays: -21, due: '2025-03-10' });
  });

  it('moving the conference date moves the chosen tasks only, in one update another replica receives whole', () => {
    const doc = plan27();
    const other = new Y.Doc();
    // Someone re-dated the programme by hand: it no longer follows the rule.
    updateCard(doc, 'task-iv-1-3', { due: '2025-03-15' }, ctx());
    sync(doc, other);
    const shifts = dueDateShifts(readBoard(doc), '2025-04-15');
    const prog = shifts.find((s) => s.cardId === 'task-iv-1-3')!;
    expect(prog).toMatchObject({ from: '2025-03-15', to: '2025-04-05', followsRule: false });
    expect(shifts.find((s) => s.cardId === 'task-iv-1-2')).toMatchObject({ from: '2025-03-21', to: '2025-04-05', followsRule: true });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const follow = shifts.filter((s) => s.followsRule).map((s) => s.cardId);
    setConferenceDate(doc, '2025-04-15', follow, ctx('Anh Hùng (Chủ tịch)'));
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]!);
    const b = readBoard(other);
    expect(b.facts).toMatchObject({ conferenceDate: '2025-04-15', updatedBy: 'Anh Hùng (Chủ tịch)' });
    expect(task(other, 'task-iv-1-2').due).toBe('2025-04-05'); // 15/04 − 10
    expect(task(other, 'task-iv-3-1').due).toBe('2025-04-22'); // 15/04 + 7
    expect(task(other, 'task-iv-1-3').due).toBe('2025-03-15'); // hand-set, not ticked: kept
  });

  it('a done task is not offered; a task without an offset is not offered', () => {
    const doc = plan27();
    updateCard(doc, 'task-iv-2-1', { status: 'done' }, ctx());
    updateCard(doc, 'task-iv-5-1', { dueOffsetDays: null }, ctx());
    const ids = dueDateShifts(readBoard(doc), '2025-05-01').map((s) => s.cardId);
    expect(ids).not.toContain('task-iv-2-1');
    expect(ids).not.toContain('task-iv-5-1');
    expect(ids).toHaveLength(10);
  });

  it('refuses a date that does not exist, and an offset out of range, changing nothing', () => {
    const doc = plan27();
    const before = readBoard(doc);
    expect(() => setConferenceDate(doc, '2025-02-30', ['task-iv-1-2'], ctx())).toThrowError(BoardValidationError);
    expect(readBoard(doc)).toEqual(before);
    try {
      updateCard(doc, 'task-iv-1-2', { dueOffsetDays: 1000 }, ctx());
      throw new Error('not refused');
    } catch (e) {
      expect((e as BoardValidationError).issues[0]!.vi).toBe('Số ngày so với ngày Hội nghị quá lớn (tối đa 730)');
    }
    try {
      setFacts(doc, { conferenceTime: '25:00' }, ctx());
      throw new Error('not refused');
    } catch (e) {
      expect((e as BoardValidationError).issues[0]!.vi).toBe('Giờ khai mạc "25:00" không hợp lệ (nhập giờ:phút theo 24 giờ, ví dụ 07:30)');
    }
    expect(readBoard(doc)).toEqual(before);
  });

  it('conference time and place are facts; a patch that names neither keeps them', () => {
    const doc = plan27();
    setFacts(doc, { conferenceTime: '07:30', conferencePlace: 'Hội trường UBND xã Bình An' }, ctx());
    setFacts(doc, { delegateCount: 120 }, ctx());
    expect(readBoard(doc).facts).toMatchObject({ conferenceTime: '07:30', conferencePlace: 'Hội trường UBND xã Bình An', delegateCount: 120 });
  });

  it('the fund that pays the awards must be one of the funds', () => {
    const doc = plan27();
    const before = readBoard(doc);
    try {
      setFacts(doc, { funds: [{ id: 'budget', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: 1_000_000 }], awardFundId: 'commendation-fund' }, ctx());
      throw new Error('not refused');
    } catch (e) {
      expect((e as BoardValidationError).issues[0]).toMatchObject({ path: 'awardFundId', code: 'unknown-fund' });
    }
    expect(readBoard(doc)).toEqual(before);
  });

  it('negative quantity says so: "Số lượng không được âm"', () => {
    const doc = plan27();
    try {
      addCard(doc, { kind: 'budget', unit: 'finance', line: 'Nước', quantity: -3, unitPrice: 10_000, fundingSource: 'commendation-fund' }, ctx());
      throw new Error('not refused');
    } catch (e) {
      expect((e as BoardValidationError).issues).toEqual([{ path: 'quantity', code: 'negative', vi: 'Số lượng không được âm', en: 'Quantity must not be negative' }]);
    }
  });
});

describe('overdue and due this week (Vietnam dates, Monday-to-Sunday weeks)', () => {
  it('weekEnd is the Sunday of the week', () => {
    expect(weekEnd('2026-11-30')).toBe('2026-12-06'); // Monday
    expect(weekEnd('2026-12-01')).toBe('2026-12-06'); // Tuesday
    expect(weekEnd('2026-12-06')).toBe('2026-12-06'); // Sunday
    expect(weekEnd('2025-03-31')).toBe('2025-04-06');
  });

  it('counts and lists, by due date; done tasks are neither', () => {
    const doc = plan27();
    // Today (Vietnam) is Tuesday 2025-03-18; the week ends Sunday 2025-03-23.
    const now = '2025-03-18T03:00:00Z';
    const p = taskProgress(readBoard(doc), now);
    // Due before 18/03: the -21 tasks (10/03) and the -30 tasks (01/03), 1+3+... see offsets.
    const expectOverdue = Object.entries(PLAN_27_DUE_OFFSETS).filter(([, o]) => o <= -14).map(([id]) => id);
    expect(p.overall.overdue).toBe(expectOverdue.length);
    expect([...p.overall.overdueIds].sort()).toEqual(expectOverdue.sort());
    // Due 18/03–23/03: the -10 tasks (21/03)
    expect(p.overall.dueThisWeekIds.sort()).toEqual(['task-iv-1-2', 'task-iv-1-3']);
    updateCard(doc, 'task-iv-1-2', { status: 'done' }, ctx());
    expect(taskProgress(readBoard(doc), now).overall.dueThisWeekIds).toEqual(['task-iv-1-3']);
  });
});
