/**
 * What a leader asks of the board, as pure functions of a snapshot and the time.
 *
 * Dates: a due date or the conference date names a day in Vietnam. "Today" is the date in
 * Vietnam (UTC+7, no daylight saving) at `now`. A task is overdue when it is not done and its
 * due date is before today: due 2025-03-10 is overdue from 2025-03-11 00:00 Vietnam time.
 */
import type { BoardFacts, BoardSnapshot, BudgetCard, Card, NomineeCard, NomineeKind, ReviewStatus, TaskCard } from '../board/schema';
import { NOMINEE_KINDS, REVIEW_STATUSES } from '../board/schema';
import { dayNumber, daysBetween, fromDayNumber, quarterEnd, vietnamDate, type IsoDate } from '../util/dates';
import { awardAmount, type AwardAmount } from '../awards/amounts';
import { AWARD_FORM_IDS, type AwardFormId } from '../awards/forms';
import { conferenceDateInForce } from '../plan/conference-date';
import { DEFAULT_AWARD_RULES, type AwardRuleSet } from '../awards/rules';
import { BoardValidationError, type Issue } from '../validation/issues';

export interface TaskCounts {
  total: number;
  todo: number;
  inProgress: number;
  done: number;
  overdue: number;
  overdueIds: string[];
  /** Not done, due from today to the Sunday of this week (Monday-to-Sunday weeks). */
  dueThisWeek: number;
  dueThisWeekIds: string[];
}

export interface UnitTaskCounts extends TaskCounts {
  unitId: string;
  nameVi: string;
  nameEn: string;
}

function isTask(c: Card): c is TaskCard {
  return c.kind === 'task';
}

/** The Sunday that ends the week (Monday to Sunday) holding `day`. */
export function weekEnd(day: IsoDate): IsoDate {
  const n = dayNumber(day);
  // Day number 0 is 1970-01-01, a Thursday: (n + 3) % 7 is 0 on Mondays.
  const sinceMonday = (((n + 3) % 7) + 7) % 7;
  return fromDayNumber(n + 6 - sinceMonday);
}

export function isOverdueTask(t: TaskCard, today: IsoDate): boolean {
  return t.status !== 'done' && t.due !== null && t.due < today;
}

export function isDueThisWeek(t: TaskCard, today: IsoDate): boolean {
  return t.status !== 'done' && t.due !== null && t.due >= today && t.due <= weekEnd(today);
}

function byDue(a: TaskCard, b: TaskCard): number {
  return (a.due ?? '') < (b.due ?? '') ? -1 : (a.due ?? '') > (b.due ?? '') ? 1 : a.id < b.id ? -1 : 1;
}

function countTasks(tasks: TaskCard[], today: IsoDate): TaskCounts {
  const overdue = tasks.filter((t) => isOverdueTask(t, today)).sort(byDue);
  const week = tasks.filter((t) => isDueThisWeek(t, today)).sort(byDue);
  return {
    total: tasks.length,
    todo: tasks.filter((t) => t.status === 'todo').length,
    inProgress: tasks.filter((t) => t.status === 'in-progress').length,
    done: tasks.filter((t) => t.status === 'done').length,
    overdue: overdue.length,
    overdueIds: overdue.map((t) => t.id),
    dueThisWeek: week.length,
    dueThisWeekIds: week.map((t) => t.id),
  };
}

export function taskProgress(board: BoardSnapshot, now: Date | string): { today: IsoDate; overall: TaskCounts; byUnit: UnitTaskCounts[] } {
  const today = vietnamDate(now);
  const tasks = board.cards.filter(isTask);
  return {
    today,
    overall: countTasks(tasks, today),
    byUnit: board.units.map((u) => ({
      unitId: u.id, nameVi: u.nameVi, nameEn: u.nameEn,
      ...countTasks(tasks.filter((t) => t.unit === u.id), today),
    })),
  };
}

export function nomineeSummary(board: BoardSnapshot): {
  total: number;
  byKind: Record<NomineeKind, number>;
  byReviewStatus: Record<ReviewStatus, number>;
} {
  const nominees = board.cards.filter((c): c is NomineeCard => c.kind === 'nominee');
  const byKind = Object.fromEntries(NOMINEE_KINDS.map((k) => [k, 0])) as Record<NomineeKind, number>;
  const byReviewStatus = Object.fromEntries(REVIEW_STATUSES.map((k) => [k, 0])) as Record<ReviewStatus, number>;
  for (const n of nominees) {
    byKind[n.nomineeKind]++;
    byReviewStatus[n.reviewStatus]++;
  }
  return { total: nominees.length, byKind, byReviewStatus };
}

export interface NomineeAward {
  cardId: string;
  name: string;
  form: AwardFormId;
  reviewStatus: ReviewStatus;
  amount: number;
  decisionDate: IsoDate;
  verified: boolean;
}

/** Where a nominee's decision date comes from when the card has none. */
export type DecisionDateBasis = 'card' | 'conference-date' | 'quarter-end' | 'today';

