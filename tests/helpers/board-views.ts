/**
 * Helpers for the integrity tests: a canonical view of a doc that shows every Yjs type by
 * name (so a Y.Text("awarded") never looks like the string "awarded"), and the HTTP reads a
 * user's screens make of a board.
 */
import * as Y from 'yjs';
import { expect } from 'vitest';
import type { Call } from './access';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function liveContent(t: Y.AbstractType<any>): { keys: string[]; items: number } {
  const keys = [...t._map.entries()].filter(([, item]) => !item.deleted).map(([k]) => k).sort();
  let items = 0;
  for (let item = t._start; item !== null; item = item.right) if (!item.deleted) items += item.length;
  return { keys, items };
}

const BOARD_MAPS = ['meta', 'facts', 'units', 'cards'];

function isEmptyView(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if ('Y.Map' in o) return Object.keys(o['Y.Map'] as object).length === 0;
  if ('Y.Array' in o) return (o['Y.Array'] as unknown[]).length === 0;
  if ('Y.Text' in o) return o['Y.Text'] === '';
  const raw = o['untyped root'] as { keys: string[]; items: number } | undefined;
  return raw !== undefined && raw.keys.length === 0 && raw.items === 0;
}

/** Every root and entry of a doc as JSON, Yjs types tagged by their name; empty roots left out. */
export function yView(value: unknown): unknown {
  if (value instanceof Y.Doc) {
    const out: Record<string, unknown> = {};
    for (const name of [...value.share.keys()].sort()) {
      // The board's own roots are read as their types (a fresh doc has them untyped).
      const t = BOARD_MAPS.includes(name) ? value.getMap(name) : name === 'agenda' ? value.getArray(name) : value.share.get(name)!;
      const v = t instanceof Y.Map || t instanceof Y.Array || t instanceof Y.Text ? yView(t) : { 'untyped root': liveContent(t) };
      if (!isEmptyView(v)) out[name] = v;
    }
    return out;
  }
  if (value instanceof Y.Text) return { 'Y.Text': value.toString() };
  if (value instanceof Y.Array) return { 'Y.Array': value.toArray().map(yView) };
  if (value instanceof Y.Map) {
    const o: Record<string, unknown> = {};
    for (const k of [...value.keys()].sort()) o[k] = yView(value.get(k));
    return { 'Y.Map': o };
  }
  return value;
}

export const viewOf = (doc: Y.Doc, root: string, key?: string): string => {
  const all = yView(doc) as Record<string, { 'Y.Map'?: Record<string, unknown>; 'Y.Array'?: unknown[] }>;
  const r = all[root];
  if (key === undefined) return JSON.stringify(r ?? null);
  return JSON.stringify(r?.['Y.Map']?.[key] ?? null);
};

export const EXPORT_FILES = ['nominees.csv', 'nominees.xlsx', 'nominees.html', 'budget.csv', 'budget.xlsx', 'budget.html', 'board.json'];

/** Every HTTP read of a board a user's screens make answers 200. Returns the board JSON. */
export async function expectEveryReadOk(call: Call, cookie: string, boardId: string): Promise<{ cards: Array<{ id: string }>; problems: unknown[] }> {
  const paths = [`/api/boards/${boardId}`, `/api/boards/${boardId}/dashboard`, `/api/boards/${boardId}/cards`, ...EXPORT_FILES.map((f) => `/api/boards/${boardId}/exports/${f}`)];
  const results = await Promise.all(paths.map((p) => call('GET', p, { cookie })));
  results.forEach((r, i) => expect(`${paths[i]} → ${r.status}`).toBe(`${paths[i]} → 200`));
  return results[0]!.json.board;
}
