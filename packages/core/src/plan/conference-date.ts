/**
 * The conference date in force and the due dates counted from it: pure date arithmetic, with no
 * Yjs (the dashboard's metrics use it; due-dates.ts writes the shifted dates to the board).
 */
import type { BoardFacts } from '../board/schema';
import { dayNumber, fromDayNumber, quarterEnd, type IsoDate } from '../util/dates';

export interface ConferenceDateInForce {
  date: IsoDate | null;
  /** 'set': the board's conference date; 'quarter-end': the plan's quarter, until one is set. */
  basis: 'set' | 'quarter-end' | 'unknown';
}

export function conferenceDateInForce(facts: Pick<BoardFacts, 'conferenceDate' | 'session'>): ConferenceDateInForce {
  if (facts.conferenceDate) return { date: facts.conferenceDate, basis: 'set' };
  const s = facts.session;
  if (s?.quarter && s.year) return { date: quarterEnd(s.year, s.quarter), basis: 'quarter-end' };
  return { date: null, basis: 'unknown' };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** The due date of a task `offset` days from the conference on `conference`. */
export function dueFromConference(conference: IsoDate, offset: number): IsoDate {
  return addDays(conference, offset);
}
