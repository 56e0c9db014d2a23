/** AWS Lambda entry for the HTTP API (payload format 2.0). */
import { handle } from 'hono/aws-lambda';
import { SyncTokens } from '../auth/sync-token';
import { loadConfig } from '../config/environment';
import { BoardUpdates } from '../storage/board-updates';
import { openTable } from '../storage/dynamo';
import { createHttpApp } from './app';
import type { HttpEvent, HttpResult } from './events';

let ready: Promise<(event: HttpEvent) => Promise<HttpResult>> | undefined;

async function build(): Promise<(event: HttpEvent) => Promise<HttpResult>> {
  const config = await loadConfig();
  const table = openTable({ tableName: config.tableName, endpoint: config.dynamoEndpoint });
  const app = createHttpApp({ updates: new BoardUpdates(table), tokens: new SyncTokens(config.syncTokenSecret) });
  return handle(app);
}

export async function handler(event: HttpEvent): Promise<HttpResult> {
  ready ??= build();
  return (await ready)(event);
}
