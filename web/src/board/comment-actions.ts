/** Writing comments from the page: core's functions with my identity; refusals as bilingual issues. */
import {
  addComment, BoardValidationError, deleteComment, editComment, type CardComment, type CommentMention, type Issue,
} from '@binhan/core';
import type { Connection } from '../sync/connection';
import type { Me } from './people';
import type { Person } from './people';

export type CommentResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

function newId(): string {
  const b = new Uint8Array(12);
  globalThis.crypto.getRandomValues(b);
  return `c-${Date.now().toString(36)}-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** The members named with "@Name" in the text. */
export function mentionsIn(text: string, people: readonly Person[]): CommentMention[] {
  return people.filter((p) => p.name && text.includes(`@${p.name}`)).map((p) => ({ id: p.userId, name: p.name }));
}

export function commentActions(conn: Connection, who: Me) {
  const ctx = () => ({ actor: who.name() || who.id, now: new Date(), newId, origin: conn.localOrigin });
  const author = () => ({ id: who.id, name: who.name() });
  function run<T>(f: () => T): CommentResult<T> {
    try {
      return { ok: true, value: f() };
    } catch (e) {
      if (e instanceof BoardValidationError) return { ok: false, issues: e.issues };
      throw e;
    }
  }
  return {
    add: (cardId: string, text: string, people: readonly Person[]): CommentResult<CardComment> =>
      run(() => addComment(conn.doc(), cardId, { text, mentions: mentionsIn(text, people) }, author(), ctx())),
    edit: (cardId: string, commentId: string, text: string, people: readonly Person[]): CommentResult<CardComment> =>
      run(() => editComment(conn.doc(), cardId, commentId, { text, mentions: mentionsIn(text, people) }, author(), ctx())),
    remove: (cardId: string, commentId: string): CommentResult<void> => run(() => deleteComment(conn.doc(), cardId, commentId, author(), ctx())),
  };
}
