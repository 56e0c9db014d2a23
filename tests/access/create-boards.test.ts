/**
 * Creating a board over HTTP, as the administrator does from the board list: from the plan 27
 * template, blank with the commune's units, or from the text of a plan. What the new board holds
 * is read back from storage.
 */
import { describe, expect, it } from 'vitest';
import { readBoard, type BoardSnapshot } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { type Call } from '../helpers/access';
import { useAccessStack } from '../helpers/stack-hooks';
import { storedDoc } from '../helpers/sync-clients';

const UNITS = ['office-statistics', 'finance', 'culture-society', 'council', 'front'];

/** A short plan of the same genre that no test elsewhere has seen. */
const PLAN_TEXT = [
  'ỦY BAN NHÂN DÂN XÃ BÌNH AN',
  'KẾ HOẠCH',
  'Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '- Phát huy sức mạnh khối đại đoàn kết toàn dân tộc.',
  'II. TỔ CHỨC THỰC HIỆN',
  '1. Ủy ban MTTQ Việt Nam xã',
  '- Chủ trì xây dựng chương trình Ngày hội tại các thôn.',
  '2. Bộ phận Tài chính – Kế toán',
  '- Bố trí kinh phí tổ chức Ngày hội.',
].join('\n');

describe('creating boards over HTTP', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;

  useAccessStack((env) => ({ stack, call, adminCookie: admin } = env));

  async function create(body: Record<string, unknown>): Promise<{ boardId: string; stored: BoardSnapshot; json: Record<string, unknown> }> {
    const res = await call('POST', '/api/boards', { cookie: admin, body });
    expect(res.status, res.text).toBe(201);
    const boardId = res.json.board.boardId as string;
    return { boardId, stored: readBoard(await storedDoc(stack, boardId)), json: res.json };
  }

  it('from the plan 27 template: the tasks of II.1 and IV in their columns, the agenda, the starter budget, under the title given', async () => {
    const { stored } = await create({ title: 'Hội nghị điển hình tiên tiến 2025', template: 'plan-27' });
    expect(stored.title).toBe('Hội nghị điển hình tiên tiến 2025');
    expect(stored.units.map((u) => u.id)).toEqual(UNITS);
    expect(stored.agenda).toHaveLength(9);
    const clauses = stored.cards.filter((c) => c.kind === 'task').map((c) => (c as { clause: string | null }).clause);
    expect(clauses).toEqual(expect.arrayContaining(['II.1', 'IV.1', 'IV.2', 'IV.3', 'IV.4', 'IV.5']));
    expect(stored.cards.filter((c) => c.kind === 'budget').map((c) => c.unit)).toEqual(Array(6).fill('finance'));
    expect(stored.facts.delegateCap).toBe(150);
    // "Last changed by" on the dashboard: the administrator's name, not the account's user id.
    expect(stored.facts.updatedBy).toBe('Quản trị viên');
  });

  it('blank: the five units, no card, and the commendation fund to draw award cash from', async () => {
    const { stored } = await create({ title: 'Bảng trống', template: 'blank' });
    expect(stored.title).toBe('Bảng trống');
    expect(stored.units.map((u) => u.id)).toEqual(UNITS);
    expect(stored.cards).toEqual([]);
    expect(stored.facts.funds.map((f) => f.id)).toContain(stored.facts.awardFundId);
    expect(stored.facts.updatedBy).toBe('Quản trị viên');
  });

  it('from the text of a plan: each task in the column of the unit it names, and what could not be placed reported', async () => {
    const { stored, json } = await create({ title: 'Ngày hội Đại đoàn kết', planText: PLAN_TEXT });
    const tasks = stored.cards.filter((c) => c.kind === 'task') as { unit: string; title: string }[];
    expect(tasks).toEqual(expect.arrayContaining([
      expect.objectContaining({ unit: 'front', title: expect.stringContaining('Chủ trì xây dựng chương trình Ngày hội') }),
      expect.objectContaining({ unit: 'finance', title: expect.stringContaining('Bố trí kinh phí') }),
    ]));
    expect(json.import).toEqual({ unplaced: expect.any(Array), notes: expect.any(Array) });
    // Only the columns the plan names (not the Bình An five).
    expect(stored.units.map((u) => u.id)).toEqual(['front', 'finance']);
    expect(stored.facts.updatedBy).toBe('Quản trị viên');
  });
});
