/**
 * The other half of "two people saving the same field" (overwrites.ts tells the later saver):
 * the earlier saver is told too. After a save, this tab watches the fields it wrote on that card
 * for OVERWRITE_WATCH_MS; a change that arrives from elsewhere and puts a third value in one of
 * them — neither this tab's nor the one before its save — is someone else's later save, and is
 * reported once. A change back to the value before the save is left alone: that is the server
 * undoing a refused write (it has its own notice) or someone undoing, not an overwrite.
 */
import * as Y from 'yjs';
import { MERGED_ITEM_FIELDS, sameValue as same } from './overwrites';

export const OVERWRITE_WATCH_MS = 10 * 60_000;

export interface OverwriteSeen {
  key: string;
  mine: unknown;
  theirs: unknown;
  /** The card's updatedBy after the change (the person's name), if any. */
  by: string | null;
}

/** One watcher per card and doc: a new save of the card replaces the earlier watch. */
const watching = new WeakMap<Y.Doc, Map<string, () => void>>();

export function watchOverwrites(
  doc: Y.Doc,
  cardId: string,
  /** Each field the save wrote, with its value before the save (as the board snapshot read it). */
  saved: Record<string, { before: unknown }>,
  onOverwritten: (seen: OverwriteSeen) => void,
): () => void {
  const byCard = watching.get(doc) ?? new Map<string, () => void>();
  watching.set(doc, byCard);
  byCard.get(cardId)?.();
  const stored = doc.getMap('cards').get(cardId);
  if (!(stored instanceof Y.Map)) return () => {};
  const entry: Y.Map<unknown> = stored;
  // "Mine" is what the save stored (the board model may have normalised what the form held).
  const left = new Map(
    Object.entries(saved)
      .filter(([key]) => !MERGED_ITEM_FIELDS.has(key))
      .map(([key, { before }]) => [key, { mine: entry.get(key), before }] as const),
  );
  const observer = (event: Y.YMapEvent<unknown>) => {
    if (event.transaction.local) return; // this tab's own writes and undo steps
    for (const key of event.keysChanged) {
      const watched = left.get(key);
      if (!watched) continue;
      const now = entry.get(key);
      if (same(now, watched.mine)) continue;
      left.delete(key);
      if (same(now, watched.before)) continue;
      const by = entry.get('updatedBy');
      onOverwritten({ key, mine: watched.mine, theirs: now, by: typeof by === 'string' && by ? by : null });
    }
    if (left.size === 0) stop();
  };
  const timer = setTimeout(() => stop(), OVERWRITE_WATCH_MS);
  function stop(): void {
    clearTimeout(timer);
    entry.unobserve(observer as (e: Y.YMapEvent<unknown>) => void);
    if (byCard.get(cardId) === stop) byCard.delete(cardId);
  }
  entry.observe(observer as (e: Y.YMapEvent<unknown>) => void);
  byCard.set(cardId, stop);
  return stop;
}