/**
 * The date a nominee's cash is priced at: its own decision date, else the conference date in
 * force (set, or the end of the planned quarter), else today in Vietnam.
 */
export function decisionDateOf(card: Pick<NomineeCard, 'decisionDate'>, facts: Pick<BoardFacts, 'conferenceDate' | 'session'>, now: Date | string): { date: IsoDate; basis: DecisionDateBasis } {
  if (card.decisionDate) return { date: card.decisionDate, basis: 'card' };
  const c = conferenceDateInForce(facts);
  if (c.date) return { date: c.date, basis: c.basis === 'set' ? 'conference-date' : 'quarter-end' };
  return { date: vietnamDate(now), basis: 'today' };
}

/** One nominee's cash, for its card and editor: the amount with its rules, or why there is none. */
export function nomineeCash(
  card: Pick<NomineeCard, 'awardForm' | 'nomineeKind' | 'decisionDate'>,
  facts: Pick<BoardFacts, 'conferenceDate' | 'session'>,
  now: Date | string,
  rules: AwardRuleSet = DEFAULT_AWARD_RULES,
): { ok: true; award: AwardAmount; basis: DecisionDateBasis } | { ok: false; issues: Issue[] } | null {
  if (!card.awardForm) return null;
  const d = decisionDateOf(card, facts, now);
  try {
    return { ok: true, award: awardAmount(card.awardForm, card.nomineeKind, d.date, rules), basis: d.basis };
  } catch (e) {
    if (e instanceof BoardValidationError) return { ok: false, issues: e.issues };
    throw e;
  }
}

export interface AwardFormTotal {
  form: AwardFormId;
  count: number;
  amount: number;
  /** Of which approved by the chairman or already awarded. */
  approvedCount: number;
  approvedAmount: number;
}

/** Reviews at or past the chairman's approval. */
export const APPROVED_STATUSES: readonly ReviewStatus[] = ['approved', 'awarded'];

/**
 * Cash of each nominee with an award form (see decisionDateOf for the date it is priced at).
 * Nominees the rules cannot price are listed with why.
 */
export function nomineeAwards(board: BoardSnapshot, now: Date | string, rules: AwardRuleSet = DEFAULT_AWARD_RULES): {
  awards: NomineeAward[];
  total: number;
  /** Approved or awarded only. */
  approvedTotal: number;
  byForm: AwardFormTotal[];
  /** Awards priced with a value not checked against a published text. */
  unverifiedCount: number;
  problems: Array<{ cardId: string; issues: Issue[] }>;
} {
  const awards: NomineeAward[] = [];
  const problems: Array<{ cardId: string; issues: Issue[] }> = [];
  for (const c of board.cards) {
    if (c.kind !== 'nominee' || !c.awardForm) continue;
    const r = nomineeCash(c, board.facts, now, rules);
    if (!r) continue;
    if (r.ok) awards.push({ cardId: c.id, name: c.name, form: c.awardForm, reviewStatus: c.reviewStatus, amount: r.award.amount, decisionDate: r.award.decisionDate, verified: r.award.verified });
    else problems.push({ cardId: c.id, issues: r.issues });
  }
  const byForm = AWARD_FORM_IDS.map((form): AwardFormTotal => {
    const of = awards.filter((a) => a.form === form);
    const approved = of.filter((a) => APPROVED_STATUSES.includes(a.reviewStatus));
    return {
      form, count: of.length, amount: of.reduce((s, a) => s + a.amount, 0),
      approvedCount: approved.length, approvedAmount: approved.reduce((s, a) => s + a.amount, 0),
    };
  });
  return {
    awards,
    total: awards.reduce((s, a) => s + a.amount, 0),
    approvedTotal: byForm.reduce((s, f) => s + f.approvedAmount, 0),
    byForm,
    unverifiedCount: awards.filter((a) => !a.verified).length,
    problems,
  };
}

export interface SourceBudget {
  source: string;
  nameVi: string;
  nameEn: string;
  /** Sum of budget lines drawn from this source. */
  lines: number;
  /** Award cash drawn from this source (the commendation fund). */
  awards: number;
  total: number;
  /** The fund's amount when set, else null. */
  fund: number | null;
  /** fund − total when the fund is set. */
  remaining: number | null;
  overFund: boolean;
}

