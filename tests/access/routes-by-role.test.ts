/**
 * Every route × every kind of caller: anonymous, a signed-in stranger (no role on the board),
 * viewer, editor, leader, board admin, the global administrator, and a read-only share link.
 * Allowed calls succeed; refused ones get 401 (nobody) or 403 (wrong role) and leave every item
 * of the table exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@binhan/local';
import { createBoard, makeUser, startAccessStack, tableDigest, type Call, type CallOptions } from '../helpers/access';

type Caller = 'anonymous' | 'stranger' | 'viewer' | 'editor' | 'leader' | 'admin' | 'globalAdmin' | 'link';
const CALLERS: Caller[] = ['anonymous', 'stranger', 'viewer', 'editor', 'leader', 'admin', 'globalAdmin', 'link'];

interface Route {
  name: string;
  method: string;
  /** Builds the request: may create a fresh target (as the global admin) first. */
  make: () => Promise<{ path: string; body?: unknown }>;
  allowed: Caller[];
  status: number;
  /** The route also reads a link's token (Bearer): a view link is known, its role too low (403). */
  readsLinks?: boolean;
}

const READERS: Caller[] = ['viewer', 'editor', 'leader', 'admin', 'globalAdmin', 'link'];
const MEMBERS: Caller[] = ['viewer', 'editor', 'leader', 'admin', 'globalAdmin'];
const ADMINS: Caller[] = ['admin', 'globalAdmin'];

