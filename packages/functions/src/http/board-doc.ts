/**
 * The http routes' work on a board's Yjs document: loading it from storage, reading it as a
 * board, writing a server-side change, building a new board's first document. Loaded on first
 * use through board-doc-loader.ts (never imported statically by a route), so Yjs and core's
 * board model stay out of the http Lambda's cold start. Core's readers the routes need on such a
 * doc are re-exported here for the same reason.
 */
import * as Y from 'yjs';
import { BoardValidationError, readBoard, type BoardSnapshot } from '@binhan/core';
import type { HttpServices } from './services';
import { ApiError, fromBoardValidation } from './errors';

export { readBoard } from '@binhan/core';

export async function loadDoc(s: HttpServices, boardId: string): Promise<Y.Doc> {
  const { update } = await s.updates.loadMerged(boardId);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

export async function loadSnapshot(s: HttpServices, boardId: string): Promise<BoardSnapshot> {
  const doc = await loadDoc(s, boardId);
  try {
    return readBoard(doc);
  } catch (error) {
    if (error instanceof BoardValidationError) {
      throw new ApiError(409, 'not-a-board', `Board ${boardId} holds no readable plan: ${error.message}`, `Bảng ${boardId} không có dữ liệu kế hoạch đọc được: ${error.messageVi}`);
    }
    throw error;
  } finally {
    doc.destroy();
  }
}

/** Applies `change` to the stored board and appends the resulting update (empty changes write nothing). */
export async function changeDoc(s: HttpServices, boardId: string, change: (doc: Y.Doc) => void): Promise<void> {
  const doc = await loadDoc(s, boardId);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  try {
    change(doc);
  } catch (error) {
    if (error instanceof BoardValidationError) throw fromBoardValidation(error);
    throw error;
  } finally {
    doc.destroy();
  }
  if (updates.length === 0) return;
  await s.updates.append(boardId, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
}

/**
 * Runs `fill` on a new, empty Y.Doc and returns what it returned with the doc's state as one
 * update; the doc is destroyed either way. Invalid content (BoardValidationError) → 400.
 */
export function buildBoardDoc<T>(fill: (doc: Y.Doc) => T): { result: T; update: Uint8Array } {
  const doc = new Y.Doc();
  try {
    const result = fill(doc);
    return { result, update: Y.encodeStateAsUpdate(doc) };
  } catch (error) {
    if (error instanceof BoardValidationError) throw fromBoardValidation(error);
    throw error;
  } finally {
    doc.destroy();
  }
}

/** The size in bytes of the state a stored update holds (what a new client would be sent). */
export function stateBytes(update: Uint8Array): number {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return Y.encodeStateAsUpdate(doc).byteLength;
  } finally {
    doc.destroy();
  }
}
