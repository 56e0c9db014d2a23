/**
 * The WebSocket Lambda: one plain handler switching on API Gateway's routeKey (hono/aws-lambda
 * only handles HTTP events). Stateless: everything it knows comes from the event and DynamoDB.
 * Each route is its own file (routes/connect.ts, disconnect.ts, message.ts); this one only
 * switches and turns an unexpected error into a 500 (and, for a message, a "retry" frame).
 */
import { GoneConnectionError, tellIfStillConnected } from '../sockets/connection-poster';
import { reportError, type WsDeps } from './deps';
import type { WebSocketEvent, WebSocketResult } from './events';
import { onConnect } from './routes/connect';
import { onDisconnect } from './routes/disconnect';
import { onMessage } from './routes/message';

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
      reportError(deps, error, `${event.requestContext.routeKey} ${event.requestContext.connectionId}`);
      if (event.requestContext.routeKey !== '$connect' && event.requestContext.routeKey !== '$disconnect') {
        // Tell the client to reconnect: its resync (sync step 1) re-sends whatever was lost.
        await tellIfStillConnected(deps.posterFor(event), event.requestContext.connectionId, {
          type: 'error',
          code: 'retry',
          message: 'The server could not process this message; reconnecting to resynchronise.',
        });
      }
      return { statusCode: 500, body: 'internal error' };
    }
  };
}
