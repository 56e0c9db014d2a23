/**
 * The in-memory reference: @y/websocket-server 0.1.1 (`setupWSConnection`), binary frames, no
 * persistence (YPERSISTENCE unset before the module loads). Clients: the plain WebsocketProvider
 * with the `ws` package.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { providerClient } from './provider-client';
import type { BenchServer, RunningServer } from './types';
import { sleep } from '../util';

/** The reference's WebSocket server alone (also run in a process of its own: reference-own-process.ts). */
export async function startReferenceSocketServer(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  delete process.env.YPERSISTENCE; // read when the module loads: no LevelDB persistence
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('reference');
  });
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (conn, req) => setupWSConnection(conn, req));
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => {
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A stock WebsocketProvider client of the reference at `url`. */
export function referenceConnector(url: string): RunningServer['connect'] {
  return (boardId, doc) => {
    const provider = new WebsocketProvider(url, boardId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 500,
    });
    return providerClient(provider, doc);
  };
}

export const reference: BenchServer = {
  name: '@y/websocket-server 0.1.1 (in-memory)',
  async start(): Promise<RunningServer> {
    const server = await startReferenceSocketServer();
    return {
      connect: referenceConnector(server.url),
      settle: () => sleep(100),
      serverErrors: () => [],
      close: () => server.close(),
    };
  },
};
