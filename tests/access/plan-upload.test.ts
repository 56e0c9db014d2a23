/**
 * Boards from plan files over HTTP: the preview reads a .docx with a Word table and creates
 * nothing; multipart POST /api/boards makes a board with the columns the plan names (one
 * renamed and one mapped onto another, as chosen in the preview) and the tasks' due dates;
 * bad files and cross-site posts are refused with what to do, and nothing is created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalStack } from '@binhan/local';
import { startAccessStack, type Call } from '../helpers/access';
import { planDocx } from '../plans/plan-docx';

const PLAN = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'plans', '01-hoi-nghi-tan-phu.txt'), 'utf8');

describe('plan files over HTTP', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;
  let base = '';
  let docx: Uint8Array;

  beforeAll(async () => {
    ({ stack, call, adminCookie: admin } = await startAccessStack());
    base = stack.gateway.httpUrl;
    docx = await planDocx(PLAN);
  });
  afterAll(async () => {
    await stack.close();
  });

  function form(fields: Record<string, string | Blob>, name = 'ke-hoach.docx'): FormData {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (v instanceof Blob) f.append(k, v, name);
      else f.append(k, v);
    }
    return f;
  }
  const file = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);
  async function post(path: string, body: FormData, headers: Record<string, string> = { origin: base, 'x-binhan-upload': '1' }) {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { cookie: admin, ...headers }, body });
    return { status: res.status, json: await res.json() as any };
  }
  const boardCount = async () => (await call('GET', '/api/boards', { cookie: admin })).json.boards.length as number;

  it('previews a .docx plan: units, tasks with due dates and cooperating units, facts, event — and creates nothing', async () => {
    const before = await boardCount();
    const res = await post('/api/boards/preview', form({ file: file(docx) }));
    expect(res.status).toBe(200);
    const p = res.json.preview;
    expect(p.format).toBe('docx');
    expect(p.units.map((u: { id: string }) => u.id)).toEqual(['culture-society', 'office-statistics', 'finance', 'police', 'women-union']);
    expect(p.tasks.map((t: { unit: string; due: string }) => [t.unit, t.due])).toEqual([
      ['culture-society', '2025-03-20'], ['office-statistics', '2025-03-31'], ['finance', '2025-03-15'], ['police', '2025-04-01'], ['women-union', '2025-03-31'],
    ]);
    expect(p.tasks[0].cooperating).toEqual(['Trạm Y tế xã']);
    expect([p.facts.planNumber, p.facts.planDate, p.facts.conferenceDate]).toEqual(['12/KH-UBND', '2025-03-05', '2025-04-01']);
    expect([p.event.startTime, p.event.place]).toEqual(['07:30', 'Hội trường UBND xã Tân Phú']);
    expect(await boardCount()).toBe(before);
  });

  it('creates the board from the file with only the named columns, one renamed and one mapped', async () => {
    const units = JSON.stringify({ police: { nameVi: 'Công an xã Tân Phú' }, 'women-union': { mapTo: 'culture-society' } });
    const res = await post('/api/boards', form({ title: 'Hội nghị dân số xã Tân Phú', file: file(docx), units }));
    expect(res.status).toBe(201);
    expect(res.json.units).toEqual(['Văn hóa – Xã hội', 'Văn phòng – Thống kê', 'Tài chính – Kế toán', 'Công an xã Tân Phú']);
    const board = (await call('GET', `/api/boards/${res.json.board.boardId}`, { cookie: admin })).json.board;
    expect(board.units.map((u: { nameVi: string }) => u.nameVi)).toEqual(res.json.units);
    const tasks = board.cards.filter((c: { kind: string }) => c.kind === 'task');
    expect(tasks.map((t: { unit: string; due: string }) => [t.unit, t.due])).toEqual([
      ['culture-society', '2025-03-20'], ['culture-society', '2025-03-31'], ['office-statistics', '2025-03-31'], ['finance', '2025-03-15'], ['police', '2025-04-01'],
    ]);
    const first = tasks.find((t: { due: string }) => t.due === '2025-03-20');
    expect(first.cooperating).toBe('Trạm Y tế xã'); // the task's own field
    expect(board.facts.conferenceDate).toBe('2025-04-01');
    expect(board.facts.updatedBy).toBe('Quản trị viên'); // the dashboard's "last changed by": a name, not a user id
  });

  it('a pasted text plan works the same way', async () => {
    const res = await post('/api/boards/preview', form({ text: PLAN }));
    expect(res.status).toBe(200);
    expect(res.json.preview.tasks).toHaveLength(5);
  });

  it.each([
    ['no Origin', { 'x-binhan-upload': '1' }],
    ['another site\'s Origin', { origin: 'https://evil.example', 'x-binhan-upload': '1' }],
    ['no X-Binhan-Upload header (as a plain form sends)', { origin: '' }],
  ])('a multipart post with %s is refused (403) and creates nothing', async (_what, headers) => {
    const before = await boardCount();
    const h: Record<string, string> = { ...headers };
    if (h.origin === '') h.origin = base;
    const res = await post('/api/boards', form({ title: 'Bảng lạ', file: file(docx) }), h);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('cross-site-upload');
    expect(await boardCount()).toBe(before);
  });

  it('bad files get a clear error and nothing is created', async () => {
    const before = await boardCount();
    const doc = new Uint8Array(1024);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const old = await post('/api/boards', form({ title: 'Kế hoạch cũ', file: file(doc) }, 'ke-hoach.doc'));
    expect([old.status, old.json.error.code]).toEqual([400, 'old-doc']);
    expect(old.json.error.messageVi).toContain('lưu thành .docx');
    const big = await post('/api/boards/preview', form({ file: file(new Uint8Array(10 * 1024 * 1024 + 10).fill(65)) }, 'to.txt'));
    expect([big.status, big.json.error.code]).toEqual([413, 'too-large']);
    const nothing = await post('/api/boards/preview', form({ text: 'Xin chào.' }));
    expect([nothing.status, nothing.json.error.code]).toEqual([400, 'empty-plan']);
    const noTitle = await post('/api/boards', form({ file: file(docx) }));
    expect([noTitle.status, noTitle.json.error.code]).toEqual([400, 'invalid-input']);
    expect(await boardCount()).toBe(before);
  });

  it('only the administrator may preview', async () => {
    const res = await fetch(`${base}/api/boards/preview`, { method: 'POST', headers: { origin: base, 'x-binhan-upload': '1' }, body: form({ text: PLAN }) });
    expect(res.status).toBe(401);
  });
});
