/**
 * Who may write what on a board, as pure functions over before/after values.
 *
 *  - viewers write nothing (refused earlier, on the connection's right);
 *  - editors edit the board, except the guarded values:
 *      · a nominee's review status into or out of "approved" / "awarded" (the chairman's
 *        decision and the award itself) — including creating a nominee already approved,
 *        removing an approved nominee's entry, or turning it into another kind of card;
 *      · the facts' fund fields: `funds` (the funds and their amounts) and `awardFundId`
 *        (which fund award cash comes from);
 *  - leaders and admins may change everything.
 * Putting a card in the bin or restoring it is not a status change (the card keeps its status,
 * the bin is reversible, and the audit log records who did it).
 */
import type { BoardChanges, GuardedCardState } from '@binhan/core';
import type { Role } from '../auth/sync-token';

/** Roles that may change guarded values. */
export const GUARDED_WRITERS: readonly Role[] = ['admin', 'leader'];
/** Review statuses only leaders may give or take away. */
export const GUARDED_REVIEW_STATUSES: readonly string[] = ['approved', 'awarded'];
/** Facts only leaders may change. */
export const GUARDED_FACTS: readonly string[] = ['funds', 'awardFundId'];

export interface Refusal {
  code: 'approve-nominee' | 'change-fund' | 'out-of-step';
  vi: string;
  en: string;
  /** What a refused client is told (y-protocols permission-denied reason): "vi / en". */
  reason: string;
  /** The card concerned, when there is one. */
  cardId?: string;
}

function refusal(code: Refusal['code'], vi: string, en: string, cardId?: string): Refusal {
  return { code, vi, en, reason: `${vi} / ${en}`, ...(cardId !== undefined ? { cardId } : {}) };
}

export const REFUSALS = {
  approveNominee: (cardId: string) =>
    refusal('approve-nominee',
      'Chỉ lãnh đạo mới được duyệt khen thưởng (đặt hoặc bỏ trạng thái "đã duyệt"/"đã khen thưởng"); thay đổi của bạn chưa được lưu',
      'Only leaders may approve nominees (set or clear "approved"/"awarded"); your change was not saved',
      cardId),
  changeFund: () =>
    refusal('change-fund',
      'Chỉ lãnh đạo mới được thay đổi quỹ khen thưởng; thay đổi của bạn chưa được lưu',
      'Only leaders may change the fund; your change was not saved'),
  outOfStep: () =>
    refusal('out-of-step',
      'Bản bảng của bạn lệch với máy chủ (có thể một thay đổi trước đó đã bị từ chối); hãy tải lại bảng',
      'Your copy of the board is out of step with the server (an earlier change may have been refused); reload the board'),
} as const;

export function mayWriteGuarded(role: Role): boolean {
  return GUARDED_WRITERS.includes(role);
}

/** The guarded part of a card's state: its review status while it is a nominee, else null. */
function guardedStatus(s: GuardedCardState): string | null {
  return s.exists && s.kind === 'nominee' ? s.reviewStatus : null;
}

/** True when before → after moves a review status into or out of a guarded one. */
export function isGuardedStatusChange(before: GuardedCardState, after: GuardedCardState): boolean {
  const a = guardedStatus(before);
  const b = guardedStatus(after);
  if (a === b) return false;
  return (a !== null && GUARDED_REVIEW_STATUSES.includes(a)) || (b !== null && GUARDED_REVIEW_STATUSES.includes(b));
}

/** True when a guarded fact's value differs (compared as JSON). */
export function isGuardedFactChange(key: string, before: unknown, after: unknown): boolean {
  return GUARDED_FACTS.includes(key) && JSON.stringify(before ?? null) !== JSON.stringify(after ?? null);
}

/** Why `role` may not make these changes, or null when it may. */
export function refusalFor(role: Role, changes: BoardChanges): Refusal | null {
  if (mayWriteGuarded(role)) return null;
  for (const c of changes.cards) if (isGuardedStatusChange(c.before, c.after)) return REFUSALS.approveNominee(c.cardId);
  for (const f of changes.facts) if (isGuardedFactChange(f.key, f.before, f.after)) return REFUSALS.changeFund();
  return null;
}

/**
 * True when the changes wrote anything a guarded value depends on: a card's entry (added,
 * replaced, removed), its kind or review status, or a guarded fact. Only such writes can be
 * judged differently on a doc that lacks concurrent updates stored by another process, so only
 * they are re-checked against the state in storage.
 */
export function touchesGuardedState(changes: BoardChanges): boolean {
  return (
    changes.cards.some((c) => c.entry !== null || c.keys.includes('reviewStatus') || c.keys.includes('kind')) ||
    changes.facts.some((f) => GUARDED_FACTS.includes(f.key))
  );
}
