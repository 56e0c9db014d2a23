/**
 * Ours: the local gateway with the real handlers and the embedded DynamoDB engine (dynalite, in
 * memory). Clients are the stock y-websocket WebsocketProvider through our base64 polyfill.
 */

import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { startLocalStack } from '@binhan/local';
import { createWebSocketPolyfill, type TextSocketConstructor } from '@binhan/transport';
import { EditPathTracer } from '../edit-trace';
import { describeCommand, OpProfiler } from '../profiler';
import { providerClient } from './provider-client';
import type { BenchServer, RunningServer } from './types';

export const ours: BenchServer = {
  name: 'ours (gateway + handlers + dynalite)',
  async start(): Promise<RunningServer> {
    const errors: string[] = [];
    const stack = await startLocalStack({
      port: 0,
      host: '127.0.0.1',
      syncTokenSecret: 'bench-secret-'.padEnd(40, 'x'),
      reportError: (error, context) => errors.push(`${context}: ${String(error)}`),
    });
    const profiler = new OpProfiler();
    profiler.wrap(stack.table.doc, 'send', describeCommand);
    profiler.wrap(stack.gateway.management, 'post', () => 'post (gateway → socket)');
    const tracer = new EditPathTracer(stack);
    const Polyfill = createWebSocketPolyfill({
      WebSocket: WebSocket as unknown as TextSocketConstructor,
      onServerError: (e) => errors.push(`${e.code}: ${e.message}`),
    });
    const url = `ws://127.0.0.1:${stack.gateway.port}/sync`;
    return {
      stack,
      profiler,
      tracer,
      connect(boardId, doc, options) {
        const token = stack.tokens.issue({ boardId, right: options?.readOnly ? 'view' : 'edit', ttlSeconds: 3600, subject: 'bench' });
        const provider = new WebsocketProvider(url, boardId, doc, {
          params: { token },
          WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          maxBackoffTime: 500,
        });
        return providerClient(provider, doc);
      },
      settle: () => stack.gateway.idle(),
      serverErrors: () => errors,
      close: () => stack.close(),
    };
  },
};

