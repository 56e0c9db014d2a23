/**
 * API Gateway WebSocket proxy events in the documented shape (as delivered to Lambda by an
 * AWS_PROXY integration: headers and multi-value headers, query strings on $connect, the full
 * requestContext with extendedRequestId, requestTime, messageDirection and identity).
 */
import type { WebSocketAuthorizerEvent, WebSocketEvent } from '@binhan/functions';

const API_ID = 'abcdef123';
const DOMAIN = `${API_ID}.execute-api.ap-southeast-1.amazonaws.com`;

function requestContext(routeKey: string, eventType: 'CONNECT' | 'DISCONNECT' | 'MESSAGE', connectionId: string, extra: Record<string, unknown> = {}) {
  return {
    routeKey,
    messageId: null,
    eventType,
    extendedRequestId: 'WyHPAHbQBcwFWMw=',
    requestTime: '20/Feb/2025:09:39:18 +0000',
    messageDirection: 'IN',
    stage: 'prod',
    connectedAt: 1740044358417,
    requestTimeEpoch: 1740044358425,
    identity: { sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0' },
    requestId: 'WyHPAHbQBcwFWMw=',
    domainName: DOMAIN,
    connectionId,
    apiId: API_ID,
    ...extra,
  };
}

const upgradeHeaders = {
  Host: DOMAIN,
  'Sec-WebSocket-Extensions': 'permissive-deflate; client_max_window_bits',
  'Sec-WebSocket-Key': 'mNRIjuK+dWTWDS8VCYeuyg==',
  'Sec-WebSocket-Version': '13',
  'X-Amzn-Trace-Id': 'Root=1-67b6f5c6-0123456789abcdef',
  'X-Forwarded-For': '203.0.113.7',
  'X-Forwarded-Port': '443',
  'X-Forwarded-Proto': 'https',
};
const multi = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [v]]));

export function documentedConnect(connectionId: string, query: Record<string, string>): WebSocketEvent {
  return {
    headers: upgradeHeaders,
    multiValueHeaders: multi(upgradeHeaders),
    queryStringParameters: query,
    multiValueQueryStringParameters: multi(query),
    requestContext: requestContext('$connect', 'CONNECT', connectionId),
    isBase64Encoded: false,
  } as WebSocketEvent;
}

/** The $connect route's REQUEST authorizer event (type, methodArn, the $connect fields). */
export function documentedAuthorizerRequest(connectionId: string, query: Record<string, string>): WebSocketAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:ap-southeast-1:123456789012:${API_ID}/prod/$connect`,
    headers: upgradeHeaders,
    multiValueHeaders: multi(upgradeHeaders),
    queryStringParameters: query,
    multiValueQueryStringParameters: multi(query),
    stageVariables: {},
    requestContext: requestContext('$connect', 'CONNECT', connectionId),
  } as WebSocketAuthorizerEvent;
}

/** `authorizer`: what API Gateway adds to every event of a connection its authorizer allowed. */
export function documentedMessage(connectionId: string, body: string, authorizer?: Record<string, unknown>): WebSocketEvent {
  return {
    requestContext: requestContext('$default', 'MESSAGE', connectionId, { messageId: 'b8f5fffPhcwCHyw=', ...(authorizer ? { authorizer } : {}) }),
    body,
    isBase64Encoded: false,
  } as WebSocketEvent;
}

export function documentedDisconnect(connectionId: string): WebSocketEvent {
  const headers = { Host: DOMAIN, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  return {
    headers,
    multiValueHeaders: multi(headers),
    requestContext: requestContext('$disconnect', 'DISCONNECT', connectionId, {
      disconnectStatusCode: 1001,
      disconnectReason: 'Going away',
    }),
    isBase64Encoded: false,
  } as WebSocketEvent;
}
