/**
 * Every write the page makes goes through here: the board model's functions with the writer's
 * context. On a view page nothing here is called (no control offers it) and each function
 * refuses anyway. What the page's role may not write (a nominee's review status into or out of
 * "approved"/"awarded" for an editor: core's policy) is refused here too, with a sentence the
 * editor shows, before the server would undo it.
 */
import {
  addCard, atLeast, BoardValidationError, clearDamagedCards, deleteCard, getCard, PURGE_WRITER, purgeCard, mayChooseReviewStatus, moveBudgetLinesToFund, moveCard, readFacts, restoreCard, setConferenceDate, setFacts,
  updateCard, validateFactsPatch,
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

const ONLY_LEADERS_APPROVE: Issue = {
  path: 'reviewStatus',
  code: 'invalid',
  vi: 'Chỉ lãnh đạo được duyệt: trạng thái “Chủ tịch UBND đã duyệt” và “Đã khen thưởng” do lãnh đạo đặt hoặc bỏ',
  en: 'Only leaders approve: “Approved by the chairman” and “Awarded” are set or taken away by a leader',
};

const ONLY_ADMINS_PURGE: Issue = {
  path: '',
  code: 'invalid',
  vi: 'Chỉ quản trị viên được xóa hẳn thẻ; cán bộ có thể khôi phục thẻ từ thùng rác',
  en: 'Only administrators delete cards for good; staff can restore cards from the trash',
};

export interface Actions {
  add(input: NewCardInput): WriteResult<Card>;
  update(cardId: string, patch: CardPatch): WriteResult<Card>;
  move(cardId: string, target: MoveTarget): WriteResult<Card>;
  remove(cardId: string): WriteResult<Card>;
  restore(cardId: string): WriteResult<Card>;
  /** Remove a card in the bin for good (admins: core's PURGE_WRITER; refused here for others). */
  purge(cardId: string): WriteResult<null>;
  /**
   * Change the plan's facts (leaders and admins; the server's write policy refuses others) and,
   * when `conference` is given, the conference date with the due dates to move along — all in
   * one update. Everything is checked first: a refusal writes nothing.
   */
  setFacts(patch: FactsPatch, conference?: { date: IsoDate | null; moveTaskIds: readonly string[] }): WriteResult<BoardFacts>;
  /** Move the budget lines of one fund (live and in the trash) to another; returns how many. */
  moveFundLines(fromFundId: string, toFundId: string): WriteResult<number>;
  /** Remove the card entries the board cannot show (core's damagedCards); any writer may. Returns their ids. */
  clearDamaged(): WriteResult<string[]>;
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
  const role = conn.config.tokenInfo.role;
  /** Refuses a review status the role may not give a card (or a new nominee, cardId null). */
  function checkStatus(cardId: string | null, next: unknown): void {
    if (typeof next !== 'string') return; // the board model names a wrong value
    let current = 'proposed';
    if (cardId !== null) {
      const card = getCard(conn.doc(), cardId);
      if (card?.kind === 'nominee') current = card.reviewStatus;
    }
    if (!mayChooseReviewStatus(role, current, next)) throw new BoardValidationError([ONLY_LEADERS_APPROVE]);
  }
  return {
    add: (input) =>
      run(() => {
        if (input.kind === 'nominee') checkStatus(null, input.reviewStatus ?? 'proposed');
        return addCard(conn.doc(), input, ctx());
      }),
    update: (id, patch) =>
      run(() => {
        if ('reviewStatus' in patch) checkStatus(id, (patch as { reviewStatus?: unknown }).reviewStatus);
        return updateCard(conn.doc(), id, patch, ctx());
      }),
    move: (id, target) => run(() => moveCard(conn.doc(), id, target, ctx())),
    remove: (id) => run(() => deleteCard(conn.doc(), id, ctx())),
    restore: (id) => run(() => restoreCard(conn.doc(), id, ctx())),
    purge: (id) =>
      run(() => {
        if (!atLeast(role, PURGE_WRITER)) throw new BoardValidationError([ONLY_ADMINS_PURGE]);
        purgeCard(conn.doc(), id, ctx());
        return null;
      }),
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
    moveFundLines: (from, to) => run(() => moveBudgetLinesToFund(conn.doc(), from, to, ctx())),
    clearDamaged: () => run(() => clearDamagedCards(conn.doc(), ctx())),
  };
}
