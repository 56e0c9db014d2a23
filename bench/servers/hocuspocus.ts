/**
 * @hocuspocus/server 3.4.3, in memory (no persistence extension). Clients: the minimal
 * Hocuspocus-framing client in ../clients/hocuspocus-client.ts (@hocuspocus/provider is not
 * installed).
 */
import { Server } from '@hocuspocus/server';
import { connectHocuspocus } from '../clients/hocuspocus-client';
import { sleep, withTimeout } from '../util';
import type { BenchServer, RunningServer } from './types';

export const hocuspocus: BenchServer = {
  name: '@hocuspocus/server 3.4.3 (in-memory)',
  async start(): Promise<RunningServer> {
    const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
    await server.listen();
    const url = `ws://127.0.0.1:${server.address.port}`;
    return {
      connect: (boardId, doc) => connectHocuspocus(url, boardId, doc),
      settle: () => sleep(100),
      serverErrors: () => [],
      async close() {
        await withTimeout(server.destroy(), 5_000, 'hocuspocus destroy').catch(() => {
          server.httpServer.closeAllConnections();
        });
      },
    };
  },
};
