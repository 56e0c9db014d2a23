/**
 * The parts of API Gateway's WebSocket events the handler reads (the documented shape:
 * APIGatewayProxyWebsocketEventV2 plus queryStringParameters on $connect), and its result.
 */
export type RouteKey = '$connect' | '$disconnect' | '$default';

export interface WebSocketEvent {
  requestContext: {
    routeKey: RouteKey | string;
    eventType: 'CONNECT' | 'DISCONNECT' | 'MESSAGE';
    connectionId: string;
    domainName: string;
    stage: string;
    apiId?: string;
    requestId?: string;
    messageId?: string | null;
    connectedAt?: number;
    requestTimeEpoch?: number;
    disconnectStatusCode?: number;
    disconnectReason?: string;
    /**
     * The context the $connect route's Lambda authorizer returned (ws/connection-identity.ts),
     * with its principalId: API Gateway adds it to every event of the connection.
     */
    authorizer?: Record<string, unknown> | null;
  };
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded: boolean;
}

export interface WebSocketResult {
  statusCode: number;
  body?: string;
}

/**
 * What API Gateway sends a WebSocket API's REQUEST authorizer on $connect (the documented
 * shape: the $connect event's fields, plus `type` and `methodArn`).
 */
export interface WebSocketAuthorizerEvent {
  type: 'REQUEST';
  methodArn: string;
  requestContext: WebSocketEvent['requestContext'];
  queryStringParameters?: Record<string, string | undefined> | null;
  headers?: Record<string, string | undefined> | null;
}

/** An authorizer's answer: an IAM policy for the $connect route, and the context every event of the connection will carry. */
export interface WebSocketAuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: { Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string }[];
  };
  context?: Record<string, string>;
}

export function isAuthorizerEvent(event: unknown): event is WebSocketAuthorizerEvent {
  return typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'REQUEST' && typeof (event as { methodArn?: unknown }).methodArn === 'string';
}
