/**
 * Fan-out to a board's other connections. A post that fails with 410 marks a stale connection:
 * its records are removed and the others are told that its awareness states are gone.
 */
import { encodeMessage, SERVER_MAX_FRAME_CHARS } from '@binhan/transport';
import type { AudienceMember } from '../storage/connections';
import { encodeAwarenessUpdate } from './awareness-codec';
import { GoneConnectionError, sendFrames, type ConnectionPoster } from '../sockets/connection-poster';
import { reportError, type WsDeps } from './deps';
import { awarenessMessage } from './protocol';

/** How long after $connect a 410 may just mean "not accepted yet". */
export const YOUNG_CONNECTION_MS = 10_000;

/** A message as the posts of a fan-out carry it: its text frames (made once for all targets). */
export const framesOf = (message: Uint8Array): string[] => encodeMessage(message, SERVER_MAX_FRAME_CHARS);

export async function broadcast(
  deps: WsDeps,
  poster: ConnectionPoster,
  boardId: string,
  message: Uint8Array,
  exceptConnectionId: string | null,
): Promise<void> {
  const targets = (await deps.connections.listAudience(boardId)).filter((c) => c.connectionId !== exceptConnectionId);
  if (targets.length === 0) return;
  await broadcastFrames(deps, poster, framesOf(message), targets);
}

/** Posts `frames` to each of `targets` (all at once); a 410 drops a stale connection. */
export async function broadcastFrames(deps: WsDeps, poster: ConnectionPoster, frames: string[], targets: AudienceMember[]): Promise<void> {
  const gone: AudienceMember[] = [];
  await Promise.all(
    targets.map((target) =>
      sendFrames(poster, target.connectionId, frames).catch((error: unknown) => {
        if (error instanceof GoneConnectionError) gone.push(target);
        else reportError(deps, error, `post to ${target.connectionId}`);
      }),
    ),
  );
  // A connection whose $connect has not returned yet also answers 410: leave young ones be,
  // their own sync step 1 will bring them everything that was stored.
  const now = Date.now();
  for (const stale of gone) if (now - stale.connectedAt > YOUNG_CONNECTION_MS) await dropConnection(deps, poster, stale);
}

/** Forgets a connection and tells the board's others that its clients left. */
export async function dropConnection(deps: WsDeps, poster: ConnectionPoster, record: Pick<AudienceMember, 'connectionId' | 'boardId'>): Promise<void> {
  await deps.connections.remove(record.connectionId, record.boardId);
  await deps.fragments.clear(record.connectionId);
  deps.allowances.forget(record.connectionId);
  const removals = await deps.awareness.release(record.boardId, record.connectionId);
  if (removals.length === 0) return;
  await broadcast(deps, poster, record.boardId, awarenessMessage(encodeAwarenessUpdate(removals)), record.connectionId);
}
