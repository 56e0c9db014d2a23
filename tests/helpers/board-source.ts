/** Board sources for the write checker's tests, without storage. */
import type { BoardSource } from '@binhan/functions';

/**
 * A source that can only read a board whole (no `updatesSince`): each refresh calls `read` again,
 * so a test can count or change what "storage" holds.
 */
export function wholeBoardSource(read: (boardId: string) => Promise<Uint8Array>): BoardSource {
  return { load: async (boardId) => ({ state: await read(boardId), snapshotVersion: 0 }) };
}
