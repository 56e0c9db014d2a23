/**
 * The WebSocket Lambda: one plain handler switching on API Gateway's routeKey (hono/aws-lambda
 * only handles HTTP events). Stateless: everything it knows comes from the event and DynamoDB.
 */
import { dropConnection } from './broadcast';
import { GoneConnectionError, sendControl } from './connection-poster';
import { BOARD_ID, type WsDeps } from './context';
import type { WebSocketEvent, WebSocketResult } from './events';
import { onMessage } from './message-route';

export const REVOKED_MESSAGE = 'Liên kết đã bị thu hồi / This link was revoked';

export type WsHandler = (event: WebSocketEvent) => Promise<WebSocketResult>;

export function createWsHandler(deps: WsDeps): WsHandler {
  return async (event) => {
    try {
      switch (event.requestContext.routeKey) {
        case '$connect':
          return await onConnect(deps, event);
        case '$disconnect':
          return await onDisconnect(deps, event);
        default:
          return await onMessage(deps, event);
      }
    } catch (error) {
      if (error instanceof GoneConnectionError && error.connectionId === event.requestContext.connectionId) {
        // The sender left while we answered it; its $disconnect cleans up.
        return { statusCode: 410, body: 'gone' };
      }
      (deps.reportError ?? console.error)(error, `${event.requestContext.routeKey} ${event.requestContext.connectionId}`);
      if (event.requestContext.routeKey !== '$connect' && event.requestContext.routeKey !== '$disconnect') {
        // Tell the client to reconnect: its resync (sync step 1) re-sends whatever was lost.
        await sendControl(deps.posterFor(event), event.requestContext.connectionId, {
          type: 'error',
          code: 'retry',
          message: 'The server could not process this message; reconnecting to resynchronise.',
        }).catch(() => {});
      }
      return { statusCode: 500, body: 'internal error' };
    }
  };
}

async function onConnect(deps: WsDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  const query = event.queryStringParameters ?? {};
  const boardId = query.board;
  if (boardId !== undefined && !BOARD_ID.test(boardId)) {
    return { statusCode: 400, body: 'Invalid board id: letters, digits, "-" and "_" only, at most 64.' };
  }
  const check = deps.tokens.verify(query.token, boardId);
  if (!check.ok) return { statusCode: check.status, body: check.reason };
  if (deps.access) {
    // Revoked links and tokens, and archived boards, are refused before anything is written.
    const [revoked, entry] = await Promise.all([
      deps.access.revocations.check(check.claims),
      deps.access.registry.get(check.claims.boardId),
    ]);
    if (revoked) return { statusCode: 403, body: REVOKED_MESSAGE };
    if (entry?.archived) return { statusCode: 403, body: 'Bảng này đã được lưu trữ / This board is archived: it can no longer be opened live.' };
  }
  // Nothing may be posted to the connection until $connect returns: the greeting waits for
  // the client's first message (its sync step 1).
  await deps.connections.put({
    connectionId: event.requestContext.connectionId,
    boardId: check.claims.boardId,
    right: check.claims.right,
    role: check.claims.role,
    subject: check.claims.subject,
    tokenId: check.claims.tokenId,
    tokenExpiresAt: check.claims.expiresAt,
  });
  return { statusCode: 200 };
}

async function onDisconnect(deps: WsDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  // Also a record whose token has expired meanwhile: its presence must still be released.
  const record = await deps.connections.get(event.requestContext.connectionId, { includeExpired: true });
  if (record) await dropConnection(deps, deps.posterFor(event), record);
  return { statusCode: 200 };
}
