/**
 * Comments on cards are written by their author only: the attacker's suite for the comments
 * map, with stock y-websocket clients over real sockets through the local gateway.
 *
 * Each edit-role client (editor, leader, admin) has its own identity (token subject); a
 * comment by "chi-lan" (another person) sits on the card. Every case writes straight into the
 * doc, as a foreign client could: its own comment (allowed), someone else's (refused), every
 * wrong Yjs representation (a Y.Text where the text belongs, a Y.Map where the comment
 * belongs, a Y.Array or a plain object where the comments map belongs, …) — alone and mixed
 * with a legitimate title edit. A refused write is undone everywhere (author, watcher and
 * storage agree on the value before), the legitimate part of the same update stands, and
 * after every refusal the refused client's next edit still arrives. A view link's comment is
 * dropped whole. The audit names "comments" as the changed field.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, cardProblems, copyEntry, NESTED_CARD_KEYS, readBoard, readComments, updateCard, type Role } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { createBoard, startAccessStack, type Call } from '../helpers/access';
import { storedDoc, waitFor, type SyncClient } from '../helpers/sync-clients';
import { agreeWithStorage, joinBoard } from '../helpers/board-clients';
import { ctx, LIVE } from '../helpers/write-context';
import { expectEveryReadOk, viewOf } from '../helpers/board-views';

const CARD = 'task-iv-5-1';
const OTHER = 'chi-lan';
const ROLES: Role[] = ['editor', 'leader', 'admin'];
const at = () => new Date().toISOString();

const comments = (doc: Y.Doc): Y.Map<unknown> => {
  const card = doc.getMap<Y.Map<unknown>>('cards').get(CARD)!;
  let m = card.get('comments');
  if (!(m instanceof Y.Map)) {
    m = new Y.Map<unknown>();
    card.set('comments', m);
  }
  return m as Y.Map<unknown>;
};
const value = (authorId: string, text: string, extra: Record<string, unknown> = {}) =>
  ({ authorId, authorName: authorId, text, mentions: [], createdAt: at(), editedAt: null, ...extra });
const ytext = (s: string) => new Y.Text(s);

interface Case {
  name: string;
  valid: boolean;
  /** me: the author's subject; theirs: the id of chi-lan's comment; mine: the author's own comment id. */
  write: (doc: Y.Doc, me: string, ids: { theirs: string; mine: string; fresh: string }) => void;
}

