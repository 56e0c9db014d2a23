/**
 * Old → new values of the fields one change wrote on a card, from plain copies of the card's
 * entry before and after (entry-snapshot.ts), for the audit log ("who changed which field from
 * what to what"). Pure. Values are plain JSON, shortened so that an audit entry stays small: a
 * text over TEXT_LIMIT characters is cut (with "…"), a checklist becomes its items in order as
 * {text, done}. Bookkeeping keys (id, createdBy, updatedAt, …) are left out; `pos` (column and
 * order) is given as the column only.
 */
import { YValue, type EntryCopy } from './entry-snapshot';

export interface FieldValueChange {
  field: string;
  /** null when the field had no value (or the card did not exist). */
  old: unknown;
  new: unknown;
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
  for (const [k, n] of copy.nested) {
    const items = [...n.values.values()]
      .filter((x): x is { text?: unknown; done?: unknown; order?: unknown } => typeof x === 'object' && x !== null)
      .sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0))
      .map((x) => ({ text: short(typeof x.text === 'string' ? x.text : ''), done: x.done === true }));
    out.set(k, items);
  }
  return out;
}

/** The fields whose value differs between the two copies, sorted by name. */
export function cardValueChanges(before: EntryCopy | null, after: EntryCopy | null): FieldValueChange[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const out: FieldValueChange[] = [];
  for (const field of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const o = a.has(field) ? a.get(field) : null;
    const n = b.has(field) ? b.get(field) : null;
    if (JSON.stringify(o) !== JSON.stringify(n)) out.push({ field, old: o ?? null, new: n ?? null });
  }
  return out;
}
