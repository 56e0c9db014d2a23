/**
 * Bad input over HTTP: malformed JSON, wrong types, unknown fields, oversize bodies, a wrong
 * content type, path traversal in ids and export names, an injection attempt in the card filter,
 * and script in a card title. Each gets a clear 4xx JSON error, nothing is stored, and nothing
 * runs: the JSON API returns the script as data with nosniff, printable pages escape it.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { createBoard, startAccessStack, tableDigest, type Call } from '../helpers/access';
import { storedDoc } from '../helpers/sync-clients';

const SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>';

describe('bad input over HTTP', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;
  let boardId: string;

  beforeAll(async () => {
    ({ stack, call, adminCookie: admin } = await startAccessStack());
    boardId = await createBoard(call, admin);
    // A staff member typed markup into a nominee's name and a task's title (it is just text).
    const doc = await storedDoc(stack, boardId);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const ctx = { actor: 'staff', now: new Date() };
    addCard(doc, { kind: 'nominee', id: 'nominee-xss', unit: 'council', name: SCRIPT, nomineeKind: 'individual', achievement: SCRIPT }, ctx);
    addCard(doc, { kind: 'task', id: 'task-xss', unit: 'office-statistics', title: SCRIPT }, ctx);
    await stack.updates.append(boardId, Y.mergeUpdates(updates));
  });
  afterAll(async () => {
    await stack.close();
  });

  /** Runs `attempt`, expects `status` and a JSON error, and proves storage did not change. */
  async function refused(status: number, attempt: () => ReturnType<Call>, code?: string) {
    const before = await tableDigest(stack.table);
    const res = await attempt();
    expect(res.status, res.text.slice(0, 300)).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json.error).toMatchObject({ code: code ?? expect.any(String), message: expect.any(String), messageVi: expect.any(String) });
    expect(res.text).not.toMatch(/at \S+\.ts:\d+|node_modules|stack/i); // no internals leak
    expect(await tableDigest(stack.table)).toEqual(before);
    return res;
  }

  it('malformed JSON → 400 malformed-json', async () => {
    await refused(400, () => call('POST', '/api/boards', { cookie: admin, raw: '{"title": "Bảng", ' }), 'malformed-json');
    await refused(400, () => call('POST', '/api/auth/login', { raw: '' }), 'malformed-json');
  });

  it('wrong types, missing or unknown fields → 400 invalid-input naming the field', async () => {
    const res = await refused(400, () => call('POST', '/api/boards', { cookie: admin, body: { title: 42, template: 'plan-27' } }), 'invalid-input');
    expect(res.json.error.issues[0].path).toBe('title');
    await refused(400, () => call('POST', '/api/boards', { cookie: admin, body: { title: 'A', template: 'plan-99' } }), 'invalid-input');
    await refused(400, () => call('POST', '/api/boards', { cookie: admin, body: { title: 'A', template: 'blank', planText: 'x' } }), 'invalid-input');
    await refused(400, () => call('POST', '/api/boards', { cookie: admin, body: { title: 'A', template: 'blank', isAdmin: true } }), 'invalid-input');
    await refused(400, () => call('POST', '/api/boards', { cookie: admin, body: ['not', 'an', 'object'] }), 'invalid-input');
    await refused(400, () => call('PATCH', `/api/boards/${boardId}`, { cookie: admin, body: { archived: 'yes' } }), 'invalid-input');
    await refused(400, () => call('PATCH', `/api/boards/${boardId}`, { cookie: admin, body: {} }), 'invalid-input');
    await refused(400, () => call('POST', `/api/boards/${boardId}/members`, { cookie: admin, body: { email: 'not-an-email', role: 'editor' } }), 'invalid-input');
    await refused(400, () => call('POST', `/api/boards/${boardId}/members`, { cookie: admin, body: { email: 'a@b.vn', role: 'superuser' } }), 'invalid-input');
    await refused(400, () => call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: '', expiresAt: 'tomorrow' } }), 'invalid-input');
    await refused(400, () => call('POST', '/api/boards/import', { cookie: admin, body: { format: 'something-else' } }), 'invalid-board');
    await refused(400, () => call('POST', '/api/boards', { cookie: admin, body: { title: 'Văn bản rỗng', planText: 'không có gì ở đây' } }), 'empty-plan');
  });

  it('a body over the limit → 413; not JSON → 415', async () => {
    await refused(413, () => call('POST', `/api/boards/${boardId}/links`, { cookie: admin, body: { label: 'x'.repeat(100 * 1024) } }), 'too-large');
    await refused(413, () => call('POST', '/api/boards', { cookie: admin, body: { title: 'Lớn', planText: 'x'.repeat(3 * 1024 * 1024) } }), 'too-large');
    await refused(415, () => call('POST', '/api/boards', { cookie: admin, raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 'unsupported-media-type');
    await refused(415, () => call('DELETE', `/api/boards/${boardId}/links/l-aaaaaaaaaaaaaaaa`, { cookie: admin, headers: { 'content-type': 'text/plain' } }), 'unsupported-media-type');
  });

  it('path traversal and odd ids → 400 (never a file, never another key)', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..', 'B%23other', 'Binh-An', 'a%00b', 'x'.repeat(65), '%2e%2e%2fboards']) {
      const res = await call('GET', `/api/boards/${id}/dashboard`, { cookie: admin });
      expect([400, 404], `${id}: ${res.text}`).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    await refused(400, () => call('GET', `/api/boards/..%2F..%2Fetc%2Fpasswd`, { cookie: admin }), 'invalid-id');
    await refused(400, () => call('GET', `/api/boards/${boardId}/exports/..%2F..%2Fetc%2Fpasswd`, { cookie: admin }), 'unknown-export');
    await refused(400, () => call('GET', `/api/boards/${boardId}/exports/nominees.exe`, { cookie: admin }), 'unknown-export');
    await refused(400, () => call('DELETE', `/api/boards/${boardId}/members/..%2Fu-x`, { cookie: admin }), 'invalid-id');
    await refused(400, () => call('DELETE', `/api/boards/${boardId}/links/LINK%23x`, { cookie: admin }), 'invalid-id');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards/..%2F..%2Fx/audit`, { cookie: admin }), 'invalid-id');
  });

  it('an injection attempt in the filter is plain text (never a regex, never an expression); bad filters → 400', async () => {
    const all = await call('GET', `/api/boards/${boardId}/cards`, { cookie: admin });
    expect(all.json.count).toBeGreaterThan(10);
    for (const q of ['.*', "' OR 1=1 --", '{"$gt": ""}', 'pk = :pk OR begins_with(sk, :s)', '(a+)+$', '\\']) {
      const res = await call('GET', `/api/boards/${boardId}/cards?q=${encodeURIComponent(q)}`, { cookie: admin });
      expect(res.status, q).toBe(200);
      expect(res.json.count, q).toBe(0);
    }
    // Plain text does match, with or without diacritics.
    expect((await call('GET', `/api/boards/${boardId}/cards?q=${encodeURIComponent('Nước uống')}`, { cookie: admin })).json.count).toBe(1);
    expect((await call('GET', `/api/boards/${boardId}/cards?q=nuoc%20uong&kind=budget`, { cookie: admin })).json.count).toBe(1);
    expect((await call('GET', `/api/boards/${boardId}/cards?kind=nominee&status=proposed&unit=council`, { cookie: admin })).json.cards.map((c: { id: string }) => c.id)).toContain('nominee-xss');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards?kind=${encodeURIComponent("task' OR '1'='1")}`, { cookie: admin }), 'invalid-input');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards?status=deleted`, { cookie: admin }), 'invalid-input');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards?unit=${encodeURIComponent('../finance')}`, { cookie: admin }), 'invalid-input');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards?q=${'a'.repeat(201)}`, { cookie: admin }), 'invalid-input');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards?kind=task&kind=budget`, { cookie: admin }), 'invalid-input');
    await refused(400, () => call('GET', `/api/boards/${boardId}/cards?sort=1`, { cookie: admin }), 'invalid-input');
  });

  it('script in a card title comes back as data (JSON, nosniff) and is escaped in printable pages, which may run no script', async () => {
    const res = await call('GET', `/api/boards/${boardId}/cards?kind=task&q=${encodeURIComponent('<script>')}`, { cookie: admin });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.json.cards[0].title).toBe(SCRIPT);
    const page = await call('GET', `/api/boards/${boardId}/exports/nominees.html`, { cookie: admin });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(page.text).toContain('&lt;script&gt;alert(');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).not.toMatch(/<img/i);
  });

  it('unknown routes and methods are JSON 404s', async () => {
    const res = await call('GET', '/api/nothing-here', { cookie: admin });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not-found');
    expect((await call('PUT', `/api/boards/${boardId}`, { cookie: admin, body: {} })).status).toBe(404);
  });
});
