/**
 * Old → new values of the fields one change wrote on a card, from plain copies of the card's
 * entry before and after (entry-snapshot.ts), for the audit log ("who changed which field from
 * what to what"). Pure. Values are plain JSON, shortened so that an audit entry stays small: a
 * text over TEXT_LIMIT characters is cut (with "…"); of a list of items (a checklist, a dossier,
 * the comments) only the items the change added, removed or altered are given, each as
 * {text, done}, in the list's order — ticking one box of a 200-item checklist records that box,
 * not the list twice. Bookkeeping keys (id, createdBy, updatedAt, …) are left out; `pos` (column
 * and order) is given as the column only.
 */
import type { AuditValueChange } from './audit-entry';
import { plainValue, YValue, type EntryCopy, type NestedMapCopy } from './entry-snapshot';

export type FieldValueChange = AuditValueChange;

/** One item of a list as the audit gives it. */
export interface ListItemValue {
  text: unknown;
  done: boolean;
}

export const AUDIT_TEXT_LIMIT = 300;
const BOOKKEEPING = new Set(['id', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'deletedAt', 'deletedBy']);

function short(v: unknown): unknown {
  if (v instanceof YValue) return `<${v.typeName}>`;
  if (typeof v === 'string') return v.length > AUDIT_TEXT_LIMIT ? `${v.slice(0, AUDIT_TEXT_LIMIT)}…` : v;
  if (v === undefined) return null;
  if (typeof v === 'object' && v !== null) {
    const json = JSON.stringify(v);
    return json.length > AUDIT_TEXT_LIMIT * 2 ? `${json.slice(0, AUDIT_TEXT_LIMIT)}…` : v;
  }
  return v;
}

function fieldsOf(copy: EntryCopy | null): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (copy === null || copy.kind !== 'map') return out;
  for (const [k, v] of copy.values) {
    if (BOOKKEEPING.has(k)) continue;
    if (k === 'pos') {
      const unit = typeof v === 'object' && v !== null ? (v as { unit?: unknown }).unit : undefined;
      out.set('unit', typeof unit === 'string' ? unit : null);
    } else out.set(k, short(v));
  }
  return out;
}

interface ListItem {
  id: string;
  order: number;
  value: ListItemValue;
}

/** The items of a nested map by id: {text, done} shortened, and their order. */
function listItems(nested: NestedMapCopy | undefined): Map<string, ListItem> {
  const out = new Map<string, ListItem>();
  for (const [id, x] of nested?.values ?? []) {
    if (typeof x !== 'object' || x === null) continue;
    const item = x as { text?: unknown; done?: unknown; order?: unknown };
    out.set(id, { id, order: Number(item.order ?? 0), value: { text: short(typeof item.text === 'string' ? item.text : ''), done: item.done === true } });
  }
  return out;
}

/** Items in the list's order (by `order`, then id). */
const sorted = (items: ListItem[]) => items.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
const inOrder = (items: ListItem[]) => sorted(items).map((i) => i.value);

/**
 * The ids of `ids` (in their new order) that moved: those outside a longest run kept in their
 * old order (`oldIndex`). Removing or inserting an item renumbers the ones after it, which is
 * not a move; taking one item to the top moves that item only.
 */
function movedIds(ids: string[], oldIndex: Map<string, number>): Set<string> {
  // Longest increasing subsequence of the old indexes, in patience-sorting form.
  const tails: number[] = [];
  const previous: number[] = new Array(ids.length).fill(-1);
  for (let i = 0; i < ids.length; i++) {
    const v = oldIndex.get(ids[i]!)!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (oldIndex.get(ids[tails[mid]!]!)! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<string>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(ids[i]!);
  return new Set(ids.filter((id) => !kept.has(id)));
}

/** The items one change added, removed, altered (text or tick) or moved, before and after; null if none. */
function listChange(before: NestedMapCopy | undefined, after: NestedMapCopy | undefined): { old: ListItemValue[]; new: ListItemValue[] } | null {
  const a = listItems(before);
  const b = listItems(after);
  const byOrder = (m: Map<string, ListItem>, other: Map<string, ListItem>) => sorted([...m.values()].filter((i) => other.has(i.id))).map((i) => i.id);
  const wasOrder = byOrder(a, b);
  const nowOrder = byOrder(b, a);
  // Moves only when the kept items' order changed (renumbering after an insert is not a move).
  const moved = wasOrder.every((id, i) => nowOrder[i] === id) ? new Set<string>() : movedIds(nowOrder, new Map(wasOrder.map((id, i) => [id, i])));
  const was: ListItem[] = [];
  const now: ListItem[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (y && !moved.has(id) && x.value.done === y.value.done && x.value.text === y.value.text) continue;
    was.push(x);
    if (y) now.push(y);
  }
  for (const [id, y] of b) if (!a.has(id)) now.push(y);
  return was.length || now.length ? { old: inOrder(was), new: inOrder(now) } : null;
}

const nestedOf = (copy: EntryCopy | null) => (copy?.kind === 'map' ? copy.nested : new Map<string, NestedMapCopy>());

/** The fields whose value differs between the two copies, sorted by name. */
export function cardValueChanges(before: EntryCopy | null, after: EntryCopy | null): FieldValueChange[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const la = nestedOf(before);
  const lb = nestedOf(after);
  const out: FieldValueChange[] = [];
  for (const field of [...new Set([...a.keys(), ...b.keys(), ...la.keys(), ...lb.keys()])].sort()) {
    if (la.has(field) || lb.has(field)) {
      const items = listChange(la.get(field), lb.get(field));
      if (items) out.push({ field, ...items, itemsChanged: true });
      continue;
    }
    const o = a.has(field) ? a.get(field) : null;
    const n = b.has(field) ? b.get(field) : null;
    if (JSON.stringify(o) !== JSON.stringify(n)) out.push({ field, old: o ?? null, new: n ?? null });
  }
  return out;
}

/**
 * Old → new of each fact one change wrote, as field "facts.<key>" (the board's own audit entry),
 * shortened like a card's fields; the bookkeeping keys (updatedAt, updatedBy) are left out.
 */
export function factValueChanges(facts: ReadonlyArray<{ key: string; before: unknown; after: unknown }>): FieldValueChange[] {
  const out: FieldValueChange[] = [];
  for (const f of [...facts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (BOOKKEEPING.has(f.key)) continue;
    const o = short(plainValue(f.before)) ?? null;
    const n = short(plainValue(f.after)) ?? null;
    if (JSON.stringify(o) !== JSON.stringify(n)) out.push({ field: `facts.${f.key}`, old: o, new: n });
  }
  return out;
}
