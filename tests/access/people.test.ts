/** GET /api/boards/:id/people: the members' ids, names and roles for editors and edit links; no e-mail; refused below editor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '@binhan/local';
import { createBoard, makeUser, startAccessStack, type Call } from '../helpers/access';

describe('the board\'s people (assignees, mentions)', () => {
  let stack: LocalStack;
  let call: Call;
  let adminCookie: string;
  let boardId: string;
  let editor: { userId: string; cookie: string };
  let viewer: { userId: string; cookie: string };

  beforeAll(async () => {
    ({ stack, call, adminCookie } = await startAccessStack());
    boardId = await createBoard(call, adminCookie);
    editor = await makeUser(stack, call, 'lan@binhan.gov.vn', { [boardId]: 'editor' });
    viewer = await makeUser(stack, call, 'huyen@binhan.gov.vn', { [boardId]: 'viewer' });
  });
  afterAll(() => stack.close());

  it('lists ids, names and roles (no e-mail) to an editor, a share link with edit right and a sync token', async () => {
    const byCookie = await call('GET', `/api/boards/${boardId}/people`, { cookie: editor.cookie });
    expect(byCookie.status).toBe(200);
    expect(byCookie.json.people).toEqual(expect.arrayContaining([{ userId: editor.userId, name: 'lan', role: 'editor' }, { userId: viewer.userId, name: 'huyen', role: 'viewer' }]));
    expect(byCookie.text).not.toContain('@binhan.gov.vn');
    const token = stack.tokens.issue({ boardId, role: 'editor', ttlSeconds: 600, subject: 'link:x' });
    const byToken = await call('GET', `/api/boards/${boardId}/people`, { token });
    expect(byToken.status).toBe(200);
    expect(byToken.json.people.length).toBe(byCookie.json.people.length);
  });

  it('refuses a viewer (403), a view token (403), nobody (401), another board\'s token, and a bad board id (400)', async () => {
    const token = stack.tokens.issue({ boardId, role: 'editor', ttlSeconds: 600, subject: 'link:x' });
    expect((await call('GET', `/api/boards/${boardId}/people`, { cookie: viewer.cookie })).status).toBe(403);
    const view = stack.tokens.issue({ boardId, role: 'viewer', ttlSeconds: 600, subject: 'district' });
    expect((await call('GET', `/api/boards/${boardId}/people`, { token: view })).status).toBe(403);
    expect((await call('GET', `/api/boards/${boardId}/people`)).status).toBe(401);
    expect((await call('GET', `/api/boards/bad%20id/people`, { cookie: editor.cookie })).status).toBe(400);
    // A board no registry lists: an edit token for it gets no one; a signed-in person gets 404.
    const unlisted = stack.tokens.issue({ boardId: 'not-listed', role: 'editor', ttlSeconds: 600, subject: 'x' });
    const none = await call('GET', '/api/boards/not-listed/people', { token: unlisted });
    expect([none.status, none.json.people]).toEqual([200, []]);
    expect((await call('GET', '/api/boards/not-listed/people', { token })).status).toBe(403); // another board's token
    expect((await call('GET', '/api/boards/not-listed/people', { cookie: editor.cookie })).status).toBe(404);
  });
});