describe('routes × roles', () => {
  let stack: LocalStack;
  let call: Call;
  let boardId: string;
  let exportJson: unknown;
  const cookies: Partial<Record<Caller, string>> = {};
  let linkToken = '';
  let n = 0;

  beforeAll(async () => {
    const started = await startAccessStack();
    stack = started.stack;
    call = started.call;
    cookies.globalAdmin = started.adminCookie;
    boardId = await createBoard(call, started.adminCookie);
    for (const role of ['viewer', 'editor', 'leader', 'admin'] as const) {
      cookies[role] = (await makeUser(stack, call, `${role}@binhan.gov.vn`, { [boardId]: role })).cookie;
    }
    cookies.stranger = (await makeUser(stack, call, 'stranger@binhan.gov.vn')).cookie;
    const link = await call('POST', `/api/boards/${boardId}/links`, { cookie: cookies.globalAdmin!, body: { label: 'Phòng Nội vụ' } });
    linkToken = link.json.token;
    exportJson = (await call('GET', `/api/boards/${boardId}/exports/board.json`, { cookie: cookies.globalAdmin! })).json;
  });
  afterAll(async () => {
    await stack.close();
  });

  const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, { cookie: cookies.globalAdmin!, ...(body !== undefined ? { body } : {}) });
  const freshMember = async () => {
    const email = `member${++n}@binhan.gov.vn`;
    const res = await asAdmin('POST', `/api/boards/${boardId}/members`, { email, role: 'editor' });
    expect(res.status).toBe(201);
    return res.json.member.userId as string;
  };
  const freshLink = async () => {
    const res = await asAdmin('POST', `/api/boards/${boardId}/links`, { label: `Liên kết ${++n}` });
    expect(res.status).toBe(201);
    return res.json.link.linkId as string;
  };
  const b = () => `/api/boards/${boardId}`;

  const routes: Route[] = [
    { name: 'GET /api/auth/me', method: 'GET', make: async () => ({ path: '/api/auth/me' }), allowed: [...MEMBERS, 'stranger'], status: 200 },
    { name: 'GET /api/boards', method: 'GET', make: async () => ({ path: '/api/boards' }), allowed: [...MEMBERS, 'stranger'], status: 200 },
    { name: 'POST /api/boards', method: 'POST', make: async () => ({ path: '/api/boards', body: { title: `Bảng ${++n}`, template: 'blank' } }), allowed: ['globalAdmin'], status: 201 },
    { name: 'POST /api/boards/import', method: 'POST', make: async () => ({ path: '/api/boards/import', body: exportJson }), allowed: ['globalAdmin'], status: 201 },
    { name: 'GET board', method: 'GET', make: async () => ({ path: b() }), allowed: READERS, status: 200 },
    { name: 'PATCH board (rename)', method: 'PATCH', make: async () => ({ path: b(), body: { title: `Kế hoạch 27 (${++n})` } }), allowed: ADMINS, status: 200 },
    { name: 'GET dashboard', method: 'GET', make: async () => ({ path: `${b()}/dashboard` }), allowed: READERS, status: 200 },
    { name: 'GET cards', method: 'GET', make: async () => ({ path: `${b()}/cards?kind=nominee` }), allowed: READERS, status: 200 },
    ...(['nominees.csv', 'nominees.xlsx', 'nominees.html', 'budget.csv', 'budget.xlsx', 'budget.html', 'board.json'] as const).map(
      (file): Route => ({ name: `GET exports/${file}`, method: 'GET', make: async () => ({ path: `${b()}/exports/${file}` }), allowed: READERS, status: 200 }),
    ),
    ...(['award-decision.docx', 'proposed-list.docx', 'budget-estimate.docx', 'programme.docx', 'progress-report.docx'] as const).map(
      (file): Route => ({ name: `GET exports/papers/${file}`, method: 'GET', make: async () => ({ path: `${b()}/exports/papers/${file}` }), allowed: READERS, status: 200 }),
    ),
    { name: 'GET members', method: 'GET', make: async () => ({ path: `${b()}/members` }), allowed: ['leader', ...ADMINS], status: 200 },
    { name: 'POST members (invite)', method: 'POST', make: async () => ({ path: `${b()}/members`, body: { email: `invite${++n}@binhan.gov.vn`, role: 'viewer' } }), allowed: ADMINS, status: 201 },
    { name: 'PATCH member role', method: 'PATCH', make: async () => ({ path: `${b()}/members/${await freshMember()}`, body: { role: 'leader' } }), allowed: ADMINS, status: 200 },
    { name: 'DELETE member', method: 'DELETE', make: async () => ({ path: `${b()}/members/${await freshMember()}` }), allowed: ADMINS, status: 200 },
    { name: 'GET links', method: 'GET', make: async () => ({ path: `${b()}/links` }), allowed: ADMINS, status: 200 },
    { name: 'POST links', method: 'POST', make: async () => ({ path: `${b()}/links`, body: { label: 'Phòng Tài chính', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } }), allowed: ADMINS, status: 201 },
    { name: 'DELETE link', method: 'DELETE', make: async () => ({ path: `${b()}/links/${await freshLink()}` }), allowed: ADMINS, status: 200 },
    { name: 'POST sync-token', method: 'POST', make: async () => ({ path: `${b()}/sync-token` }), allowed: MEMBERS, status: 200 },
    { name: 'GET audit', method: 'GET', make: async () => ({ path: `${b()}/audit` }), allowed: ['editor', 'leader', ...ADMINS], status: 200, readsLinks: true },
    { name: 'GET card audit', method: 'GET', make: async () => ({ path: `${b()}/cards/budget-water/audit` }), allowed: ['editor', 'leader', ...ADMINS], status: 200, readsLinks: true },
  ];

  const options = (caller: Caller, body: unknown): CallOptions => ({
    ...(body !== undefined ? { body } : {}),
    ...(caller === 'link' ? { token: linkToken } : caller === 'anonymous' ? {} : { cookie: cookies[caller]! }),
  });

  /** 401 for nobody (and a link where only a session counts), else 403. */
  function refusal(caller: Caller, route: Route): number {
    if (caller === 'anonymous') return 401;
    if (caller === 'link') return route.readsLinks ? 403 : 401;
    return 403;
  }

  for (const route of routes) {
    it(`${route.name}: ${route.allowed.join(', ')} allowed; everyone else refused, storage unchanged`, async () => {
      for (const caller of CALLERS) {
        const { path, body } = await route.make();
        if (route.allowed.includes(caller)) {
          const res = await call(route.method, path, options(caller, body));
          expect(res.status, `${caller} ${route.name}: ${res.text.slice(0, 200)}`).toBe(route.status);
        } else {
          const before = await tableDigest(stack.table);
          const res = await call(route.method, path, options(caller, body));
          expect(res.status, `${caller} ${route.name}: ${res.text.slice(0, 200)}`).toBe(refusal(caller, route));
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(res.json.error.code).toEqual(expect.any(String));
          expect(res.json.error.message).toEqual(expect.any(String));
          expect(res.json.error.messageVi).toEqual(expect.any(String));
          expect(await tableDigest(stack.table), `${caller} ${route.name} changed storage`).toEqual(before);
        }
      }
    });
  }

  it('a view link is refused on write routes even when it reaches them (401: links never manage)', async () => {
    const before = await tableDigest(stack.table);
    for (const [method, path, body] of [
      ['PATCH', b(), { archived: true }],
      ['POST', `${b()}/links`, { label: 'x' }],
      ['POST', `${b()}/members`, { email: 'x@binhan.gov.vn', role: 'admin' }],
    ] as const) {
      const res = await call(method, path, { token: linkToken, body });
      expect(res.status).toBe(401);
    }
    expect(await tableDigest(stack.table)).toEqual(before);
  });

  it('an edit token used as a bearer reads but cannot manage', async () => {
    const edit = stack.tokens.issue({ boardId, role: 'leader', ttlSeconds: 600, subject: 'someone' });
    expect((await call('GET', `${b()}/dashboard`, { token: edit })).status).toBe(200);
    expect((await call('GET', `${b()}/links`, { token: edit })).status).toBe(401);
    const other = stack.tokens.issue({ boardId: 'another-board', role: 'admin', ttlSeconds: 600 });
    expect((await call('GET', `${b()}/dashboard`, { token: other })).status).toBe(403);
  });

  it('a board that does not exist is 404 for a member of none and for the administrator', async () => {
    expect((await call('GET', '/api/boards/khong-ton-tai', { cookie: cookies.globalAdmin! })).status).toBe(404);
    expect((await call('GET', '/api/boards/khong-ton-tai', { cookie: cookies.viewer! })).status).toBe(404);
  });
});
