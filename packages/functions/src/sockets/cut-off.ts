/**
 * Cutting open sockets off (a share link revoked, a member removed): each matching connection
 * of the board gets the control frame `{"type":"close","code":4403,…}` (API Gateway cannot
 * choose a close code, so the server announces it; the polyfill closes with it), then is
 * deleted through the management API. Its $disconnect cleans up its records and presence.
 */
import type { ConnectionRecord, Connections } from '../storage/connections';
import { closeConnection, type ConnectionPoster } from './connection-poster';

export const REVOKED_CLOSE_CODE = 4403;

/** Why a revoked link's socket is closed, and why it may not connect again. */
export const REVOKED_MESSAGE = 'Liên kết đã bị thu hồi / This link was revoked';

export async function cutConnections(
  connections: Pick<Connections, 'listBoard'>,
  poster: ConnectionPoster,
  boardId: string,
  match: (record: ConnectionRecord) => boolean,
  reason: string,
): Promise<number> {
  const targets = (await connections.listBoard(boardId)).filter(match);
  await Promise.all(
    targets.map(async (target) => {
      await closeConnection(poster, target.connectionId, REVOKED_CLOSE_CODE, reason);
    }),
  );
  return targets.length;
}
