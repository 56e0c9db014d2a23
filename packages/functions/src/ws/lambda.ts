/**
 * AWS Lambda entry for the WebSocket API: $connect, $disconnect, $default, and the $connect
 * route's REQUEST authorizer (the same function: one warm cache, one bundle).
 */
import { environmentVariables, loadConfig } from '../config/environment';
import { openTable } from '../storage/dynamo';
import { createWsDeps } from './create-ws-deps';
import { isAuthorizerEvent, type WebSocketAuthorizerEvent, type WebSocketAuthorizerResult, type WebSocketEvent, type WebSocketResult } from './events';
import { createWsHandler, type WsHandler } from './handler';
import { onAuthorize } from './routes/authorize';
import type { WsDeps } from './deps';
import { managementApiPoster, managementEndpointOf } from '../sockets/management-api-poster';

let ready: Promise<{ deps: WsDeps; ws: WsHandler }> | undefined;

async function build(): Promise<{ deps: WsDeps; ws: WsHandler }> {
  const config = await loadConfig();
  const table = openTable({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region });
  const deps = createWsDeps({
    table,
    syncTokenSecret: config.syncTokenSecret,
    posterFor: (event) => managementApiPoster(config.managementEndpoint ?? managementEndpointOf(event.requestContext)),
    env: environmentVariables(), // WS_LIMIT_* (ws/connection-limits.ts)
  });
  return { deps, ws: createWsHandler(deps) };
}

export async function handler(event: WebSocketEvent): Promise<WebSocketResult>;
export async function handler(event: WebSocketAuthorizerEvent): Promise<WebSocketAuthorizerResult>;
export async function handler(event: WebSocketEvent | WebSocketAuthorizerEvent): Promise<WebSocketResult | WebSocketAuthorizerResult> {
  ready ??= build();
  const built = await ready;
  if (isAuthorizerEvent(event)) return onAuthorize(built.deps, event);
  return built.ws(event);
}