const CASES: Case[] = [
  { name: 'a comment of one\'s own (valid)', valid: true, write: (d, me, i) => comments(d).set(i.fresh, value(me, 'Đã liên hệ hội trường @Chị Lan', { mentions: [{ id: OTHER, name: 'Chị Lan' }] })) },
  { name: 'one\'s own comment edited (valid)', valid: true, write: (d, me, i) => {
    const old = comments(d).get(i.mine) as Record<string, unknown>;
    comments(d).set(i.mine, { ...old, text: `Sửa lại ${Math.random().toString(36).slice(2, 6)}`, editedAt: at() });
  } },
  { name: 'one\'s own comment deleted (valid)', valid: true, write: (d, _me, i) => comments(d).delete(i.mine) },
  { name: 'a new comment under someone else\'s author id', valid: false, write: (d, _me, i) => comments(d).set(i.fresh, value(OTHER, 'Tôi là Chị Lan')) },
  { name: 'a new comment with no author id', valid: false, write: (d, _me, i) => comments(d).set(i.fresh, { ...value('x', 'ẩn danh'), authorId: '' }) },
  { name: 'someone else\'s comment edited', valid: false, write: (d, _me, i) => {
    const old = comments(d).get(i.theirs) as Record<string, unknown>;
    comments(d).set(i.theirs, { ...old, text: 'Bị sửa bởi người khác', editedAt: at() });
  } },
  { name: 'someone else\'s comment taken over (author id changed to mine)', valid: false, write: (d, me, i) => {
    const old = comments(d).get(i.theirs) as Record<string, unknown>;
    comments(d).set(i.theirs, { ...old, authorId: me });
  } },
  { name: 'someone else\'s comment deleted', valid: false, write: (d, _me, i) => comments(d).delete(i.theirs) },
  { name: 'the comments map replaced by a new Y.Map of one\'s own comments only', valid: false, write: (d, me, i) => {
    const m = new Y.Map<unknown>();
    m.set(i.fresh, value(me, 'Chỉ còn của tôi'));
    d.getMap<Y.Map<unknown>>('cards').get(CARD)!.set('comments', m);
  } },
  { name: 'one\'s own comment whose text is a Y.Text', valid: false, write: (d, me, i) => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(value(me, 'x'))) m.set(k, v);
    m.set('text', ytext('Chữ dạng Y.Text'));
    comments(d).set(i.fresh, m);
  } },
  { name: 'a comment that is a Y.Text', valid: false, write: (d, _me, i) => comments(d).set(i.fresh, ytext('bình luận')) },
  { name: 'a comment that is a Y.Array', valid: false, write: (d, me, i) => {
    const a = new Y.Array<unknown>();
    a.push([value(me, 'x')]);
    comments(d).set(i.fresh, a);
  } },
  { name: 'a comment that is a plain string', valid: false, write: (d, _me, i) => comments(d).set(i.fresh, 'bình luận') },
  { name: 'one\'s own comment with an unknown key', valid: false, write: (d, me, i) => comments(d).set(i.fresh, value(me, 'x', { pinned: true })) },
  { name: 'one\'s own comment with empty text', valid: false, write: (d, me, i) => comments(d).set(i.fresh, value(me, '   ')) },
  { name: 'one\'s own comment with editedAt a number', valid: false, write: (d, me, i) => comments(d).set(i.fresh, value(me, 'x', { editedAt: 5 })) },
  { name: 'one\'s own comment with mentions as a string', valid: false, write: (d, me, i) => comments(d).set(i.fresh, value(me, 'x', { mentions: '@Chị Lan' })) },
  { name: 'the comments key as a Y.Array', valid: false, write: (d, me) => {
    const a = new Y.Array<unknown>();
    a.push([value(me, 'x')]);
    d.getMap<Y.Map<unknown>>('cards').get(CARD)!.set('comments', a);
  } },
  { name: 'the comments key as a Y.Text', valid: false, write: (d) => d.getMap<Y.Map<unknown>>('cards').get(CARD)!.set('comments', ytext('bình luận')) },
  { name: 'the comments key as plain JSON', valid: false, write: (d, me, i) => d.getMap<Y.Map<unknown>>('cards').get(CARD)!.set('comments', { [i.fresh]: value(me, 'x') }) },
];

