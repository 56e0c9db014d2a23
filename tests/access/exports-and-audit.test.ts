/**
 * Export routes (generators are part B's, tested in tests/exports): content types, download
 * names in Vietnamese (RFC 5987 filename*), Vietnamese text intact; the board JSON export
 * re-imports through the API into a board equal to the original; the audit log routes show
 * who changed which card over the sync path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, updateCard } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { createBoard, makeUser, startAccessStack, type Call } from '../helpers/access';
import { connectClient, synced, waitFor } from '../helpers/sync-clients';

function filenameStar(disposition: string | null): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '');
  return match ? decodeURIComponent(match[1]!) : '';
}

describe('exports and the audit log over HTTP', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;
  let boardId: string;
  let linkToken: string;

  beforeAll(async () => {
    ({ stack, call, adminCookie: admin } = await startAccessStack());
    boardId = await createBoard(call, admin, 'Hội nghị điển hình tiên tiến xã Bình An');
    linkToken = (await call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: 'Phòng Nội vụ' } })).json.token;
  });
  afterAll(async () => {
    await stack.close();
  });

  it.each([
    ['nominees.csv', 'vi', 'text/csv; charset=utf-8', 'attachment', 'Danh sách đề nghị khen thưởng'],
    ['budget.csv', 'vi', 'text/csv; charset=utf-8', 'attachment', 'Dự toán kinh phí'],
    ['nominees.xlsx', 'vi', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'attachment', 'Danh sách đề nghị khen thưởng'],
    ['budget.xlsx', 'en', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'attachment', 'Budget estimate'],
    ['nominees.html', 'vi', 'text/html; charset=utf-8', 'inline', 'Danh sách đề nghị khen thưởng'],
    ['budget.html', 'en', 'text/html; charset=utf-8', 'inline', 'Budget estimate'],
    ['board.json', 'vi', 'application/json; charset=utf-8', 'attachment', 'Bảng kế hoạch'],
  ])('%s (%s) for a read-only link: %s, %s, named "%s …"', async (file, lang, type, kind, name) => {
    const res = await fetch(`${stack.gateway.httpUrl}/api/boards/${boardId}/exports/${file}?lang=${lang}`, { headers: { authorization: `Bearer ${linkToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition.startsWith(`${kind}; filename="`)).toBe(true);
    expect(disposition).toMatch(/filename="[\x20-\x7e]+"/); // the fallback is ASCII
    expect(filenameStar(disposition)).toBe(`${name} - ${boardId}.${file.split('.')[1]}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (file.endsWith('.xlsx')) {
      expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK'); // a zip (OOXML)
    } else {
      // A CSV keeps its UTF-8 byte-order mark through the Lambda adapter (sent as bytes), so Excel reads it as UTF-8.
      if (file.endsWith('.csv')) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      if (file === 'budget.csv') expect(text).toContain('Nước uống đại biểu');
      if (file === 'board.json') expect(JSON.parse(text).board.title).toBe('Hội nghị điển hình tiên tiến xã Bình An');
      if (file.endsWith('.html')) expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
  });

  it.each([
    ['award-decision.docx', 'Quyết định khen thưởng'],
    ['proposed-list.docx', 'Danh sách đề nghị khen thưởng'],
    ['budget-estimate.docx', 'Dự toán kinh phí'],
    ['programme.docx', 'Chương trình Hội nghị'],
    ['progress-report.docx', 'Báo cáo tiến độ'],
  ])('paper %s for a read-only link: a Word file named "%s …"', async (file, name) => {
    const q = new URLSearchParams({ number: '15', signer: 'Nguyễn Văn An', date: '05/03/2025' });
    const res = await fetch(`${stack.gateway.httpUrl}/api/boards/${boardId}/exports/papers/${file}?${q}`, { headers: { authorization: `Bearer ${linkToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(filenameStar(res.headers.get('content-disposition'))).toBe(`${name} - ${boardId}.docx`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    // The document text (word/document.xml is deflated inside the zip): the number, date and signer asked for.
    const { unzipText } = await import('../helpers/export-fixture');
    const xml = unzipText(bytes).get('word/document.xml')!;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
    expect(text).toContain('Bình An, ngày 05 tháng 3 năm 2025');
    expect(text).toMatch(/Số: 15\/[A-Za-zĐđ-]+/);
    expect(text).toContain('Nguyễn Văn An');
  });

  it('refuses a paper that does not exist, a date that is not one and a number with a slash, saying how to write them', async () => {
    const get = (path: string) => call('GET', `/api/boards/${boardId}/exports/${path}`, { cookie: admin });
    const unknown = await get('papers/to-trinh.docx');
    expect([unknown.status, unknown.json.error.code]).toEqual([400, 'unknown-export']);
    expect(unknown.json.error.message).toContain('award-decision.docx');
    const date = await get(`papers/award-decision.docx?date=${encodeURIComponent('31/02/2025')}`);
    expect([date.status, date.json.error.messageVi]).toEqual([400, '"31/02/2025" không phải là ngày: hãy viết theo dạng dd/mm/yyyy.']);
    const number = await get(`papers/award-decision.docx?number=${encodeURIComponent('15/QĐ-UBND')}`);
    expect(number.status).toBe(400);
    expect(number.json.error.message).toContain('the symbol /QĐ-UBND is added');
    const extra = await get('papers/award-decision.docx?colour=red');
    expect(extra.status).toBe(400);
  });

  it('nominee lists filter by the board\'s review statuses; other lists and unknown statuses are refused', async () => {
    const ok = await call('GET', `/api/boards/${boardId}/exports/nominees.csv?status=approved,awarded`, { cookie: admin });
    expect(ok.status).toBe(200);
    const budget = await call('GET', `/api/boards/${boardId}/exports/budget.csv?status=approved`, { cookie: admin });
    expect([budget.status, budget.json.error.messageVi]).toEqual([400, 'Chỉ danh sách đề nghị khen thưởng lọc được theo tình trạng.']);
    const bad = await call('GET', `/api/boards/${boardId}/exports/nominees.csv?status=duyet`, { cookie: admin });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('Unknown review status "duyet": use proposed, council-reviewed, approved, awarded.');
  });

  it('the print view carries one script, allowed by its hash and nothing else; the plain page none', async () => {
    const print = await call('GET', `/api/boards/${boardId}/exports/nominees.html?print=1`, { cookie: admin });
    expect(print.status).toBe(200);
    const csp = print.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'$/);
    const scripts = [...print.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toEqual(["window.addEventListener('load',function(){window.print();});"]);
    const { createHash } = await import('node:crypto');
    expect(csp).toContain(`'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`);
    const plain = await call('GET', `/api/boards/${boardId}/exports/nominees.html`, { cookie: admin });
    expect(plain.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(plain.text).not.toMatch(/<script/i);
    const csvPrint = await call('GET', `/api/boards/${boardId}/exports/nominees.csv?print=1`, { cookie: admin });
    expect(csvPrint.status).toBe(400);
  });

  it('re-imports the board JSON through the API into a board equal to the original', async () => {
    // Some history first: a card edited and one deleted.
    const editor = await makeUser(stack, call, 'bich@binhan.gov.vn', { [boardId]: 'editor' });
    const c = connectClient(stack, boardId, (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: editor.cookie })).json.token);
    await synced(c);
    const task = readBoard(c.doc).cards.find((card) => card.kind === 'task')!;
    updateCard(c.doc, task.id, { title: 'Tổng hợp hồ sơ đề nghị', status: 'in-progress' }, { actor: editor.userId, now: new Date() });
    await waitFor(async () => (await call('GET', `/api/boards/${boardId}/cards?q=${encodeURIComponent('Tổng hợp hồ sơ')}`, { cookie: admin })).json.count === 1, 'edit stored');
    c.destroy();

    const exported = await call('GET', `/api/boards/${boardId}/exports/board.json`, { cookie: admin });
    const imported = await call('POST', '/api/boards/import', { cookie: admin, body: exported.json });
    expect(imported.status).toBe(201);
    const copyId = imported.json.board.boardId as string;
    expect(copyId).not.toBe(boardId);
    expect(copyId).toMatch(/^[a-z0-9-]{1,64}$/);
    const original = (await call('GET', `/api/boards/${boardId}`, { cookie: admin })).json.board;
    const copy = (await call('GET', `/api/boards/${copyId}`, { cookie: admin })).json.board;
    const comparable = (b: Record<string, unknown>) => ({ ...b, boardId: undefined });
    expect(comparable(copy)).toEqual(comparable(original));
    expect(copy.boardId).toBe(copyId);
    expect((await call('GET', '/api/boards', { cookie: admin })).json.boards.map((b: { boardId: string }) => b.boardId)).toContain(copyId);
  });

  it('shows who changed which card and when, per board and per card, newest first, paginated', async () => {
    const editor = await makeUser(stack, call, 'khanh@binhan.gov.vn', { [boardId]: 'editor' });
    const c = connectClient(stack, boardId, (await call('POST', `/api/boards/${boardId}/sync-token`, { cookie: editor.cookie })).json.token);
    await synced(c);
    const budget = readBoard(c.doc).cards.find((card) => card.id === 'budget-water')!;
    updateCard(c.doc, budget.id, { quantity: 160 }, { actor: editor.userId, now: new Date() });
    updateCard(c.doc, budget.id, { quantity: 170 }, { actor: editor.userId, now: new Date() });
    const byCard = async () => (await call('GET', `/api/boards/${boardId}/cards/budget-water/audit`, { cookie: admin })).json;
    await waitFor(async () => (await byCard()).entries.length >= 2, 'two audit entries for the card');
    c.destroy();
    const entries = (await byCard()).entries as { actor: string; cardId: string; at: string; action: string; fields: string[] }[];
    expect(entries[0]).toMatchObject({ cardId: 'budget-water', actor: editor.userId, action: 'updated', fields: expect.arrayContaining(['quantity']) });
    expect(Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[1]!.at));
    const first = await call('GET', `/api/boards/${boardId}/audit?limit=1`, { cookie: admin });
    expect(first.json.entries).toHaveLength(1);
    expect(first.json.cursor).toEqual(expect.any(String));
    const second = await call('GET', `/api/boards/${boardId}/audit?limit=1&cursor=${first.json.cursor}`, { cookie: admin });
    expect(second.json.entries).toHaveLength(1);
    const both = await call('GET', `/api/boards/${boardId}/audit?limit=2`, { cookie: admin });
    expect([...first.json.entries, ...second.json.entries]).toEqual(both.json.entries);
    expect((await call('GET', `/api/boards/${boardId}/audit?cursor=bm90LWEtY3Vyc29y`, { cookie: admin })).status).toBe(400);
    expect((await call('GET', `/api/boards/${boardId}/audit?limit=100000`, { cookie: admin })).status).toBe(400);
    // A view link is read (the audit accepts an editor's link) but its role is too low.
    expect((await call('GET', `/api/boards/${boardId}/audit`, { token: linkToken })).status).toBe(403);
  });
});
