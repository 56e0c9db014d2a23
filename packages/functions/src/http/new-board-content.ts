/**
 * The first content of a new board: one of the templates (plan 27/KH-UBND, or a blank board with
 * the commune's units), or a board read from a plan's text. The boards route loads this module
 * only when a board is created (the bundle puts it in a chunk of its own): the plan's text, the
 * templates and the importer are needed by no other request.
 */
import type * as Y from 'yjs';
import type { ImportResult, WriteContext } from '@binhan/core';
import { applyPlanReading, readPlanSource } from '@binhan/core/plan-reading';
import { planTemplates } from '@binhan/core/plan-27';

export type NewBoardSource = { template: 'plan-27' | 'blank' } | { planText: string };

export type NewBoardOutcome =
  | { ok: true; report?: Pick<ImportResult, 'unplaced' | 'notes'> }
  /** The plan text gave neither a task nor an agenda item: nothing was written. */
  | { ok: false; reason: 'empty-plan' };

/** Fills `doc` (new and empty) for board `boardId`. Throws BoardValidationError on invalid content. */
export function fillNewBoard(doc: Y.Doc, source: NewBoardSource, board: { boardId: string; title: string }, ctx: WriteContext): NewBoardOutcome {
  const { boardId, title } = board;
  if ('planText' in source) {
    // Read as a file's text is (lists and text tables, due dates, cooperating units): the board
    // gets the columns the plan names and no other.
    const reading = readPlanSource({ text: source.planText });
    if (reading.plan.tasks.length === 0 && reading.plan.agenda.length === 0) return { ok: false, reason: 'empty-plan' };
    applyPlanReading(doc, reading, { boardId, title }, ctx);
    return { ok: true, report: { unplaced: reading.unplaced, notes: reading.notes } };
  }
  const template = planTemplates.find((t) => t.id === source.template);
  if (!template) throw new Error(`No board template "${source.template}".`);
  template.create(doc, { boardId, title, ...ctx });
  return { ok: true };
}
