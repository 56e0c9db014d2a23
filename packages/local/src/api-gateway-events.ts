/** Builds the events API Gateway would send, from what the local gateway saw on the socket. */
import type { IncomingMessage } from 'node:http';
import type { AuthorizerDecision, WebSocketAuthorizerEvent, WebSocketEvent } from '@binhan/functions';

export interface EventSource {
  domainName: string;
  stage: string;
  apiId: string;
}

let counter = 0;
const requestId = () => `local-${Date.now().toString(36)}-${(counter++).toString(36)}`;

type EventType = WebSocketEvent['requestContext']['eventType'];

/** What the authorizer allowed a connection with: API Gateway puts it on every event of the connection. */
export type AuthorizerOutput = Readonly<Record<string, string>> | null;

type RequestContext = WebSocketEvent['requestContext'];

/**
 * The request context of an event. Built field by field, without object spreads: this runs for
 * every message, and a conditional spread cost ~5 µs a call here (issue 12).
 */
function context(src: EventSource, routeKey: string, eventType: EventType, connectionId: string, connectedAt: number, authorizer: AuthorizerOutput = null): RequestContext {
  const ctx: RequestContext = {
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
  if (authorizer) ctx.authorizer = authorizer;
  return ctx;
}

/**
 * The authorizer's output as API Gateway passes it on: the context's keys and the principalId.
 * Frozen, as it cannot change for the connection's life: the handler then reads it once
 * (ws/connection-identity.ts), not on every message.
 */
export function authorizerOutputOf(decision: Extract<AuthorizerDecision, { allow: true }>): AuthorizerOutput {
  return Object.freeze({ ...decision.context, principalId: decision.principalId });
}

/** The REQUEST authorizer's event for a $connect: its fields, plus `type` and `methodArn`. */
export function authorizerEvent(src: EventSource, connectionId: string, req: IncomingMessage, connectedAt: number): WebSocketAuthorizerEvent {
  const connect = connectEvent(src, connectionId, req, connectedAt, null);
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:local:000000000000:${src.apiId}/${src.stage}/$connect`,
    requestContext: connect.requestContext,
    queryStringParameters: connect.queryStringParameters ?? null,
    headers: connect.headers ?? null,
  };
}

export function connectEvent(src: EventSource, connectionId: string, req: IncomingMessage, connectedAt: number, authorizer: AuthorizerOutput): WebSocketEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  return {
    requestContext: context(src, '$connect', 'CONNECT', connectionId, connectedAt, authorizer),
    queryStringParameters: Object.keys(query).length ? query : null,
    headers,
    isBase64Encoded: false,
  };
}

export function messageEvent(src: EventSource, connectionId: string, body: string, connectedAt: number, authorizer: AuthorizerOutput): WebSocketEvent {
  const requestContext = context(src, '$default', 'MESSAGE', connectionId, connectedAt, authorizer);
  requestContext.messageId = requestId();
  return { requestContext, body, isBase64Encoded: false };
}

export function disconnectEvent(src: EventSource, connectionId: string, connectedAt: number, code: number, reason: string, authorizer: AuthorizerOutput): WebSocketEvent {
  const requestContext = context(src, '$disconnect', 'DISCONNECT', connectionId, connectedAt, authorizer);
  requestContext.disconnectStatusCode = code;
  requestContext.disconnectReason = reason;
  return { requestContext, isBase64Encoded: false };
}
