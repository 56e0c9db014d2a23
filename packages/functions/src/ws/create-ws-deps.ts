/** Wires the WebSocket handler's dependencies from a table and a secret. */
import { SyncTokens } from '../auth/sync-token';
import { AwarenessStates } from '../storage/awareness-states';
import { BoardUpdates } from '../storage/board-updates';
import { Connections } from '../storage/connections';
import type { Table } from '../storage/dynamo';
import { Fragments } from '../storage/fragments';
import type { ConnectionPoster } from './connection-poster';
import type { WsDeps } from './context';
import type { WebSocketEvent } from './events';

export function createWsDeps(input: {
  table: Table;
  syncTokenSecret: string;
  posterFor: (event: WebSocketEvent) => ConnectionPoster;
  compactEvery?: number;
  clock?: () => number;
}): WsDeps {
  const clock = input.clock ?? Date.now;
  const deps: WsDeps = {
    updates: new BoardUpdates(input.table, clock),
    connections: new Connections(input.table, clock),
    awareness: new AwarenessStates(input.table, clock),
    fragments: new Fragments(input.table, clock),
    tokens: new SyncTokens(input.syncTokenSecret, clock),
    posterFor: input.posterFor,
  };
  if (input.compactEvery !== undefined) deps.compactEvery = input.compactEvery;
  return deps;
}
