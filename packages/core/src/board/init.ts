/** Making a new, empty board (with its units, facts and agenda) in a Y.Doc. */
import * as Y from 'yjs';
import { BOARD_VERSION, boardMaps, boardVersion } from './doc';
import { keysBetween } from './fractional';
import { unitInputSchema, type BoardSnapshot, type FactsPatch } from './schema';
import { say, issue, type Issue } from '../validation/issues';
import { contextIssues, fail, isPlainObject, newId, parseWith, type WriteContext } from './validate';
import { validateFactsPatch } from './facts';
import { readBoard } from './snapshot';
import { toIsoInstant } from '../util/dates';
import { slugify } from '../util/text';

export interface InitBoardInput {
  boardId: string;
  title: string;
  units?: Array<{ id?: string; nameVi: string; nameEn?: string | null }>;
  facts?: FactsPatch;
  agenda?: string[];
}

export function initBoard(doc: Y.Doc, input: InitBoardInput, ctx: WriteContext): BoardSnapshot {
  const issues: Issue[] = contextIssues(ctx);
  if (boardVersion(doc) !== null)
    fail([issue('', 'duplicate-id', 'Ở đây đã có một bảng kế hoạch', 'There is already a planning board here')]);
  if (!isPlainObject(input)) fail([...issues, say.wrongType('', 'object')]);
  if (typeof input.boardId !== 'string' || input.boardId.trim() === '') issues.push(say.required('boardId'));
  if (typeof input.title !== 'string' || input.title.trim() === '') issues.push(say.required('title'));
  const units: Array<{ id: string; nameVi: string; nameEn: string }> = [];
  (input.units ?? []).forEach((u, i) => {
    const p = parseWith(unitInputSchema, u, `units.${i}`);
    if (!p.ok) return void issues.push(...p.issues);
    const id = p.value.id ?? slugify(p.value.nameVi);
    if (units.some((x) => x.id === id))
      issues.push(issue(`units.${i}.id`, 'duplicate-id', `Đã có cột với mã "${id}"`, `A column with id "${id}" already exists`));
    units.push({ id, nameVi: p.value.nameVi, nameEn: p.value.nameEn ?? p.value.nameVi });
  });
  const facts = validateFactsPatch(input.facts ?? {});
  issues.push(...facts.issues);
  const agenda = input.agenda ?? [];
  agenda.forEach((t, i) => {
    if (typeof t !== 'string' || t.trim() === '')
      issues.push(issue(`agenda.${i}`, 'required', `Mục ${i + 1} của chương trình không được để trống`, `Agenda item ${i + 1} must not be empty`));
  });
  if (issues.length) fail(issues);

  const m = boardMaps(doc);
  const at = toIsoInstant(ctx.now);
  const keys = keysBetween(null, null, units.length);
  doc.transact(() => {
    m.meta.set('version', BOARD_VERSION);
    m.meta.set('boardId', input.boardId);
    m.meta.set('title', input.title.trim());
    m.meta.set('createdAt', at);
    m.meta.set('createdBy', ctx.actor);
    units.forEach((u, i) => {
      const um = new Y.Map<unknown>();
      m.units.set(u.id, um);
      um.set('id', u.id);
      um.set('nameVi', u.nameVi);
      um.set('nameEn', u.nameEn);
      um.set('order', keys[i]!);
      um.set('removed', false);
    });
    for (const [k, v] of Object.entries(facts.value)) if (v !== undefined) m.facts.set(k, v);
    m.facts.set('updatedAt', at);
    m.facts.set('updatedBy', ctx.actor);
    m.agenda.insert(0, agenda.map((text) => ({ id: newId(ctx), text: text.trim() })));
  }, ctx.origin);
  return readBoard(doc);
}