describe('comments: only by their author, every representation, every role', () => {
  let stack: LocalStack;
  let call: Call;
  let adminCookie: string;
  let boardId: string;
  const clients: SyncClient[] = [];
  const by = {} as Record<Role, SyncClient>;
  let watcher: SyncClient;
  let lan: SyncClient;
  let theirs = '';
  let seq = 0;

  const join = (role: Role, subject: string) => joinBoard(stack, boardId, role, subject, clients);
  const converged = (author: SyncClient) => agreeWithStorage(stack, boardId, [author, watcher]);

  beforeAll(async () => {
    ({ stack, call, adminCookie } = await startAccessStack());
    boardId = await createBoard(call, adminCookie);
    lan = await join('editor', OTHER);
    watcher = await join('viewer', 'huyen');
    for (const role of ROLES) by[role] = await join(role, `${role}-1`);
    theirs = addComment(lan.doc, CARD, { text: 'Hội trường đã đặt cho ngày 20/3' }, { id: OTHER, name: 'Chị Lan' }, ctx('Chị Lan', LIVE)).id;
    for (const c of clients) await waitFor(() => readComments(c.doc, CARD).some((x) => x.id === theirs), 'chi-lan\'s comment arrives');
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.valid ? 'stands for editor, leader and admin' : 'undone for every role'}`, async () => {
      for (const role of ROLES) {
        for (const mixed of [false, true]) {
          const author = by[role];
          const me = `${role}-1`;
          // The author's own comment, written through core (allowed), for the cases that need one.
          const mine = addComment(author.doc, CARD, { text: `Của ${me} số ${++seq}` }, { id: me, name: me }, ctx(me, LIVE)).id;
          await waitFor(() => readComments(watcher.doc, CARD).some((x) => x.id === mine), 'own comment arrives');
          await converged(author);
          const before = viewOf(author.doc, 'cards', CARD);
          const denied = author.permissionDenied.length;
          const legitTitle = `Việc hợp lệ ${seq} (${role}${mixed ? ', mixed' : ''})`;
          author.doc.transact(() => {
            if (mixed) updateCard(author.doc, 'task-iv-3-1', { title: legitTitle }, ctx(role, LIVE));
            c.write(author.doc, me, { theirs, mine, fresh: `c-${seq}-${role}-${mixed ? 'm' : 'a'}` });
          });
          const intended = viewOf(author.doc, 'cards', CARD);
          const what = `${role}${mixed ? ' (mixed with a legitimate edit)' : ''}: ${c.name}`;
          expect(intended, `${what}: the write changed something`).not.toBe(before);
          if (!c.valid) await waitFor(() => author.permissionDenied.length > denied, `${what}: told its write was undone`, 5000);
          await converged(author);
          const stored = await storedDoc(stack, boardId);
          expect(viewOf(stored, 'cards', CARD), what).toBe(c.valid ? intended : before);
          expect(viewOf(watcher.doc, 'cards', CARD), what).toBe(c.valid ? intended : before);
          if (c.valid) expect(author.permissionDenied.length, what).toBe(denied);
          else expect(author.permissionDenied.at(-1), what).toMatch(/Chỉ người viết|Giá trị không hợp lệ/);
          // Chi-lan's comment is untouched, whatever was tried.
          expect(readComments(stored, CARD).find((x) => x.id === theirs)?.text, what).toBe('Hội trường đã đặt cho ngày 20/3');
          if (mixed) {
            expect((readBoard(stored).cards.find((x) => x.id === 'task-iv-3-1') as { title: string }).title, what).toBe(legitTitle);
            expect((readBoard(watcher.doc).cards.find((x) => x.id === 'task-iv-3-1') as { title: string }).title, what).toBe(legitTitle);
          }
          // The refused client's next edit still arrives.
          const after = `Sau đó ${seq} ${role}`;
          updateCard(author.doc, 'task-iv-1-1', { assignee: after }, ctx(role, LIVE));
          await waitFor(() => (readBoard(watcher.doc).cards.find((x) => x.id === 'task-iv-1-1') as { assignee: string }).assignee === after, `${what}: the next edit arrives`);
          const card = stored.getMap<Y.Map<unknown>>('cards').get(CARD)!;
          expect(cardProblems(CARD, copyEntry(card, NESTED_CARD_KEYS)), what).toEqual([]);
        }
      }
    });
  }

  it('a view link\'s comment is dropped whole: nothing stored, nobody sees it', async () => {
    await converged(by.editor);
    const before = viewOf(await storedDoc(stack, boardId), 'cards', CARD);
    const denied = watcher.permissionDenied.length;
    addComment(watcher.doc, CARD, { text: 'Huyện góp ý' }, { id: 'huyen', name: 'Huyện' }, ctx('huyen', LIVE));
    await waitFor(() => watcher.permissionDenied.length > denied, 'the viewer is told', 5000);
    await stack.gateway.idle();
    expect(viewOf(await storedDoc(stack, boardId), 'cards', CARD)).toBe(before);
    expect(readComments(by.editor.doc, CARD).some((x) => x.text === 'Huyện góp ý')).toBe(false);
  });

  it('comments are in the audit: who, which card, field "comments"; every read answers 200', async () => {
    await stack.gateway.idle();
    const entries: Array<{ actor: string; fields: string[] }> = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/api/boards/${boardId}/cards/${CARD}/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie: adminCookie });
      expect(res.status).toBe(200);
      entries.push(...(res.json as { entries: typeof entries }).entries);
      cursor = (res.json as { cursor?: string }).cursor ?? null;
    } while (cursor);
    expect(entries.some((e) => e.actor === OTHER && e.fields.includes('comments'))).toBe(true);
    expect(entries.some((e) => e.actor === 'editor-1' && e.fields.includes('comments'))).toBe(true);
    const http = await expectEveryReadOk(call, adminCookie, boardId);
    expect(http.problems).toEqual([]);
  });
});
