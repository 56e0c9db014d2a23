/** AWS Lambda entry for the WebSocket API ($connect, $disconnect, $default). */
import { environmentVariables, loadConfig } from '../config/environment';
import { openTable } from '../storage/dynamo';
import { createWsDeps } from './create-ws-deps';
import type { WebSocketEvent, WebSocketResult } from './events';
import { createWsHandler, type WsHandler } from './handler';
import { managementApiPoster, managementEndpointOf } from '../sockets/management-api-poster';

let ready: Promise<WsHandler> | undefined;

async function build(): Promise<WsHandler> {
  const config = await loadConfig();
  const table = openTable({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region });
  return createWsHandler(
    createWsDeps({
      table,
      syncTokenSecret: config.syncTokenSecret,
      posterFor: (event) => managementApiPoster(config.managementEndpoint ?? managementEndpointOf(event.requestContext)),
      env: environmentVariables(), // WS_LIMIT_* (ws/connection-limits.ts)
    }),
  );
}

export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  ready ??= build();
  return (await ready)(event);
}