export function budgetSummary(board: BoardSnapshot, now: Date | string, rules: AwardRuleSet = DEFAULT_AWARD_RULES): {
  bySource: SourceBudget[];
  linesTotal: number;
  awardTotal: number;
  total: number;
} {
  const lines = board.cards.filter((c): c is BudgetCard => c.kind === 'budget');
  const award = nomineeAwards(board, now, rules);
  const awardSource = awardFundIdOf(board.facts);
  const ids: string[] = board.facts.funds.map((f) => f.id);
  for (const l of lines) if (!ids.includes(l.fundingSource)) ids.push(l.fundingSource);
  if (award.total > 0 && !ids.includes(awardSource)) ids.push(awardSource);
  const bySource = ids.map((id): SourceBudget => {
    const fund = board.facts.funds.find((f) => f.id === id);
    const lineSum = lines.filter((l) => l.fundingSource === id).reduce((s, l) => s + l.amount, 0);
    const awards = id === awardSource ? award.total : 0;
    const total = lineSum + awards;
    const amount = fund?.amount ?? null;
    return {
      source: id, nameVi: fund?.nameVi ?? id, nameEn: fund?.nameEn ?? id,
      lines: lineSum, awards, total, fund: amount,
      remaining: amount === null ? null : amount - total,
      overFund: amount !== null && total > amount,
    };
  });
  const linesTotal = lines.reduce((s, l) => s + l.amount, 0);
  return { bySource, linesTotal, awardTotal: award.total, total: linesTotal + award.total };
}

/** The fund award cash is drawn from: the one named, else the first fund. */
export function awardFundIdOf(facts: Pick<BoardFacts, 'awardFundId' | 'funds'>): string {
  return facts.awardFundId ?? facts.funds[0]?.id ?? 'commendation-fund';
}

/** A fund's name by id (the id itself when the board has no such fund). */
export function fundName(facts: Pick<BoardFacts, 'funds'>, id: string): { vi: string; en: string } {
  const f = facts.funds.find((x) => x.id === id);
  return f ? { vi: f.nameVi, en: f.nameEn } : { vi: id, en: id };
}

export function delegatesAgainstCap(board: BoardSnapshot): {
  count: number;
  cap: number | null;
  remaining: number | null;
  overCap: boolean;
} {
  const count = board.facts.delegateCount ?? 0;
  const cap = board.facts.delegateCap;
  return { count, cap, remaining: cap === null ? null : cap - count, overCap: cap !== null && count > cap };
}

/**
 * Days from today (Vietnam) to the conference: to its date when set, else to the last day of
 * the planned quarter ("quý I năm 2025" → 2025-03-31). Negative once it has passed.
 */
export function daysToConference(board: BoardSnapshot, now: Date | string): {
  target: IsoDate | null;
  basis: 'conference-date' | 'quarter-end' | 'unknown';
  daysLeft: number | null;
} {
  const today = vietnamDate(now);
  if (board.facts.conferenceDate)
    return { target: board.facts.conferenceDate, basis: 'conference-date', daysLeft: daysBetween(today, board.facts.conferenceDate) };
  const s = board.facts.session;
  if (s?.quarter && s.year) {
    const end = quarterEnd(s.year, s.quarter);
    return { target: end, basis: 'quarter-end', daysLeft: daysBetween(today, end) };
  }
  return { target: null, basis: 'unknown', daysLeft: null };
}

export interface Change {
  cardId: string;
  kind: Card['kind'];
  /** The card's title, name or budget line. */
  label: string;
  unit: string;
  change: 'created' | 'updated' | 'deleted';
  at: string;
  by: string;
}

export function cardLabel(c: Card): string {
  return c.kind === 'task' ? c.title : c.kind === 'nominee' ? c.name : c.line;
}

/** Cards created, changed or deleted after `since`, newest first. */
export function changesSince(board: BoardSnapshot, since: Date | string): Change[] {
  const t = new Date(since).getTime();
  const out: Change[] = [];
  for (const c of [...board.cards, ...board.deletedCards]) {
    if (new Date(c.updatedAt).getTime() <= t) continue;
    const change = c.deletedAt ? 'deleted' : new Date(c.createdAt).getTime() > t ? 'created' : 'updated';
    out.push({ cardId: c.id, kind: c.kind, label: cardLabel(c), unit: c.unit, change, at: c.updatedAt, by: c.updatedBy });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.cardId < b.cardId ? -1 : 1));
}

export interface Dashboard {
  tasks: ReturnType<typeof taskProgress>;
  nominees: ReturnType<typeof nomineeSummary>;
  awards: ReturnType<typeof nomineeAwards>;
  budget: ReturnType<typeof budgetSummary>;
  delegates: ReturnType<typeof delegatesAgainstCap>;
  conference: ReturnType<typeof daysToConference>;
  /** The fund that pays the awards: what it holds against award cash and its budget lines. */
  awardFund: SourceBudget | null;
}

/** Everything the leaders' dashboard shows. */
export function dashboard(board: BoardSnapshot, now: Date | string, rules: AwardRuleSet = DEFAULT_AWARD_RULES): Dashboard {
  const budget = budgetSummary(board, now, rules);
  const fundId = awardFundIdOf(board.facts);
  return {
    tasks: taskProgress(board, now),
    nominees: nomineeSummary(board),
    awards: nomineeAwards(board, now, rules),
    budget,
    delegates: delegatesAgainstCap(board),
    conference: daysToConference(board, now),
    awardFund: budget.bySource.find((s) => s.source === fundId) ?? null,
  };
}
