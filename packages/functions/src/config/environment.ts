/**
 * Configuration read from the environment, the same on Lambda and locally. On AWS the token
 * secret comes from SSM Parameter Store (SYNC_TOKEN_SECRET_PARAM) or Secrets Manager, resolved
 * once per cold start; locally it is SYNC_TOKEN_SECRET.
 */
export interface FunctionsConfig {
  tableName: string;
  dynamoEndpoint?: string;
  syncTokenSecret: string;
  managementEndpoint?: string;
}

export function requireEnv(name: string, hint: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  return value;
}

export async function loadConfig(): Promise<FunctionsConfig> {
  const tableName = requireEnv('TABLE_NAME', 'the DynamoDB table the board lives in.');
  let syncTokenSecret = process.env.SYNC_TOKEN_SECRET;
  if (!syncTokenSecret && process.env.SYNC_TOKEN_SECRET_PARAM) {
    syncTokenSecret = await readSsmSecret(process.env.SYNC_TOKEN_SECRET_PARAM);
  }
  if (!syncTokenSecret) {
    throw new Error('No sync token secret: set SYNC_TOKEN_SECRET, or SYNC_TOKEN_SECRET_PARAM to an SSM SecureString name.');
  }
  const config: FunctionsConfig = { tableName, syncTokenSecret };
  if (process.env.DYNAMODB_ENDPOINT) config.dynamoEndpoint = process.env.DYNAMODB_ENDPOINT;
  if (process.env.WS_MANAGEMENT_ENDPOINT) config.managementEndpoint = process.env.WS_MANAGEMENT_ENDPOINT;
  return config;
}

/**
 * Reads a SecureString through the Lambda Parameters and Secrets extension's local HTTP
 * endpoint when present (no SDK in the bundle), else fails with what to set.
 */
export async function readSsmSecret(name: string): Promise<string> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const token = process.env.AWS_SESSION_TOKEN;
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
