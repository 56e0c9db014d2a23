import * as Y from 'yjs';
import type { WriteContext } from '../../packages/core/src/index';

let counter = 0;

/** A write context with a fixed clock and counting ids, so tests are deterministic. */
export function ctx(actor = 'Chị Lan (Văn phòng)', now = '2025-02-21T02:00:00.000Z'): WriteContext {
  return { actor, now, newId: () => `id-${++counter}` };
}

export function stateOf(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** Send every update of a to b and of b to a. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
