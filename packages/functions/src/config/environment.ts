/**
 * Configuration read from the environment, the same on Lambda and locally: the only module of
 * packages/functions and packages/local that reads `process.env` (the names are in
 * env-names.ts, which infra imports). On AWS the token secret comes from SSM Parameter Store
 * (SYNC_TOKEN_SECRET_PARAM), resolved once per cold start; locally it is SYNC_TOKEN_SECRET.
 */
import { ENV, type EnvName } from './env-names';

export { ENV, type EnvName };

export interface FunctionsConfig {
  tableName: string;
  dynamoEndpoint?: string;
  /** The DynamoDB client's region (AWS_REGION; unset: storage/dynamo.ts's default). */
  region?: string;
  syncTokenSecret: string;
  managementEndpoint?: string;
}

/** One environment variable, as set (undefined when unset). */
export function readEnv(name: EnvName): string | undefined {
  return process.env[name];
}

/** The whole environment, for readers of a family of names (WS_LIMIT_*, ws/connection-limits.ts). */
export function environmentVariables(): Record<string, string | undefined> {
  return process.env;
}

/** Sets `name` unless it is set already (e.g. to silence a library's notice). */
export function setEnvDefault(name: EnvName, value: string): void {
  process.env[name] ??= value;
}

export function requireEnv(name: EnvName, hint: string): string {
  const value = readEnv(name);
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  return value;
}

export async function loadConfig(): Promise<FunctionsConfig> {
  const tableName = requireEnv(ENV.tableName, 'the DynamoDB table the board lives in.');
  let syncTokenSecret = readEnv(ENV.syncTokenSecret);
  const secretParam = readEnv(ENV.syncTokenSecretParam);
  if (!syncTokenSecret && secretParam) {
    syncTokenSecret = await readSsmSecret(secretParam);
  }
  if (!syncTokenSecret) {
    throw new Error('No sync token secret: set SYNC_TOKEN_SECRET, or SYNC_TOKEN_SECRET_PARAM to an SSM SecureString name.');
  }
  const config: FunctionsConfig = { tableName, syncTokenSecret };
  const dynamoEndpoint = readEnv(ENV.dynamoEndpoint);
  if (dynamoEndpoint) config.dynamoEndpoint = dynamoEndpoint;
  const region = readEnv(ENV.awsRegion);
  if (region) config.region = region;
  const managementEndpoint = readEnv(ENV.managementEndpoint);
  if (managementEndpoint) config.managementEndpoint = managementEndpoint;
  return config;
}

/** The HTTP function's settings beyond FunctionsConfig (each optional). */
export function httpSettings(): { adminEmail?: string; adminPassword?: string; adminPasswordParam?: string; publicUrl?: string; clientIpHeader?: string } {
  const out: ReturnType<typeof httpSettings> = {};
  const adminEmail = readEnv(ENV.adminEmail);
  const adminPassword = readEnv(ENV.adminPassword);
  const adminPasswordParam = readEnv(ENV.adminPasswordParam);
  const publicUrl = readEnv(ENV.publicUrl);
  const clientIpHeader = readEnv(ENV.clientIpHeader);
  if (adminEmail) out.adminEmail = adminEmail;
  if (adminPassword) out.adminPassword = adminPassword;
  if (adminPasswordParam) out.adminPasswordParam = adminPasswordParam;
  if (publicUrl) out.publicUrl = publicUrl;
  if (clientIpHeader) out.clientIpHeader = clientIpHeader;
  return out;
}

/**
 * Reads a SecureString through the Lambda Parameters and Secrets extension's local HTTP
 * endpoint when present (no SDK in the bundle), else fails with what to set.
 */
export async function readSsmSecret(name: string): Promise<string> {
  const port = readEnv(ENV.secretsExtensionPort) ?? '2773';
  const token = readEnv(ENV.awsSessionToken);
  if (!token) throw new Error(`Reading SSM parameter ${name} needs the AWS Parameters and Secrets Lambda extension.`);
  const res = await fetch(`http://localhost:${port}/systemsmanager/parameters/get?name=${encodeURIComponent(name)}&withDecryption=true`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': token },
  });
  if (!res.ok) throw new Error(`Reading SSM parameter ${name} failed with HTTP ${res.status}.`);
  const body = (await res.json()) as { Parameter?: { Value?: string } };
  const value = body.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} is empty.`);
  return value;
}
