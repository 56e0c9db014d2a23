/** Loading a board's Yjs document from storage and writing a server-side change to it. */
import * as Y from 'yjs';
import { BoardValidationError, readBoard, type BoardSnapshot } from '@binhan/core';
import type { Context } from 'hono';
import type { AppEnv, HttpServices } from './services';
import { ApiError, fromBoardValidation } from './errors';

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

/** The origin the web app is served from: PUBLIC_URL, else this request's own origin. */
export function publicBase(c: Context<AppEnv>, s: HttpServices): string {
  if (s.publicUrl) return s.publicUrl;
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  const host = c.req.header('host') ?? url.host;
  return `${proto}://${host}`;
}
