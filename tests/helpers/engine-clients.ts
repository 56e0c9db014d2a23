/**
 * The embedded engine with two clients of one table, for the tests of the local short cut: one
 * through the SDK over HTTP, one short-cut to the engine (packages/local/src/engine-document-client.ts);
 * `listenerCalls()` counts the requests that reached dynalite's request listener. Started before
 * the describe's tests (in memory, or on disk in a temporary folder), closed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable, openTable, type Table } from '@binhan/functions';
import { shortCutToEngine, startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';

export function useEngine(name: string, options: { ensure: boolean; onDisk?: boolean }) {
  const at: { engine?: EmbeddedDynamo; sdk?: Table; short?: Table; dir?: string; calls: number } = { calls: 0 };
  beforeAll(async () => {
    if (options.onDisk) at.dir = mkdtempSync(join(tmpdir(), 'binhan-engine-'));
    const engine = (at.engine = await startEmbeddedDynamo(at.dir ? { path: at.dir } : {}));
    const handle = engine.requestHandler.handle.bind(engine.requestHandler);
    engine.requestHandler.handle = (request) => {
      at.calls++;
      return handle(request);
    };
    at.sdk = openTable({ tableName: name, endpoint: engine.endpoint });
    at.short = shortCutToEngine(openTable({ tableName: name, endpoint: engine.endpoint, requestHandler: engine.requestHandler }), engine);
    if (options.ensure) await ensureTable(at.sdk);
  });
  afterAll(async () => {
    at.sdk?.raw.destroy();
    at.short?.raw.destroy();
    await at.engine?.close();
    if (at.dir) rmSync(at.dir, { recursive: true, force: true });
  });
  return { sdk: () => at.sdk!, short: () => at.short!, engine: () => at.engine!, listenerCalls: () => at.calls };
}
