/**
 * Who may write what on a board over the sync path, as pure functions over typed values.
 *
 *  - viewers write nothing (their updates are dropped whole, on the connection's right);
 *  - editors edit cards and the agenda, except a nominee's review status into or out of
 *    "approved" / "awarded" (the chairman's decision and the award itself) — including
 *    creating a nominee already approved or turning an approved nominee into another kind;
 *  - leaders also write the plan's facts (funds, dates, delegates, …) and approve nominees;
 *  - admins also write the board's meta (title) and its columns (units), and remove a card
 *    for good (an editor puts it in the bin, which is reversible);
 *  - a board with no content yet may be initialised by any writer (tests and tools do so;
 *    boards made by the app are filled by the server).
 * Putting a card in the bin or restoring it is not a status change. Every value must also be
 * a valid board value (board/entry-checks.ts), whoever writes it.
 */
import type { BoardChanges, GuardedCardState } from '../board/change-tracker';
import { atLeast, type Role } from './roles';

export type BoardArea = 'meta' | 'facts' | 'units' | 'cards' | 'agenda';

/** The lowest role that may write each part of a board. */
export const AREA_WRITERS: Readonly<Record<BoardArea, Role>> = {
  meta: 'admin',
  facts: 'leader',
  units: 'admin',
  cards: 'editor',
  agenda: 'editor',
};

/** The lowest role that may remove a card entry for good (not the bin). */
export const PURGE_WRITER: Role = 'admin';
/** The lowest role that may give or take away a guarded review status. */
export const APPROVER: Role = 'leader';
/** Review statuses only leaders may give or take away. */
export const GUARDED_REVIEW_STATUSES: readonly string[] = ['approved', 'awarded'];

export function mayWriteArea(role: Role, area: BoardArea): boolean {
  return atLeast(role, AREA_WRITERS[area]);
}

export function mayApprove(role: Role): boolean {
  return atLeast(role, APPROVER);
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

/**
 * Whether `role` may set a nominee whose status is `current` to `next` — what the web app's
 * status choice offers (the server decides the same way on the typed value).
 */
export function mayChooseReviewStatus(role: Role, current: string, next: string): boolean {
  if (mayApprove(role)) return true;
  if (current === next) return true;
  return !GUARDED_REVIEW_STATUSES.includes(current) && !GUARDED_REVIEW_STATUSES.includes(next);
}

/**
 * True when the changes wrote anything a guarded decision depends on: a card's entry (added,
 * replaced, removed), its kind or review status, or a fact. Only such writes can be judged
 * differently on a doc that lacks updates another process stored meanwhile, so only they are
 * decided again on the state in storage.
 */
export function touchesGuardedState(changes: BoardChanges): boolean {
  return (
    changes.cards.some((c) => c.entry !== null || c.keys.includes('reviewStatus') || c.keys.includes('kind')) ||
    changes.facts.length > 0
  );
}

/** A comment as the write policy reads it: only who wrote it matters. */
export interface CommentAuthorship {
  authorId: unknown;
  createdAt: unknown;
}

/**
 * Comments are written by their author only, whatever the role (an admin neither edits nor
 * deletes someone else's comment): a new comment must carry the writer's own id, a changed one
 * must have been the writer's and stay so (same author, same creation time), a removed one
 * must have been the writer's. `actor` is the connection's identity (null: unknown, so no
 * comment may be written). Returns the id of the first comment written against the rule, or
 * null when every comment write stands. Values are compared as plain JSON.
 */
export function commentWriteIssue(
  before: ReadonlyMap<string, unknown> | undefined,
  after: ReadonlyMap<string, unknown> | undefined,
  actor: string | null,
): string | null {
  const was = before ?? new Map<string, unknown>();
  const now = after ?? new Map<string, unknown>();
  const author = (v: unknown) => (v !== null && typeof v === 'object' ? (v as CommentAuthorship).authorId : undefined);
  const created = (v: unknown) => (v !== null && typeof v === 'object' ? (v as CommentAuthorship).createdAt : undefined);
  const mine = (v: unknown) => actor !== null && actor !== '' && author(v) === actor;
  for (const [id, v] of now) {
    const old = was.get(id);
    if (old === undefined) {
      if (!mine(v)) return id;
    } else if (JSON.stringify(old) !== JSON.stringify(v)) {
      if (!mine(old) || !mine(v) || created(old) !== created(v)) return id;
    }
  }
  for (const [id, old] of was) if (!now.has(id) && !mine(old)) return id;
  return null;
}

/**
 * True when the changes wrote a card's comments: who wrote a comment decides whether a write
 * stands, so such writes (by any role) are decided again on the state in storage, like guarded
 * writes (a comment another process stored meanwhile must not be taken over by id).
 */
export function touchesComments(changes: BoardChanges): boolean {
  return changes.cards.some((c) => c.keys.includes('comments'));
}
