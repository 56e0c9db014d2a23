/**
 * The names of the environment variables the functions and the local server read. Only
 * config/environment.ts reads them; infra (infra/src/planning-board.ts) imports these names to
 * set them, so a rename is one edit. Names only: no Node API, safe to import anywhere.
 */
export const ENV = {
  /** The DynamoDB table the boards live in (required). */
  tableName: 'TABLE_NAME',
  /** A local DynamoDB endpoint (dynalite, DynamoDB Local); unset on AWS. */
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  /** The region of the DynamoDB client (set by Lambda). */
  awsRegion: 'AWS_REGION',
  /** The sync token secret itself (local runs). */
  syncTokenSecret: 'SYNC_TOKEN_SECRET',
  /** The SSM SecureString holding the sync token secret (AWS). */
  syncTokenSecretParam: 'SYNC_TOKEN_SECRET_PARAM',
  /** API Gateway's management endpoint of the WebSocket API (the HTTP function cuts sockets off through it). */
  managementEndpoint: 'WS_MANAGEMENT_ENDPOINT',
  /** The first administrator's e-mail. */
  adminEmail: 'ADMIN_EMAIL',
  /** The first administrator's password (local runs). */
  adminPassword: 'ADMIN_PASSWORD',
  /** The SSM SecureString holding the first administrator's password (AWS). */
  adminPasswordParam: 'ADMIN_PASSWORD_PARAM',
  /** Where the web app is served (share and invite links). */
  publicUrl: 'PUBLIC_URL',
  /** A header a trusted proxy sets to the client IP (e.g. cloudfront-viewer-address). */
  clientIpHeader: 'CLIENT_IP_HEADER',
  /** The deployment stage (informational, set by infra). */
  stage: 'STAGE',
  /** Port of the AWS Parameters and Secrets Lambda extension (default 2773). */
  secretsExtensionPort: 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT',
  /** Lambda's session token, which the secrets extension asks for. */
  awsSessionToken: 'AWS_SESSION_TOKEN',
  /** npm start: the data folder, port and host. */
  dataDir: 'DATA_DIR',
  port: 'PORT',
  host: 'HOST',
  /** Silences the pinned AWS SDK's notice about Node versions. */
  sdkNodeWarningDisabled: 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

