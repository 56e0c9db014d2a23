/**
 * AWS Lambda entry for the HTTP API (payload format 2.0). At cold start: the configuration
 * (token secret from SSM), the management API client that cuts off revoked sockets
 * (WS_MANAGEMENT_ENDPOINT), and — when ADMIN_EMAIL is set — the first administrator, with the
 * password from the SSM SecureString ADMIN_PASSWORD_PARAM (never generated on AWS: nobody
 * would see it, except the logs).
 */
import { handle } from 'hono/aws-lambda';
import { bootstrapAdmin } from '../config/bootstrap-admin';
import { SyncTokens } from '../auth/sync-token';
import { httpSettings, loadConfig, readSsmSecret } from '../config/environment';
import { Accounts } from '../storage/accounts';
import { BoardUpdates } from '../storage/board-updates';
import { openTable, type Table } from '../storage/dynamo';
import { managementApiPoster } from '../sockets/management-api-poster';
import { createHttpApp } from './app';
import { LAMBDA_HANDLE_OPTIONS } from './binary-responses';
import type { HttpEvent, HttpResult } from './events';

let ready: Promise<(event: HttpEvent) => Promise<HttpResult>> | undefined;

async function ensureAdmin(table: Table, settings: ReturnType<typeof httpSettings>): Promise<void> {
  const email = settings.adminEmail;
  if (!email) return;
  let password = settings.adminPassword;
  if (!password && settings.adminPasswordParam) password = await readSsmSecret(settings.adminPasswordParam);
  const result = await bootstrapAdmin(new Accounts(table), { email, ...(password ? { password } : {}), allowGenerated: false });
  if (!result) console.warn(`ADMIN_EMAIL is set but no password: set ADMIN_PASSWORD_PARAM to an SSM SecureString to create ${email}.`);
  else if (result.created) console.log(`Created the administrator account ${result.email}.`);
}

async function build(): Promise<(event: HttpEvent) => Promise<HttpResult>> {
  const config = await loadConfig();
  const settings = httpSettings();
  const table = openTable({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region });
  await ensureAdmin(table, settings);
  const poster = config.managementEndpoint ? managementApiPoster(config.managementEndpoint) : undefined;
  const app = createHttpApp({
    table,
    updates: new BoardUpdates(table),
    tokens: new SyncTokens(config.syncTokenSecret),
    ...(poster ? { poster } : {}),
    ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    ...(settings.clientIpHeader ? { clientIpHeader: settings.clientIpHeader } : {}),
  });
  return handle(app, LAMBDA_HANDLE_OPTIONS);
}

export async function handler(event: HttpEvent): Promise<HttpResult> {
  ready ??= build().catch((error: unknown) => {
    ready = undefined; // a failed cold start (e.g. SSM unreachable) is retried on the next request
    throw error;
  });
  return (await ready)(event);
}
