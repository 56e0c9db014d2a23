/**
 * Every write the page makes goes through here: the board model's functions with the writer's
 * context. On a view page nothing here is called (no control offers it) and each function
 * refuses anyway.
 */
import {
  addCard, BoardValidationError, deleteCard, moveCard, readFacts, restoreCard, setConferenceDate, setFacts, updateCard,
  validateFactsPatch,
  type BoardFacts, type Card, type CardPatch, type FactsPatch, type Issue, type IsoDate, type MoveTarget, type NewCardInput, type WriteContext,
} from '@binhan/core';
import type { Connection } from '../sync/connection';

export type WriteResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** crypto.randomUUID exists only in secure contexts (not on http://192.168.x.x from a phone). */
function newId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const READ_ONLY: Issue = {
  path: '',
  code: 'invalid',
  vi: 'Bạn đang xem bằng liên kết chỉ xem: không thể thay đổi bảng',
  en: 'You opened a view-only link: the board cannot be changed',
};

export interface Actions {
  add(input: NewCardInput): WriteResult<Card>;
  update(cardId: string, patch: CardPatch): WriteResult<Card>;
  move(cardId: string, target: MoveTarget): WriteResult<Card>;
  remove(cardId: string): WriteResult<Card>;
  restore(cardId: string): WriteResult<Card>;
  /**
   * Change the plan's facts (leaders and admins; the server's write policy refuses others) and,
   * when `conference` is given, the conference date with the due dates to move along — all in
   * one update. Everything is checked first: a refusal writes nothing.
   */
  setFacts(patch: FactsPatch, conference?: { date: IsoDate | null; moveTaskIds: readonly string[] }): WriteResult<BoardFacts>;
}

export function createActions(conn: Connection, actor: () => string): Actions {
  const ctx = (): WriteContext => ({
    actor: actor() || conn.config.tokenInfo.subject || 'staff',
    now: new Date(),
    newId,
    origin: conn.localOrigin,
  });
  function run<T>(f: () => T): WriteResult<T> {
    if (!conn.canEdit) return { ok: false, issues: [READ_ONLY] };
    try {
      return { ok: true, value: f() };
    } catch (e) {
      if (e instanceof BoardValidationError) return { ok: false, issues: e.issues };
      throw e;
    }
  }
  return {
    add: (input) => run(() => addCard(conn.doc(), input, ctx())),
    update: (id, patch) => run(() => updateCard(conn.doc(), id, patch, ctx())),
    move: (id, target) => run(() => moveCard(conn.doc(), id, target, ctx())),
    remove: (id) => run(() => deleteCard(conn.doc(), id, ctx())),
    restore: (id) => run(() => restoreCard(conn.doc(), id, ctx())),
    setFacts: (patch, conference) =>
      run(() => {
        const doc = conn.doc();
        const c = ctx();
        const all = conference ? { ...patch, conferenceDate: conference.date } : patch;
        const v = validateFactsPatch(all);
        if (v.issues.length) throw new BoardValidationError(v.issues);
        doc.transact(() => {
          if (Object.keys(patch).length) setFacts(doc, patch, c);
          if (conference) setConferenceDate(doc, conference.date, conference.moveTaskIds, c);
        }, c.origin);
        return readFacts(doc);
      }),
  };
}
