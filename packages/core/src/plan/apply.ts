/** Turning an imported plan into a new board. */
import * as Y from 'yjs';
import type { ImportedPlan } from './importer';
import { initBoard } from '../board/init';
import { addCard } from '../board/cards';
import { readBoard, readFacts } from '../board/snapshot';
import { conferenceDateInForce, dueFromConference } from './due-dates';
import type { BoardSnapshot, FactsPatch, NewCardInput } from '../board/schema';
import type { WriteContext } from '../board/validate';
import { slugify } from '../util/text';
import type { UnitAlias } from './units-dictionary';

export interface ApplyPlanOptions {
  boardId: string;
  /** Board title; default "Kế hoạch <number>: <plan title>". */
  title?: string;
  /** Units that get a column even when the plan gives them no task, first and in this order. */
  units?: readonly Pick<UnitAlias, 'id' | 'nameVi' | 'nameEn'>[];
  /** Facts that override or add to what the plan text says. */
  facts?: FactsPatch;
  /** Cards added after the plan's tasks (e.g. starter budget lines). */
  extraCards?: NewCardInput[];
  /**
   * Days from the conference date to each task's due date, by the task's card id ("task-iv-1-2").
   * Such a task gets `dueOffsetDays` and, when a conference date is known (set, or the end of
   * the planned quarter), the due date it gives.
   */
  dueOffsets?: Readonly<Record<string, number>>;
}

/** Stable card ids from clauses ("IV.1" → "iv-1-1", "iv-1-2", …) so seeding twice converges. */
function taskIds(plan: ImportedPlan): string[] {
  const counts = new Map<string, number>();
  return plan.tasks.map((t) => {
    const base = `task-${slugify(t.clause) || 'x'}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return `${base}-${n}`;
  });
}

/**
 * Make a new board in an empty `doc` from an imported plan. All of it is built in a scratch
 * doc first and merged in one update: if anything is refused, `doc` is left untouched.
 */
export function applyImportedPlan(doc: Y.Doc, plan: ImportedPlan, options: ApplyPlanOptions, ctx: WriteContext): BoardSnapshot {
  const scratch = new Y.Doc();
  const units: Array<{ id: string; nameVi: string; nameEn: string }> = [];
  for (const u of [...(options.units ?? []), ...plan.units])
    if (!units.some((x) => x.id === u.id)) units.push({ id: u.id, nameVi: u.nameVi, nameEn: u.nameEn });
  const f = plan.facts;
  const facts: FactsPatch = {
    planNumber: f.planNumber,
    planDate: f.planDate,
    delegateCap: f.delegateCap,
    chairs: f.chairs,
    session: f.session,
    conferenceDate: f.conferenceDate,
    fundingText: f.fundingText,
    funds: f.funds,
    awardFundId: f.awardFundId,
    ...options.facts,
  };
  const title = options.title ?? [f.planNumber ? `Kế hoạch ${f.planNumber}` : 'Kế hoạch', plan.title].filter(Boolean).join(': ');
  const scratchCtx: WriteContext = { ...ctx, origin: undefined };
  initBoard(scratch, { boardId: options.boardId, title, units, facts, agenda: plan.agenda }, scratchCtx);
  const ids = taskIds(plan);
  let n = 0;
  const conference = conferenceDateInForce(readFacts(scratch)).date;
  plan.tasks.forEach((t, i) => {
    const offset = options.dueOffsets?.[ids[i]!];
    addCard(scratch, {
      kind: 'task', id: ids[i]!, unit: t.unit, title: t.title, clause: t.clause, description: t.description,
      checklist: t.checklist.map((text, j) => ({ id: `${ids[i]}-c${j + 1}`, text })),
      ...(offset !== undefined ? { dueOffsetDays: offset, due: conference ? dueFromConference(conference, offset) : null } : {}),
    }, scratchCtx);
  });
  for (const c of options.extraCards ?? []) addCard(scratch, { ...c, id: c.id ?? `extra-${++n}` }, scratchCtx);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), ctx.origin);
  return readBoard(doc);
}
