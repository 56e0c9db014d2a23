/** An API Gateway WebSocket event for a handler called directly (no gateway in between). */
import type { WebSocketEvent } from '@binhan/functions';

export const wsEvent = (routeKey: string, connectionId: string, extra: Partial<WebSocketEvent> = {}): WebSocketEvent => ({
  requestContext: {
    routeKey,
    eventType: routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE',
    connectionId,
    domainName: 'test.local',
    stage: 'test',
  },
  isBase64Encoded: false,
  ...extra,
});
