/** Wires the WebSocket handler's dependencies from a table and a secret. */
import { SyncTokens } from '../auth/sync-token';
import { AuditLog, type AuditLogOptions } from '../storage/audit-log';
import { AwarenessStates } from '../storage/awareness-states';
import { BoardRegistry } from '../storage/board-registry';
import { Boards } from '../storage/boards';
import { Revocations } from '../storage/revocations';
import { BoardUpdates } from '../storage/board-updates';
import { Connections } from '../storage/connections';
import type { Table } from '../storage/dynamo';
import { Fragments } from '../storage/fragments';
import { ConnectionAllowances } from '../storage/connection-allowances';
import { connectionLimits, type ConnectionLimits } from './connection-limits';
import { boardSource, type BoardDocCacheOptions } from './board-docs/doc-cache';
import { BoardWriteChecker } from './board-docs/write-check';
import type { ConnectionPoster } from '../sockets/connection-poster';
import type { WsDeps } from './deps';
import type { WebSocketEvent } from './events';

export function createWsDeps(input: {
  table: Table;
  syncTokenSecret: string;
  posterFor: (event: WebSocketEvent) => ConnectionPoster;
  compactEvery?: number;
  random?: () => number;
  clock?: () => number;
  /** The per-process board doc cache (sizes, waits). */
  boardDocs?: BoardDocCacheOptions;
  /** Per-connection limits over the defaults (then WS_LIMIT_* from `env`). */
  limits?: Partial<ConnectionLimits>;
  env?: Record<string, string | undefined>;
  /**
   * Where the board's audience comes from: by default the connection records in DynamoDB (a
   * Query per fan-out, as on AWS); the local gateway passes one that also knows its own
   * connections in memory (packages/local/src/gateway-connections.ts).
   */
  connections?: Connections;
  /** How the audit writes (storage/audit-log.ts: gatherMs); default: each at once. */
  audit?: AuditLogOptions;
}): WsDeps {
  const clock = input.clock ?? Date.now;
  const updates = new BoardUpdates(input.table, clock);
  const deps: WsDeps = {
    updates,
    connections: input.connections ?? new Connections(input.table, clock),
    awareness: new AwarenessStates(input.table, clock),
    fragments: new Fragments(input.table, clock),
    allowances: new ConnectionAllowances(input.table, clock),
    limits: connectionLimits(input.limits, input.env),
    tokens: new SyncTokens(input.syncTokenSecret, clock),
    audit: new AuditLog(input.table, clock, input.audit),
    boardDocs: new BoardWriteChecker(boardSource(updates), input.boardDocs),
    posterFor: input.posterFor,
    clock,
    access: {
      revocations: new Revocations(input.table, clock),
      registry: new BoardRegistry(input.table, new Boards(input.table, updates), clock),
    },
  };
  if (input.compactEvery !== undefined) deps.compactEvery = input.compactEvery;
  if (input.random) deps.random = input.random;
  return deps;
}
