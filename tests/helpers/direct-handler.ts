/**
 * The ws handler called directly, as Lambda calls it (no gateway), on a fresh table of the
 * embedded engine: started in beforeAll, closed after. `deps` are createWsDeps' options besides
 * the table, secret and poster (compactEvery, random…).
 */
import { afterAll, beforeAll } from 'vitest';
import { createWsDeps, createWsHandler, ensureTable, openTable, SyncTokens, type ConnectionPoster, type Table, type WsHandler } from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';

export const DIRECT_SECRET = 'direct-handler-secret-direct-handler-xx';

type DepsOptions = Omit<Parameters<typeof createWsDeps>[0], 'table' | 'syncTokenSecret' | 'posterFor'>;

export interface DirectHandler {
  table: Table;
  handler: WsHandler;
  tokens: SyncTokens;
}

export function useDirectHandler(tableName: string, poster: ConnectionPoster, deps: () => DepsOptions = () => ({})): () => DirectHandler {
  let engine: EmbeddedDynamo | undefined;
  let made: DirectHandler | undefined;
  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    const table = openTable({ tableName, endpoint: engine.endpoint });
    await ensureTable(table);
    const handler = createWsHandler(createWsDeps({ table, syncTokenSecret: DIRECT_SECRET, posterFor: () => poster, ...deps() }));
    made = { table, handler, tokens: new SyncTokens(DIRECT_SECRET) };
  });
  afterAll(async () => {
    made?.table.raw.destroy();
    await engine?.close();
  });
  return () => {
    if (!made) throw new Error('useDirectHandler: the handler starts in beforeAll; use it inside a test.');
    return made;
  };
}
