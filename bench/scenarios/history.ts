/**
 * A board history of N updates: edits to 200 cards (title, status and a counter overwritten
 * again and again), made in sessions of 500 edits under a new clientID each, like staff
 * reconnecting through a day. Yjs keeps a tombstone per overwrite, so the state grows with N
 * (about 24 B per update here); to compare history length and not content, `shorten` makes a
 * history of the SAME final state in fewer updates (the oldest ones merged into one, as an
 * earlier compaction or an import would leave them).
 */
import * as Y from 'yjs';

export const HISTORY_CARDS = 200;
const STATUSES = ['todo', 'doing', 'done', 'blocked'];

export interface History {
  updates: Uint8Array[];
  /** True when `doc` holds the final state of every card. */
  holds(doc: Y.Doc): boolean;
  updateBytes: number;
}

/** The same final state as `history`, reached in `count` updates: the oldest merged into the first. */
export function shorten(history: History, count: number): History {
  const all = history.updates;
  if (count >= all.length) return history;
  const cut = all.length - count + 1;
  const prefix = new Y.Doc(); // applied to a doc (not mergeUpdates) so overwritten values are collected
  for (const u of all.slice(0, cut)) Y.applyUpdate(prefix, u);
  const updates = [Y.encodeStateAsUpdate(prefix), ...all.slice(cut)];
  prefix.destroy();
  return { updates, holds: history.holds, updateBytes: updates.reduce((n, u) => n + u.byteLength, 0) };
}

export function makeHistory(count: number, seed = 1): History {
  const doc = new Y.Doc();
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const last = new Map<string, number>();
  let rand = seed;
  const next = () => (rand = (rand * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    if (i % 500 === 0) doc.clientID = 1_000_000 + Math.floor(i / 500) + seed * 1000; // a new session
    const key = `card-${next() % HISTORY_CARDS}`;
    doc.transact(() => {
      let card = cards.get(key);
      if (!card) {
        card = new Y.Map<unknown>();
        cards.set(key, card);
      }
      card.set('title', `Nhiệm vụ ${key} — lần sửa ${i}`);
      card.set('status', STATUSES[i % STATUSES.length]);
      card.set('n', i);
    });
    last.set(key, i);
  }
  const updateBytes = updates.reduce((n, u) => n + u.byteLength, 0);
  doc.destroy();
  return {
    updates,
    updateBytes,
    holds(target) {
      const m = target.getMap<Y.Map<unknown>>('cards');
      for (const [key, n] of last) if (m.get(key)?.get('n') !== n) return false;
      return true;
    },
  };
}
