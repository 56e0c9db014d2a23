/**
 * Comments on a card: a nested Y.Map under the card's key `comments`, commentId → one plain
 * value {authorId, authorName, text, mentions, createdAt, editedAt}. One comment is one map
 * value, so two people commenting at once both keep their comment, and editing replaces the
 * comment's value whole (its author only: the server's write policy undoes anyone else's
 * write, see policy/write-rules.ts:commentWriteIssue).
 *
 * `authorId` is the writer's identity as the server knows the connection (the account's user
 * id, or `link:<id>` for a share link); `authorName` is the name shown (self-declared for a
 * link). `mentions` lists the members named with "@Name" in the text, so the page can mark
 * them without the member list.
 *
 * A comment does not touch the card's own fields (updatedAt stays): it is not an edit of the
 * task, and two people commenting never conflict with someone editing the card.
 */
import * as Y from 'yjs';
import { requireCurrentBoard } from './doc';
import { issue, say } from '../validation/issues';
import { checkContext, fail, newId, type WriteContext } from './validate';
import { toIsoInstant } from '../util/dates';

/** The card key holding its comments. */
export const COMMENTS_KEY = 'comments';
export const COMMENT_LIMITS = { text: 2000, perCard: 500, mentions: 20, name: 200, id: 200 } as const;
export const COMMENT_VALUE_KEYS = ['authorId', 'authorName', 'text', 'mentions', 'createdAt', 'editedAt'] as const;
export const COMMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

export interface CommentMention {
  /** The member's user id. */
  id: string;
  name: string;
}

export interface CardComment {
  id: string;
  cardId: string;
  authorId: string;
  authorName: string;
  text: string;
  mentions: CommentMention[];
  createdAt: string;
  /** Set when the author changed the text. */
  editedAt: string | null;
}

export interface CommentAuthor {
  id: string;
  name: string;
}

export interface CommentInput {
  text: string;
  mentions?: CommentMention[];
}

function commentsMap(doc: Y.Doc, cardId: string): Y.Map<unknown> | null {
  const card = requireCurrentBoard(doc).cards.get(cardId);
  if (!(card instanceof Y.Map)) return null;
  const m = card.get(COMMENTS_KEY);
  return m instanceof Y.Map ? m : null;
}

function readOne(cardId: string, id: string, raw: unknown): CardComment | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Y.AbstractType) return null;
  const o = raw as Record<string, unknown>;
  if (typeof o['authorId'] !== 'string' || typeof o['text'] !== 'string' || typeof o['createdAt'] !== 'string') return null;
  const mentions = Array.isArray(o['mentions'])
    ? (o['mentions'] as unknown[]).filter((x): x is CommentMention =>
      x !== null && typeof x === 'object' && typeof (x as CommentMention).id === 'string' && typeof (x as CommentMention).name === 'string')
    : [];
  return {
    id,
    cardId,
    authorId: o['authorId'],
    authorName: typeof o['authorName'] === 'string' ? o['authorName'] : o['authorId'],
    text: o['text'],
    mentions,
    createdAt: o['createdAt'],
    editedAt: typeof o['editedAt'] === 'string' ? o['editedAt'] : null,
  };
}

