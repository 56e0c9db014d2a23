/** The AWS side of ConnectionPoster: API Gateway's management API through the AWS SDK. */
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { GoneConnectionError, type ConnectionPoster } from './connection-poster';

const clients = new Map<string, ApiGatewayManagementApiClient>();

/** The management API endpoint of the WebSocket API an event came through. */
export function managementEndpointOf(requestContext: { domainName: string; stage: string }): string {
  return `https://${requestContext.domainName}/${requestContext.stage}`;
}

/** Posts through the management API at `endpoint`; one client per endpoint, reused across warm invocations. */
export function managementApiPoster(endpoint: string): ConnectionPoster {
  let client = clients.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(endpoint, client);
  }
  const api = client;
  const encoder = new TextEncoder();
  return {
    async post(connectionId, frame) {
      try {
        await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: encoder.encode(frame) }));
      } catch (error) {
        if (error instanceof GoneException || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410) {
          throw new GoneConnectionError(connectionId);
        }
        throw error;
      }
    },
    async disconnect(connectionId) {
      await api.send(new DeleteConnectionCommand({ ConnectionId: connectionId })).catch((error: unknown) => {
        if (!(error instanceof GoneException)) throw error;
      });
    },
  };
}
