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
