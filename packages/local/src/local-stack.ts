/**
 * The whole product on one machine: embedded DynamoDB (dynalite, on disk or in memory), the
 * table, the handlers, and the local gateway in front of them. Used by `npm start`, the
 * integration tests and the benchmarks.
 */
import { handle } from 'hono/aws-lambda';
import {
  Accounts,
  BoardRegistry,
  BoardUpdates,
  Boards,
  createHttpApp,
  LAMBDA_HANDLE_OPTIONS,
  authorizeConnect,
  createWsDeps,
  createWsHandler,
  ensureTable,
  openTable,
  environmentVariables,
  ENV,
  readEnv,
  SyncTokens,
  type ConnectionLimits,
  type HttpServices,
  type ThrottleLimits,
  type WsDeps,
} from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './embedded-dynamodb';
import { shortCutToEngine } from './engine-document-client';
import { startLocalGateway, type LocalGateway } from './gateway';
import { GatewayConnections } from './gateway-connections';
import { staticFiles } from './static-files';
import { localTokenSecret } from './token-secret';

export interface LocalStackOptions {
  port?: number;
  host?: string;
  /** Folder for the database and the token secret; omit for an in-memory stack (tests). */
  dataDir?: string;
  /** Use this DynamoDB endpoint (e.g. DynamoDB Local) instead of starting dynalite. */
  dynamoEndpoint?: string;
  tableName?: string;
  syncTokenSecret?: string;
  compactEvery?: number;
  /** The built web app to serve at / (web/dist). */
  webRoot?: string;
  reportError?: (error: unknown, context: string) => void;
  /** Sign-in throttle limits (tests lower or raise them). */
  throttle?: ThrottleLimits;
  /** Origin of the web app for share and invite links (default: the request's origin). */
  publicUrl?: string;
  /** Per-connection WebSocket limits over the defaults (ws/connection-limits.ts); WS_LIMIT_* env vars apply too. */
  connectionLimits?: Partial<ConnectionLimits>;
  /**
   * Where a fan-out reads the board's audience: 'gateway' (default) from the connections this
   * gateway recorded, in memory (gateway-connections.ts); 'query' from a DynamoDB Query of the
   * connection records, as on AWS. Both write the records to the table.
   */
  audience?: 'gateway' | 'query';
  /** Reach the embedded engine over its loopback HTTP port like any client, instead of in process. */
  engineOverHttp?: boolean;
  /** Milliseconds audit entries gather before their batch write (default AUDIT_GATHER_MS; 0: at once, as on AWS). */
  auditGatherMs?: number;
  /** Awaited before each handler invocation (the bench's AWS-latency scenario adds Lambda's overhead). */
  beforeInvocation?: () => Promise<void>;
}

/**
 * The local stack's audit gathering window. Its peers, its handlers and its engine share one
 * process: an audit write that starts while an edit is being fanned out takes the CPU the
 * peers need to receive it. So the audit of a moment is written together, this long after the
 * edits it records — after they reached the peers. The handler still awaits it: nothing is
 * recorded later than the handler returns.
 */
export const AUDIT_GATHER_MS = 25;

/** The stores the HTTP app uses (`registry`: the board list, create + list/rename/archive), for tests and seeding. */
export interface LocalStack extends Pick<HttpServices, 'table' | 'tokens' | 'updates' | 'boards' | 'registry' | 'accounts'> {
  gateway: LocalGateway;
  deps: WsDeps;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  let engine: EmbeddedDynamo | null = null;
  let endpoint = options.dynamoEndpoint;
  if (!endpoint) {
    engine = await startEmbeddedDynamo(options.dataDir ? { path: `${options.dataDir}/dynamodb` } : {});
    endpoint = engine.endpoint;
  }
  const region = readEnv(ENV.awsRegion);
  const inProcess = engine && options.engineOverHttp !== true ? engine.requestHandler : null;
  const opened = openTable({
    tableName: options.tableName ?? 'binh-an-board',
    endpoint,
    ...(region ? { region } : {}),
    // The embedded engine is called in process (no loopback socket) unless told otherwise.
    ...(inProcess ? { requestHandler: inProcess } : {}),
  });
  // …and its item commands skip the SDK's middleware (engine-document-client.ts).
  const table = engine && inProcess ? shortCutToEngine(opened, engine) : opened;
  await ensureTable(table);
  const secret = options.syncTokenSecret ?? localTokenSecret(options.dataDir);
  const tokens = new SyncTokens(secret);
  const updates = new BoardUpdates(table);
  const boards = new Boards(table, updates);
  const registry = new BoardRegistry(table, boards);
  const accounts = new Accounts(table);
  let deps!: WsDeps;
  const gateway = await startLocalGateway({
    port: options.port ?? 8787,
    host: options.host,
    ...(options.beforeInvocation ? { beforeInvocation: options.beforeInvocation } : {}),
    handlers: (management) => {
      deps = createWsDeps({
        table,
        syncTokenSecret: secret,
        posterFor: () => management,
        compactEvery: options.compactEvery,
        ...(options.audience === 'query' ? {} : { connections: new GatewayConnections(table) }),
        ...(options.connectionLimits ? { limits: options.connectionLimits } : {}),
        audit: { gatherMs: options.auditGatherMs ?? AUDIT_GATHER_MS },
        env: environmentVariables(),
      });
      if (options.reportError) deps.reportError = options.reportError;
      // The HTTP app cuts off revoked sockets through the gateway's management API.
      const http = handle(
        createHttpApp({
          table,
          updates,
          tokens,
          poster: management,
          ...(options.throttle ? { throttle: options.throttle } : {}),
          ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
          ...(options.reportError ? { reportError: options.reportError } : {}),
        }),
        LAMBDA_HANDLE_OPTIONS,
      );
      // $connect's authorizer, as on AWS: its context goes on every event of the connection.
      return { ws: createWsHandler(deps), authorize: (event) => authorizeConnect(deps, event), http, ...(options.webRoot ? { static: staticFiles(options.webRoot) } : {}) };
    },
  });
  return {
    gateway,
    table,
    tokens,
    updates,
    boards,
    registry,
    accounts,
    deps,
    async close() {
      await gateway.close();
      table.raw.destroy();
      if (engine) await engine.close();
    },
  };
}
