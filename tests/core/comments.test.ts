/** Comments on a card (core): written, edited and deleted by their author only; read back typed; the rule alone. */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addComment, BoardValidationError, BoardWriteGuard, commentCounts, commentWriteIssue, deleteComment, editComment, readBoard, readComments,
} from '@binhan/core';
import { buildBoard, captureUpdate } from '../helpers/rights-board';
import { ctx } from '../helpers/write-context';

const LAN = { id: 'u-lan', name: 'Chị Lan' };
const NAM = { id: 'u-nam', name: 'Anh Nam' };

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof BoardValidationError) return e.issues.map((i) => `${i.code}: ${i.vi}`);
    throw e;
  }
  return [];
}

describe('comments on a card', () => {
  it('adds, edits and deletes one\'s own comment; the card\'s fields are untouched', () => {
    const doc = new Y.Doc();
    buildBoard(doc, 'c');
    const before = readBoard(doc).cards.find((c) => c.id === 't1')!;
    const c = addComment(doc, 't1', { text: '  Nhờ @Anh Nam đặt hội trường  ', mentions: [NAM, { id: 'u-x', name: 'Không có trong chữ' }] }, LAN, ctx('Chị Lan'));
    expect(c).toMatchObject({ authorId: 'u-lan', authorName: 'Chị Lan', text: 'Nhờ @Anh Nam đặt hội trường', mentions: [NAM], editedAt: null });
    expect(readBoard(doc).cards.find((x) => x.id === 't1')).toEqual(before);
    expect(commentCounts(doc).get('t1')).toBe(1);
    editComment(doc, 't1', c.id, { text: 'Đã đặt xong' }, LAN, ctx('Chị Lan', '2025-02-22T02:00:00.000Z'));
    expect(readComments(doc, 't1')).toMatchObject([{ id: c.id, text: 'Đã đặt xong', editedAt: '2025-02-22T02:00:00.000Z', mentions: [] }]);
    expect(issuesOf(() => editComment(doc, 't1', c.id, { text: 'Sửa của người khác' }, NAM, ctx('Anh Nam')))).toEqual([expect.stringMatching(/^not-author: Chỉ người viết/)]);
    expect(issuesOf(() => deleteComment(doc, 't1', c.id, NAM, ctx('Anh Nam')))).toEqual([expect.stringMatching(/^not-author/)]);
    expect(issuesOf(() => addComment(doc, 't1', { text: '   ' }, LAN, ctx()))).toEqual([expect.stringMatching(/^required: Bình luận không được để trống/)]);
    expect(issuesOf(() => addComment(doc, 't1', { text: 'x'.repeat(2001) }, LAN, ctx()))).toEqual([expect.stringMatching(/^too-long/)]);
    expect(issuesOf(() => addComment(doc, 'nope', { text: 'x' }, LAN, ctx()))).toHaveLength(1);
    expect(issuesOf(() => addComment(doc, 't1', { text: 'x' }, { id: '', name: '' }, ctx()))).toEqual([expect.stringMatching(/^required: Không rõ ai viết/)]);
    deleteComment(doc, 't1', c.id, LAN, ctx('Chị Lan'));
    expect(readComments(doc, 't1')).toEqual([]);
  });

  it('the rule alone: only the author adds, changes or removes a comment, whatever the role', () => {
    const v = (authorId: string, text = 'x') => ({ authorId, text, createdAt: '2025-02-21T02:00:00.000Z' });
    const m = (o: Record<string, unknown>) => new Map(Object.entries(o));
    expect(commentWriteIssue(undefined, m({ a: v('u-lan') }), 'u-lan')).toBeNull();
    expect(commentWriteIssue(undefined, m({ a: v('u-lan') }), 'u-nam')).toBe('a');
    expect(commentWriteIssue(undefined, m({ a: v('u-lan') }), null)).toBe('a');
    expect(commentWriteIssue(m({ a: v('u-lan') }), m({ a: v('u-lan', 'y') }), 'u-lan')).toBeNull();
    expect(commentWriteIssue(m({ a: v('u-lan') }), m({ a: v('u-lan', 'y') }), 'u-nam')).toBe('a');
    expect(commentWriteIssue(m({ a: v('u-lan') }), m({ a: v('u-nam') }), 'u-nam')).toBe('a');
    expect(commentWriteIssue(m({ a: v('u-lan') }), m({ a: { ...v('u-lan'), createdAt: '2030-01-01T00:00:00.000Z' } }), 'u-lan')).toBe('a');
    expect(commentWriteIssue(m({ a: v('u-lan') }), m({}), 'u-lan')).toBeNull();
    expect(commentWriteIssue(m({ a: v('u-lan') }), undefined, 'u-nam')).toBe('a');
    expect(commentWriteIssue(m({ a: v('u-lan') }), m({ a: v('u-lan') }), 'u-nam')).toBeNull(); // untouched
  });

  it('the guard undoes a comment written under another author id, for an admin too, and keeps the rest', () => {
    const author = new Y.Doc();
    buildBoard(author, 'g');
    const guard = new BoardWriteGuard(new Y.Doc());
    guard.applyTrusted(Y.encodeStateAsUpdate(author));
    const ok = guard.check(captureUpdate(author, () => addComment(author, 't1', { text: 'Của tôi' }, NAM, ctx('Anh Nam'))), 'editor', undefined, 'u-nam');
    expect(ok.refusals).toEqual([]);
    const bad = guard.check(captureUpdate(author, () => addComment(author, 't1', { text: 'Giả danh' }, LAN, ctx('Anh Nam'))), 'admin', undefined, 'u-nam');
    expect(bad.refusals).toMatchObject([{ code: 'comment-author', cardId: 't1' }]);
    expect(bad.refusals[0]!.reason).toMatch(/^Chỉ người viết .* \/ Only its author/);
    expect(readComments(guard.doc, 't1').map((c) => c.text)).toEqual(['Của tôi']);
    const none = guard.check(captureUpdate(author, () => addComment(author, 't1', { text: 'Không rõ ai' }, NAM, ctx('Anh Nam'))), 'admin');
    expect(none.refusals).toMatchObject([{ code: 'comment-author' }]);
  });
});
