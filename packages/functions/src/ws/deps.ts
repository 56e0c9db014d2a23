/** What every WebSocket route needs: the stores, the token checker and a way to post. */
import type { BoardUpdates } from '../storage/board-updates';
import type { AwarenessStates } from '../storage/awareness-states';
import type { Connections } from '../storage/connections';
import type { Fragments } from '../storage/fragments';
import type { SyncTokens } from '../auth/sync-token';
import type { AuditLog } from '../storage/audit-log';
import type { BoardWriteChecker } from './board-docs/write-check';
import type { Revocations } from '../storage/revocations';
import type { BoardEntry } from '../storage/board-registry';
import type { ConnectionPoster } from '../sockets/connection-poster';
import type { WebSocketEvent } from './events';
import type { ConnectionAllowances } from '../storage/connection-allowances';
import type { ConnectionLimits } from './connection-limits';

export interface WsDeps {
  updates: BoardUpdates;
  connections: Connections;
  awareness: AwarenessStates;
  fragments: Fragments;
  /** Per-connection rates, client ids and pending fragments (kept on the connection record). */
  allowances: ConnectionAllowances;
  /** The numbers for those (ws/connection-limits.ts). */
  limits: ConnectionLimits;
  tokens: SyncTokens;
  /** Who changed which card: written after an accepted update is stored and fanned out. */
  audit: AuditLog;
  /** Board docs of this process, to check (roles) and describe (audit) updates before storing them. */
  boardDocs: BoardWriteChecker;
  /** The management API for the API (endpoint from the event's domain and stage on AWS). */
  posterFor(event: WebSocketEvent): ConnectionPoster;
  /** Compact a board after this many appended updates (default 100). */
  compactEvery?: number;
  /** Source of chance for the compaction trigger (tests make it deterministic). */
  random?: () => number;
  /** Revocation and archive checks at $connect. */
  access: {
    revocations: Pick<Revocations, 'check'>;
    registry: { get(boardId: string): Promise<BoardEntry | null> };
  };
  /** The time (default Date.now): token expiry of a connection's authorizer context is checked against it. */
  clock?: () => number;
  /** Where unexpected errors are reported (default console.error). */
  reportError?: (error: unknown, context: string) => void;
}


/** Reports an unexpected error where the deps say (default console.error). */
export function reportError(deps: Pick<WsDeps, 'reportError'>, error: unknown, context: string): void {
  (deps.reportError ?? console.error)(error, context);
}
