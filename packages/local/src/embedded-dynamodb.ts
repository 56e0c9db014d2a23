/**
 * The embedded DynamoDB-compatible engine: dynalite (pure JS, LevelDB on disk) serving the
 * DynamoDB HTTP API on a loopback port, so the handlers use the real AWS SDK against it; the
 * local stack's own client skips the socket (in-process-dynamodb.ts).
 */
import { mkdirSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dynaliteModule, startDynalite, type DynaliteStore } from './dynalite-store';
import { inProcessRequestHandler, type InProcessRequestHandler } from './in-process-dynamodb';

/**
 * dynalite (4.x) reads every Query and Scan through a stream over an abstract-level iterator
 * and, when the stream ends or is destroyed, closes it by calling `iterator.return()` — which
 * abstract-level 3 iterators do not have. So no iterator was ever closed: the database keeps
 * each one (its resources set), with its LevelDB snapshot in native memory. That was the
 * server's rising RSS (issue 10, item 9: ~13,000 open iterators after two soak minutes). Give
 * the iterator classes the `return()` dynalite calls, closing them (idempotent).
 */
function closeDynaliteIterators(): void {
  const level = dynaliteModule<Record<string, { prototype: { close(): Promise<void>; return?: () => Promise<void> } } | undefined>>('abstract-level');
  for (const name of ['AbstractIterator', 'AbstractKeyIterator', 'AbstractValueIterator']) {
    const proto = level[name]?.prototype;
    if (proto && typeof proto.return !== 'function') {
      proto.return = function (this: { close(): Promise<void> }) {
        return this.close();
      };
    }
  }
}
closeDynaliteIterators();

export interface EmbeddedDynamo {
  endpoint: string;
  /** For an AWS SDK client in this process: calls the engine directly, no loopback socket. */
  requestHandler: InProcessRequestHandler;
  /** dynalite's store, for the update items' straight write (engine-batch-put.ts). */
  store: DynaliteStore;
  close(): Promise<void>;
}

/** Starts dynalite; `path` keeps data on disk, no path keeps it in memory. */
export async function startEmbeddedDynamo(options: { path?: string } = {}): Promise<EmbeddedDynamo> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  const { server, store } = startDynalite({ ...(options.path ? { path: options.path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const listener = server.listeners('request')[0] as RequestListener | undefined;
  if (!listener) throw new Error('dynalite has no request listener: the embedded engine cannot be called in process.');
  const requestHandler = inProcessRequestHandler(listener);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requestHandler,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        requestHandler.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
