/**
 * How the bench connects a stock y-websocket client to our server, wherever it runs: through
 * the text-frame polyfill (as the web app does), with a bench token of the right asked for.
 * Error frames the server sends are collected in `errors`.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createWebSocketPolyfill, type TextSocketConstructor } from '@binhan/transport';
import { providerClient } from './provider-client';
import type { RunningServer } from './types';

export interface TokenIssuer {
  issue(input: { boardId: string; right: 'view' | 'edit'; ttlSeconds: number; subject: string }): string;
}

export function ourConnector(url: string, tokens: TokenIssuer, errors: string[]): RunningServer['connect'] {
  const Polyfill = createWebSocketPolyfill({
    WebSocket: WebSocket as unknown as TextSocketConstructor,
    onServerError: (e) => errors.push(`${e.code}: ${e.message}`),
  });
  return (boardId, doc, options) => {
    const token = tokens.issue({ boardId, right: options?.readOnly ? 'view' : 'edit', ttlSeconds: 3600, subject: 'bench' });
    const provider = new WebsocketProvider(url, boardId, doc, {
      params: { token },
      WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 500,
    });
    return providerClient(provider, doc);
  };
}
