/**
 * What a leader asks of the board, as pure functions of a snapshot and the time.
 *
 * Dates: a due date or the conference date names a day in Vietnam. "Today" is the date in
 * Vietnam (UTC+7, no daylight saving) at `now`. A task is overdue when it is not done and its
 * due date is before today: due 2025-03-10 is overdue from 2025-03-11 00:00 Vietnam time.
 */
import type { BoardSnapshot, BudgetCard, Card, NomineeCard, NomineeKind, ReviewStatus, TaskCard } from '../board/schema';
import { NOMINEE_KINDS, REVIEW_STATUSES } from '../board/schema';
import { daysBetween, quarterEnd, vietnamDate, type IsoDate } from '../util/dates';
import { awardAmount } from '../awards/amounts';
import { DEFAULT_AWARD_RULES, type AwardRuleSet } from '../awards/rules';
import { BoardValidationError, type Issue } from '../board/errors';

export interface TaskCounts {
  total: number;
  todo: number;
  inProgress: number;
  done: number;
  overdue: number;
  overdueIds: string[];
}

export interface UnitTaskCounts extends TaskCounts {
  unitId: string;
  nameVi: string;
  nameEn: string;
}

function isTask(c: Card): c is TaskCard {
  return c.kind === 'task';
}

function countTasks(tasks: TaskCard[], today: IsoDate): TaskCounts {
  const overdue = tasks.filter((t) => t.status !== 'done' && t.due !== null && t.due < today);
  return {
    total: tasks.length,
    todo: tasks.filter((t) => t.status === 'todo').length,
    inProgress: tasks.filter((t) => t.status === 'in-progress').length,
    done: tasks.filter((t) => t.status === 'done').length,
    overdue: overdue.length,
    overdueIds: overdue.map((t) => t.id),
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
  amount: number;
  decisionDate: IsoDate;
}

/**
 * Cash of each nominee with an award form. The decision date is the nominee's own, else the
 * conference date, else today in Vietnam. Nominees the rules cannot price are listed with why.
 */
export function nomineeAwards(board: BoardSnapshot, now: Date | string, rules: AwardRuleSet = DEFAULT_AWARD_RULES): {
  awards: NomineeAward[];
  total: number;
  problems: Array<{ cardId: string; issues: Issue[] }>;
} {
  const awards: NomineeAward[] = [];
  const problems: Array<{ cardId: string; issues: Issue[] }> = [];
  for (const c of board.cards) {
    if (c.kind !== 'nominee' || !c.awardForm) continue;
    const date = c.decisionDate ?? board.facts.conferenceDate ?? vietnamDate(now);
    try {
      const a = awardAmount(c.awardForm, c.nomineeKind, date, rules);
      awards.push({ cardId: c.id, name: c.name, amount: a.amount, decisionDate: date });
    } catch (e) {
      if (e instanceof BoardValidationError) problems.push({ cardId: c.id, issues: e.issues });
      else throw e;
    }
  }
  return { awards, total: awards.reduce((s, a) => s + a.amount, 0), problems };
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
  const awardSource = board.facts.awardFundId ?? board.facts.funds[0]?.id ?? 'commendation-fund';
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
}

/** Everything the leaders' dashboard shows. */
export function dashboard(board: BoardSnapshot, now: Date | string, rules: AwardRuleSet = DEFAULT_AWARD_RULES): Dashboard {
  return {
    tasks: taskProgress(board, now),
    nominees: nomineeSummary(board),
    awards: nomineeAwards(board, now, rules),
    budget: budgetSummary(board, now, rules),
    delegates: delegatesAgainstCap(board),
    conference: daysToConference(board, now),
  };
}
