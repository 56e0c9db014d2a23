/**
 * A new board from a plan read from a file (plan-reader.ts): a column for each unit the plan
 * names — mapped onto another unit or renamed as the admin chose in the preview — and no
 * other; each task with its clause, due date and cooperating units (the task field
 * `cooperating`); the agenda and the facts.
 * Built in a scratch doc and merged in one update, so a refusal leaves `doc` untouched.
 */
import * as Y from 'yjs';
import { initBoard } from '../board/init';
import { addCard } from '../board/cards';
import { readBoard } from '../board/snapshot';
import type { BoardSnapshot, FactsPatch } from '../board/schema';
import type { WriteContext } from '../board/validate';
import type { PlanReading } from './plan-reader';
import { slugify } from '../util/text';

/** What the admin chose for a unit found in the plan: put its tasks in another unit's column, or rename it. */
export interface UnitChoice {
  /** Put this unit's tasks in the column of that (found) unit. */
  mapTo?: string;
  /** The column's name (Vietnamese). */
  nameVi?: string;
}

export interface ApplyReadingOptions {
  boardId: string;
  title: string;
  /** By found unit id. */
  units?: Record<string, UnitChoice>;
}

export function applyPlanReading(doc: Y.Doc, reading: PlanReading, options: ApplyReadingOptions, ctx: WriteContext): BoardSnapshot {
  const choice = options.units ?? {};
  const target = (id: string): string => {
    const seen = new Set<string>();
    let cur = id;
    while (choice[cur]?.mapTo && !seen.has(cur) && reading.plan.units.some((u) => u.id === choice[cur]!.mapTo)) {
      seen.add(cur);
      cur = choice[cur]!.mapTo!;
    }
    return cur;
  };
  const used = new Set(reading.plan.tasks.map((t) => target(t.unit)));
  const units = reading.plan.units.filter((u) => used.has(u.id)).map((u) => ({
    id: u.id, nameVi: choice[u.id]?.nameVi?.trim() || u.nameVi, nameEn: u.nameEn,
  }));
  const f = reading.plan.facts;
  const facts: FactsPatch = {
    planNumber: f.planNumber, planDate: f.planDate, delegateCap: f.delegateCap, chairs: f.chairs, session: f.session,
    conferenceDate: f.conferenceDate, fundingText: f.fundingText, funds: f.funds, awardFundId: f.awardFundId,
  };
  const scratch = new Y.Doc();
  const sctx: WriteContext = { ...ctx, origin: undefined };
  initBoard(scratch, { boardId: options.boardId, title: options.title, units, facts, agenda: reading.plan.agenda }, sctx);
  const counts = new Map<string, number>();
  for (const t of reading.plan.tasks) {
    const base = `task-${slugify(t.clause) || 'x'}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    const id = `${base}-${n}`;
    addCard(scratch, {
      kind: 'task', id, unit: target(t.unit), title: t.title, clause: t.clause.slice(0, 40),
      description: t.description,
      cooperating: t.cooperating.length ? t.cooperating.join(', ').slice(0, 500) : null,
      due: t.due, checklist: t.checklist.map((text, j) => ({ id: `${id}-c${j + 1}`, text })),
    }, sctx);
  }
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), ctx.origin);
  return readBoard(doc);
}
