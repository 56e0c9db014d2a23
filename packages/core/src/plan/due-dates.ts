/**
 * Due dates that follow the conference date.
 *
 * Where the offset lives: on the task (`dueOffsetDays`, a card field), not in the template
 * keyed by clause. Reasons: a clause is not a key (IV.1 holds four tasks, II.1 four more); a
 * board made by the importer from another plan, or a task a person adds, can follow the
 * conference too; the offset travels with the card through moves, exports and board JSON; and
 * a person who sets a due date by hand can clear the offset for that task alone. The plan 27
 * template only chooses the starting offsets (PLAN_27_DUE_OFFSETS in ./template.ts).
 *
 * The conference date in force is the one set on the board, else the last day of the planned
 * quarter ("dự kiến trong quý I năm 2025" → 2025-03-31), else none.
 */
import type * as Y from 'yjs';
import type { BoardFacts, BoardSnapshot, TaskCard } from '../board/schema';
import { isRealIsoDate, type IsoDate } from '../util/dates';
import { conferenceDateInForce, dueFromConference } from './conference-date';

export * from './conference-date';
import { updateCard } from '../board/cards';
import { setFacts } from '../board/facts';
import { readBoard } from '../board/snapshot';
import { say } from '../validation/issues';
import { fail, type WriteContext } from '../board/validate';

export interface DueDateShift {
  cardId: string;
  title: string;
  unit: string;
  offset: number;
  from: IsoDate | null;
  to: IsoDate;
  /**
   * True when the task's due date still equals the old conference date + its offset; false when
   * someone changed it by hand since (the dialog leaves those unticked).
   */
  followsRule: boolean;
}

/**
 * What moving the conference date to `newDate` does to the tasks that follow it: every live task
 * with an offset, with its due date now and after. Tasks already done are left out.
 */
export function dueDateShifts(board: BoardSnapshot, newDate: IsoDate): DueDateShift[] {
  const old = conferenceDateInForce(board.facts).date;
  const out: DueDateShift[] = [];
  for (const c of board.cards) {
    if (c.kind !== 'task' || c.dueOffsetDays === null || c.status === 'done') continue;
    const t = c as TaskCard;
    const to = dueFromConference(newDate, t.dueOffsetDays!);
    if (to === t.due) continue;
    out.push({
      cardId: t.id, title: t.title, unit: t.unit, offset: t.dueOffsetDays!, from: t.due, to,
      followsRule: old !== null && t.due === dueFromConference(old, t.dueOffsetDays!),
    });
  }
  return out;
}

/**
 * Set the conference date and, in the same transaction (one update for everyone), move the due
 * dates of the tasks named in `moveTaskIds` to the new date + their offset. A task not named
 * keeps its due date. Refused as a whole when the date is not a real date.
 */
export function setConferenceDate(
  doc: Y.Doc,
  date: IsoDate | null,
  moveTaskIds: readonly string[],
  ctx: WriteContext,
): BoardSnapshot {
  if (date !== null && (typeof date !== 'string' || !isRealIsoDate(date))) fail([say.invalidDate('conferenceDate', date)]);
  const before = readBoard(doc);
  const target = date ?? conferenceDateInForce({ ...before.facts, conferenceDate: null }).date;
  const shifts = target ? dueDateShifts(before, target) : [];
  const wanted = new Set(moveTaskIds);
  doc.transact(() => {
    setFacts(doc, { conferenceDate: date }, ctx);
    for (const s of shifts) if (wanted.has(s.cardId)) updateCard(doc, s.cardId, { due: s.to }, ctx);
  }, ctx.origin);
  return readBoard(doc);
}
