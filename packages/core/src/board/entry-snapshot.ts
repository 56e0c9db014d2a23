/**
 * Plain copies of board entries (a card, a unit: a Y.Map under a root map; a fact or a meta
 * value: a JSON value under a root map) and how to put an entry back to a copy.
 *
 * The server keeps a copy of every entry as it was last stored, so that when an update writes
 * something its author may not write (or that is not a valid board value) it can write the old
 * value back in a server-authored update: the author's structs are kept, so its clock sequence
 * stays whole ("undo, never drop"). A copy never holds a Yjs type: a value of a Yjs type where
 * a plain value belongs is recorded as a YValue (it is never valid, and never restored).
 */
import * as Y from 'yjs';

/** Stands for a Yjs type (Y.Text, Y.Array, Y.Map, …) found where a plain value belongs. */
export class YValue {
  constructor(readonly typeName: string) {}
}

/** The name of a Yjs type, for messages: "Y.Text", "Y.Array", "Y.Map", … */
export function yTypeName(value: Y.AbstractType<unknown>): string {
  if (value instanceof Y.Text) return 'Y.Text';
  if (value instanceof Y.Array) return 'Y.Array';
  if (value instanceof Y.Map) return 'Y.Map';
  if (value instanceof Y.XmlFragment) return 'Y.XmlFragment';
  return 'Y.AbstractType';
}

/** A nested map of plain values (a checklist: itemId → {text, done, order}). */
export interface NestedMapCopy {
  ref: Y.Map<unknown>;
  values: Map<string, unknown>;
}

/** A Y.Map entry: its plain values, and the nested maps (checklists) by key. */
export interface MapEntryCopy {
  kind: 'map';
  ref: Y.Map<unknown>;
  values: Map<string, unknown>;
  nested: Map<string, NestedMapCopy>;
}

/** Something that is not a Y.Map where an entry map belongs. */
export interface NotAMapCopy {
  kind: 'not-a-map';
  value: unknown;
}

export type EntryCopy = MapEntryCopy | NotAMapCopy;

/** A plain value, or a YValue in place of a Yjs type. */
export function plainValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? new YValue(yTypeName(value)) : value;
}

/**
 * Copies an entry map. Keys named in `nestedKeys` that hold a Y.Map are copied one level down
 * (their values plain); every other Yjs type is recorded as a YValue.
 */
export function copyEntry(value: unknown, nestedKeys: ReadonlySet<string>): EntryCopy {
  return copyWith(value, nestedKeys, () => undefined);
}

/**
 * Copies an entry map again after a transaction, taking from `previous` (its copy from before
 * the transaction) each nested map the transaction did not change: the same Y.Map, and not one
 * of `changed` (the types of Transaction.changed — Yjs names there every type that existed
 * before the transaction and had a key written or deleted in it). Copies are never modified
 * once made, so the two copies share it. (A card's checklist of 200 items was copied whole on
 * every tick of one item: issue 12's 50 × 200 run.)
 */
export function copyEntryAfter(value: unknown, nestedKeys: ReadonlySet<string>, previous: EntryCopy | null, changed: ReadonlySet<unknown>): EntryCopy {
  if (previous === null || previous.kind !== 'map' || previous.ref !== value) return copyEntry(value, nestedKeys);
  return copyWith(value, nestedKeys, (k, v) => {
    const kept = previous.nested.get(k);
    return kept !== undefined && kept.ref === v && !changed.has(v) ? kept : undefined;
  });
}

function copyWith(value: unknown, nestedKeys: ReadonlySet<string>, unchanged: (key: string, map: Y.Map<unknown>) => NestedMapCopy | undefined): EntryCopy {
  if (!(value instanceof Y.Map)) return { kind: 'not-a-map', value: plainValue(value) };
  const values = new Map<string, unknown>();
  const nested = new Map<string, NestedMapCopy>();
  value.forEach((v: unknown, k: string) => {
    if (nestedKeys.has(k) && v instanceof Y.Map) {
      const kept = unchanged(k, v);
      if (kept !== undefined) {
        nested.set(k, kept);
        return;
      }
      const inner = new Map<string, unknown>();
      v.forEach((iv: unknown, ik: string) => inner.set(ik, plainValue(iv)));
      nested.set(k, { ref: v, values: inner });
    } else values.set(k, plainValue(v));
  });
  return { kind: 'map', ref: value, values, nested };
}

function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType || a instanceof YValue || b instanceof YValue) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Values of a copy that can be written back (YValues are left out). */
function restorable(values: Map<string, unknown>): Array<[string, unknown]> {
  return [...values].filter(([, v]) => !(v instanceof YValue));
}

function buildNested(copy: NestedMapCopy): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of restorable(copy.values)) m.set(k, v);
  return m;
}

function restoreNested(current: Y.Map<unknown>, copy: NestedMapCopy): void {
  for (const k of [...current.keys()]) if (!copy.values.has(k) || copy.values.get(k) instanceof YValue) current.delete(k);
  for (const [k, v] of restorable(copy.values)) if (!samePlain(current.get(k), v)) current.set(k, v);
}

function buildEntry(copy: MapEntryCopy): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of restorable(copy.values)) m.set(k, v);
  for (const [k, n] of copy.nested) m.set(k, buildNested(n));
  return m;
}

/**
 * Puts `parent[key]` back to `copy` inside the caller's transaction: key by key when the entry
 * is still the same Y.Map (so concurrent edits of its other keys are kept), as a new Y.Map when
 * it was replaced or removed; removes the entry when there was none (`copy` null). A copy that
 * was not a map (damage from before) cannot be written back: the entry is removed.
 */
export function restoreEntry(parent: Y.Map<unknown>, key: string, copy: EntryCopy | null): void {
  if (copy === null || copy.kind === 'not-a-map') {
    if (parent.has(key)) parent.delete(key);
    return;
  }
  const current = parent.get(key);
  if (current !== copy.ref || !(current instanceof Y.Map)) {
    parent.set(key, buildEntry(copy));
    return;
  }
  const wanted = new Set([...copy.values.keys(), ...copy.nested.keys()]);
  for (const k of [...current.keys()]) {
    if (!wanted.has(k) || copy.values.get(k) instanceof YValue) current.delete(k);
  }
  for (const [k, v] of restorable(copy.values)) if (!samePlain(current.get(k), v)) current.set(k, v);
  for (const [k, n] of copy.nested) {
    const now = current.get(k);
    if (now === n.ref && now instanceof Y.Map) restoreNested(now, n);
    else current.set(k, buildNested(n));
  }
}

/** Puts a plain value under `parent[key]` back (`undefined`: the key was absent). */
export function restoreValue(parent: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined || value instanceof YValue) {
    if (parent.has(key)) parent.delete(key);
    return;
  }
  if (!samePlain(parent.get(key), value)) parent.set(key, value);
}
