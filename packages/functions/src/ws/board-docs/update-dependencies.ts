/**
 * What a Yjs update needs from the doc it is applied to, read from the update alone: per client,
 * the clock run its structs cover, and every id it refers to (origins, parents, deleted ranges).
 * An update whose dependencies are not all in the doc (or in the update itself) must not be
 * applied to the cached doc: Yjs would keep it pending and the doc would no longer match storage.
 */
import * as Y from 'yjs';

/** An update as Yjs decodes it (`Y.decodeUpdate`): read once per message, by whoever needs it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export interface Dependencies {
  /** Per client: the clock its first struct in the update starts at, and where it ends. */
  runs: Map<number, { from: number; to: number; gap: boolean }>;
  /** Ids the update refers to (origins, parents) and deleted ranges: client → highest clock needed + 1. */
  refs: Map<number, number>;
}

function need(map: Map<number, number>, client: number, end: number): void {
  if ((map.get(client) ?? 0) < end) map.set(client, end);
}

/** What `update` needs from the doc it is applied to (read from its decoded form). */
export function dependenciesOf(update: DecodedUpdate): Dependencies {
  const { structs, ds } = update;
  const runs: Dependencies['runs'] = new Map();
  const refs = new Map<number, number>();
  for (const s of structs) {
    const client = s.id.client;
    const run = runs.get(client);
    if (s instanceof Y.Skip) {
      if (run) run.gap = true;
      continue;
    }
    if (!run) runs.set(client, { from: s.id.clock, to: s.id.clock + s.length, gap: false });
    else {
      if (s.id.clock > run.to) run.gap = true;
      run.to = Math.max(run.to, s.id.clock + s.length);
    }
    if (s instanceof Y.Item) {
      if (s.origin) need(refs, s.origin.client, s.origin.clock + 1);
      if (s.rightOrigin) need(refs, s.rightOrigin.client, s.rightOrigin.clock + 1);
      if (s.parent instanceof Y.ID) need(refs, s.parent.client, s.parent.clock + 1);
    }
  }
  ds.clients.forEach((deletes, client) => {
    for (const d of deletes) need(refs, client, d.clock + d.len);
  });
  return { runs, refs };
}

/** True when every dependency is in `doc` or in the update itself. */
export function satisfied(doc: Y.Doc, needs: Dependencies): boolean {
  const available = (client: number): number => {
    const state = Y.getState(doc.store, client);
    const run = needs.runs.get(client);
    return run && !run.gap && run.from <= state ? Math.max(state, run.to) : state;
  };
  for (const [client, run] of needs.runs) {
    if (run.gap || run.from > Y.getState(doc.store, client)) return false;
  }
  for (const [client, end] of needs.refs) if (available(client) < end) return false;
  return true;
}
