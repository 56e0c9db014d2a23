/** The plan's facts (delegate cap, chairs, session, funds, …) and the conference agenda. */
import type * as Y from 'yjs';
import { requireCurrentBoard } from './doc';
import { factsPatchSchema, type AgendaItem, type BoardFacts, type FactsPatch } from './schema';
import { say, issue, type Issue } from '../validation/issues';
import { contextIssues, fail, isPlainObject, newId, parseWith, type WriteContext } from './validate';
import { readFacts, readAgenda } from './snapshot';
import { fundLinesOf, fundRemovalIssues } from './fund-usage';
import { toIsoInstant } from '../util/dates';

export function validateFactsPatch(patch: unknown): { value: FactsPatch; issues: Issue[] } {
  if (!isPlainObject(patch)) return { value: {}, issues: [say.wrongType('', 'object')] };
  const parsed = parseWith(factsPatchSchema, patch);
  if (!parsed.ok) return { value: {}, issues: parsed.issues };
  const issues: Issue[] = [];
  const funds = parsed.value.funds;
  if (funds) {
    const ids = new Set<string>();
    funds.forEach((f, i) => {
      if (ids.has(f.id)) issues.push(issue(`funds.${i}.id`, 'duplicate-id', `Nguồn kinh phí "${f.id}" bị trùng`, `Fund "${f.id}" appears twice`));
      ids.add(f.id);
    });
    const awardFund = parsed.value.awardFundId;
    if (awardFund && !ids.has(awardFund))
      issues.push(issue('awardFundId', 'unknown-fund',
        `Nguồn chi tiền thưởng "${awardFund}" không có trong danh sách nguồn kinh phí: chọn một nguồn trong danh sách`,
        `The fund that pays the awards, "${awardFund}", is not in the list of funds: choose one of them`));
  }
  return { value: parsed.value as FactsPatch, issues };
}

/** Set some facts; facts not named in `patch` are kept. A fund that budget lines use stays. */
export function setFacts(doc: Y.Doc, patch: FactsPatch, ctx: WriteContext): BoardFacts {
  const issues = contextIssues(ctx);
  const maps = requireCurrentBoard(doc);
  const v = validateFactsPatch(patch);
  issues.push(...v.issues);
  if (v.value.funds && !v.issues.length) {
    issues.push(...fundRemovalIssues(fundLinesOf(maps.cards as Y.Map<unknown>), readFacts(doc).funds, new Set(v.value.funds.map((f) => f.id))));
  }
  if (issues.length) fail(issues);
  doc.transact(() => {
    // Only the keys the caller named: the schema's transforms turn absent optional text into
    // null, which must not wipe facts the patch did not mention.
    const named = new Set(Object.keys(patch as object));
    for (const [k, val] of Object.entries(v.value)) if (named.has(k) && val !== undefined) maps.facts.set(k, val);
    maps.facts.set('updatedAt', toIsoInstant(ctx.now));
    maps.facts.set('updatedBy', ctx.actor);
  }, ctx.origin);
  return readFacts(doc);
}

/** Replace the agenda. Items keep their id when given ({id, text}); new ones get one. */
export function setAgenda(doc: Y.Doc, items: Array<string | { id?: string; text: string }>, ctx: WriteContext): AgendaItem[] {
  const issues = contextIssues(ctx);
  const maps = requireCurrentBoard(doc);
  if (!Array.isArray(items)) fail([...issues, say.wrongType('agenda', 'array')]);
  const out: AgendaItem[] = [];
  items.forEach((it, i) => {
    const text = typeof it === 'string' ? it : isPlainObject(it) ? it.text : undefined;
    if (typeof text !== 'string' || text.trim() === '') {
      issues.push(issue(`agenda.${i}`, 'required', `Mục ${i + 1} của chương trình không được để trống`, `Agenda item ${i + 1} must not be empty`));
      return;
    }
    const id = typeof it === 'object' && typeof it.id === 'string' && it.id ? it.id : newId(ctx);
    out.push({ id, text: text.trim() });
  });
  if (issues.length) fail(issues);
  doc.transact(() => {
    maps.agenda.delete(0, maps.agenda.length);
    maps.agenda.insert(0, out);
  }, ctx.origin);
  return readAgenda(doc);
}