/** A card's comments, oldest first (values that are not comments are skipped). */
export function readComments(doc: Y.Doc, cardId: string): CardComment[] {
  const m = commentsMap(doc, cardId);
  if (!m) return [];
  const out: CardComment[] = [];
  m.forEach((raw, id) => {
    const c = readOne(cardId, id, raw);
    if (c) out.push(c);
  });
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many comments each card has (cards without comments are left out). O(cards). */
export function commentCounts(doc: Y.Doc): Map<string, number> {
  const out = new Map<string, number>();
  requireCurrentBoard(doc).cards.forEach((card, id) => {
    if (!(card instanceof Y.Map)) return;
    const m = card.get(COMMENTS_KEY);
    if (m instanceof Y.Map && m.size > 0) out.set(id, m.size);
  });
  return out;
}

function checkInput(input: CommentInput): { text: string; mentions: CommentMention[] } {
  if (input === null || typeof input !== 'object') fail([say.wrongType('', 'object')]);
  if (typeof input.text !== 'string') fail([say.wrongType('text', 'string')]);
  const text = input.text.trim();
  if (!text) fail([issue('text', 'required', 'Bình luận không được để trống', 'A comment must not be empty')]);
  if (text.length > COMMENT_LIMITS.text) fail([issue('text', 'too-long', `Bình luận quá dài (tối đa ${COMMENT_LIMITS.text} ký tự)`, `The comment is too long (at most ${COMMENT_LIMITS.text} characters)`)]);
  const mentions: CommentMention[] = [];
  const seen = new Set<string>();
  for (const m of input.mentions ?? []) {
    if (!m || typeof m.id !== 'string' || typeof m.name !== 'string' || !m.id || m.id.length > COMMENT_LIMITS.id || !m.name.trim() || m.name.length > COMMENT_LIMITS.name) continue;
    // Only people whose "@Name" is still in the text count.
    if (seen.has(m.id) || !text.includes(`@${m.name}`)) continue;
    seen.add(m.id);
    mentions.push({ id: m.id, name: m.name });
  }
  if (mentions.length > COMMENT_LIMITS.mentions) fail([issue('mentions', 'too-many', `Tối đa ${COMMENT_LIMITS.mentions} người được nhắc trong một bình luận`, `At most ${COMMENT_LIMITS.mentions} people can be mentioned in one comment`)]);
  return { text, mentions };
}

function checkAuthor(author: CommentAuthor): void {
  if (!author || typeof author.id !== 'string' || !author.id.trim() || author.id.length > COMMENT_LIMITS.id)
    fail([issue('authorId', 'required', 'Không rõ ai viết bình luận; hãy mở lại bảng bằng liên kết hoặc đăng nhập', 'Who is writing is not known; open the board again with a link or sign in')]);
}

function liveCard(doc: Y.Doc, cardId: string): Y.Map<unknown> {
  const card = requireCurrentBoard(doc).cards.get(cardId);
  if (!(card instanceof Y.Map) || card.get('deletedAt')) fail([say.cardNotFound(String(cardId))]);
  return card;
}

function ownComment(doc: Y.Doc, cardId: string, commentId: string, author: CommentAuthor): { map: Y.Map<unknown>; comment: CardComment } {
  checkAuthor(author);
  liveCard(doc, cardId);
  const map = commentsMap(doc, cardId);
  const comment = map ? readOne(cardId, commentId, map.get(commentId)) : null;
  if (!map || !comment) fail([issue('comment', 'not-found', 'Không tìm thấy bình luận (có thể đã bị xóa)', 'The comment was not found (it may have been deleted)')]);
  if (comment.authorId !== author.id)
    fail([issue('comment', 'not-author', 'Chỉ người viết mới được sửa hoặc xóa bình luận này', 'Only its author may change or delete this comment')]);
  return { map, comment };
}

/** Adds a comment by `author` to a live card. */
export function addComment(doc: Y.Doc, cardId: string, input: CommentInput, author: CommentAuthor, ctx: WriteContext): CardComment {
  checkContext(ctx);
  checkAuthor(author);
  const card = liveCard(doc, cardId);
  const { text, mentions } = checkInput(input);
  const existing = card.get(COMMENTS_KEY);
  if (existing instanceof Y.Map && existing.size >= COMMENT_LIMITS.perCard)
    fail([issue('comments', 'too-many', `Thẻ đã có ${COMMENT_LIMITS.perCard} bình luận (tối đa)`, `The card already has ${COMMENT_LIMITS.perCard} comments (the most it can hold)`)]);
  const id = newId(ctx);
  const name = (author.name ?? '').trim().slice(0, COMMENT_LIMITS.name) || author.id;
  const value = { authorId: author.id, authorName: name, text, mentions, createdAt: toIsoInstant(ctx.now), editedAt: null };
  doc.transact(() => {
    let m = card.get(COMMENTS_KEY);
    if (!(m instanceof Y.Map)) {
      m = new Y.Map<unknown>();
      card.set(COMMENTS_KEY, m);
    }
    (m as Y.Map<unknown>).set(id, value);
  }, ctx.origin);
  return { id, cardId, ...value };
}

/** Changes the text of one's own comment. */
export function editComment(doc: Y.Doc, cardId: string, commentId: string, input: CommentInput, author: CommentAuthor, ctx: WriteContext): CardComment {
  checkContext(ctx);
  const { map, comment } = ownComment(doc, cardId, commentId, author);
  const { text, mentions } = checkInput(input);
  if (text === comment.text) return comment;
  const value = { authorId: comment.authorId, authorName: comment.authorName, text, mentions, createdAt: comment.createdAt, editedAt: toIsoInstant(ctx.now) };
  doc.transact(() => map.set(commentId, value), ctx.origin);
  return { id: commentId, cardId, ...value };
}

/** Deletes one's own comment. */
export function deleteComment(doc: Y.Doc, cardId: string, commentId: string, author: CommentAuthor, ctx: WriteContext): void {
  checkContext(ctx);
  const { map } = ownComment(doc, cardId, commentId, author);
  doc.transact(() => map.delete(commentId), ctx.origin);
}
