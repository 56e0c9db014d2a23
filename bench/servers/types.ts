/** The common shape of the three servers the bench drives. */
import type * as Y from 'yjs';
import type { LocalStack } from '@binhan/local';
import type { BoardUpdates } from '@binhan/functions';
import type { EditPathTracer } from '../edit-trace';
import type { OpProfiler } from '../profiler';

export interface BenchClient {
  doc: Y.Doc;
  isSynced(): boolean;
  /** Resolves at the first `synced` (the server's sync step 2 applied). */
  whenSynced(): Promise<void>;
  destroy(): void;
}

export interface ConnectOptions {
  /** Connect with a read-only right where the server has rights (ours); ignored elsewhere. */
  readOnly?: boolean;
}

export interface RunningServer {
  connect(boardId: string, doc: Y.Doc, options?: ConnectOptions): BenchClient;
  /** Waits until the server has nothing in flight (ours: gateway.idle(); others: a short pause). */
  settle(): Promise<void>;
  /** Errors the server reported to clients (ours: control frames), for the report. */
  serverErrors(): string[];
  close(): Promise<void>;
  /** Only for ours: the stack (storage access) and the step profiler. */
  stack?: LocalStack;
  /** Ours (also in its own process): the board's stored updates, for the durability checks. */
  updates?: Pick<BoardUpdates, 'loadMerged'>;
  profiler?: OpProfiler;
  tracer?: EditPathTracer;
}

export interface BenchServer {
  name: string;
  start(): Promise<RunningServer>;
}
