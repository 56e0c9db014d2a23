/** Small helpers to build Yjs edits and compare states in tests. */
import * as Y from 'yjs';

/** The JSON a user would see of a doc's shared types used in tests. */
export function docContent(doc: Y.Doc): { items: Record<string, unknown>; text: string } {
  return { items: doc.getMap('items').toJSON() as Record<string, unknown>, text: doc.getText('text').toString() };
}

export function docFromUpdate(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** A doc with `count` independent edits, each captured as its own update. */
export function editsAsUpdates(count: number, prefix = 'k', clientDoc = new Y.Doc()): { doc: Y.Doc; updates: Uint8Array[] } {
  const updates: Uint8Array[] = [];
  const handler = (u: Uint8Array) => updates.push(u);
  clientDoc.on('update', handler);
  for (let i = 0; i < count; i++) clientDoc.getMap('items').set(`${prefix}${i}`, i);
  clientDoc.off('update', handler);
  return { doc: clientDoc, updates };
}

/** A pseudo-random string that does not shrink (for size tests). */
export function noise(length: number, seed = 1): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(0x61 + (x % 26));
  }
  return s;
}

export function stateOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** Send every update of a to b and of b to a. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
