/**
 * The Yjs work of storage/board-updates.ts: merging stored updates into one, and the state a
 * compaction keeps. A module of its own so board-updates.ts can load it (and Yjs) on first use:
 * the http Lambda's cold start then does without Yjs.
 */
import { applyUpdate, Doc, encodeStateAsUpdate, mergeUpdates } from 'yjs';

/** Several updates as one (none: the empty board's update). */
export function mergeStoredUpdates(updates: Uint8Array[]): Uint8Array {
  return updates.length === 0 ? encodeStateAsUpdate(new Doc()) : mergeUpdates(updates);
}

/**
 * The state of snapshot + updates, applied to a document (rather than merged) so that deleted
 * content is garbage collected.
 */
export function compactedState(snapshot: Uint8Array | null | undefined, updates: Uint8Array[]): Uint8Array {
  const doc = new Doc();
  try {
    if (snapshot) applyUpdate(doc, snapshot);
    for (const u of updates) applyUpdate(doc, u);
    return encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
