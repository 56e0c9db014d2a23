/**
 * Ours only: bytes the board occupies in storage (snapshot + appended updates, as `load` reads
 * them) over the bytes of its state (`Y.encodeStateAsUpdate` of a doc loaded from storage).
 */
import * as Y from 'yjs';
import type { LocalStack } from '@binhan/local';
import { round } from '../util';

export interface StorageRatio {
  label: string;
  storedBytes: number;
  stateBytes: number;
  ratio: number;
  snapshotBytes: number;
  pendingUpdates: number;
}

export async function measureStorageRatio(stack: LocalStack, boardId: string, label: string): Promise<StorageRatio> {
  await stack.gateway.idle();
  const stored = await stack.updates.load(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await stack.updates.loadMerged(boardId)).update);
  const stateBytes = Y.encodeStateAsUpdate(doc).byteLength;
  doc.destroy();
  return {
    label,
    storedBytes: stored.storedBytes,
    stateBytes,
    ratio: round(stored.storedBytes / stateBytes, 3),
    snapshotBytes: stored.snapshot?.byteLength ?? 0,
    pendingUpdates: stored.updates.length,
  };
}
