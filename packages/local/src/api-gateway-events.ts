/** Builds the events API Gateway would send, from what the local gateway saw on the socket. */
import type { IncomingMessage } from 'node:http';
import type { WebSocketEvent } from '@binhan/functions';

export interface EventSource {
  domainName: string;
  stage: string;
  apiId: string;
}

let counter = 0;
const requestId = () => `local-${Date.now().toString(36)}-${(counter++).toString(36)}`;

type EventType = WebSocketEvent['requestContext']['eventType'];

function context(src: EventSource, routeKey: string, eventType: EventType, connectionId: string, connectedAt: number) {
  return {
    routeKey,
    eventType,
    connectionId,
    domainName: src.domainName,
    stage: src.stage,
    apiId: src.apiId,
    requestId: requestId(),
    connectedAt,
    requestTimeEpoch: Date.now(),
  };
}

export function connectEvent(src: EventSource, connectionId: string, req: IncomingMessage, connectedAt: number): WebSocketEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  return {
    requestContext: context(src, '$connect', 'CONNECT', connectionId, connectedAt),
    queryStringParameters: Object.keys(query).length ? query : null,
    headers,
    isBase64Encoded: false,
  };
}

export function messageEvent(src: EventSource, connectionId: string, body: string, connectedAt: number): WebSocketEvent {
  return {
    requestContext: { ...context(src, '$default', 'MESSAGE', connectionId, connectedAt), messageId: requestId() },
    body,
    isBase64Encoded: false,
  };
}

export function disconnectEvent(src: EventSource, connectionId: string, connectedAt: number, code: number, reason: string): WebSocketEvent {
  return {
    requestContext: {
      ...context(src, '$disconnect', 'DISCONNECT', connectionId, connectedAt),
      disconnectStatusCode: code,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  };
}
