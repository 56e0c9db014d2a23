/**
 * Real y-websocket clients (the stock WebsocketProvider) over real sockets, through the
 * project's base64 WebSocketPolyfill, against a local gateway.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createWebSocketPolyfill, type TextSocketConstructor } from '@binhan/transport';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '@binhan/local';

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  serverErrors: { code: string; message: string }[];
  permissionDenied: string[];
  destroy(): void;
}

/** `params`: more query parameters for the socket URL (besides the token). */
export function connectClient(stack: LocalStack, boardId: string, token: string, doc = new Y.Doc(), params: Record<string, string> = {}): SyncClient {
  const serverErrors: SyncClient['serverErrors'] = [];
  const permissionDenied: string[] = [];
  const Polyfill = createWebSocketPolyfill({
    WebSocket: WebSocket as unknown as TextSocketConstructor,
    onServerError: (e) => serverErrors.push(e),
  });
  const provider = new WebsocketProvider(`${stack.gateway.wsUrl}/sync`, boardId, doc, {
    params: { ...params, token },
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  // Record the y-protocols auth message (permission-denied) instead of only logging it.
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0 /* messagePermissionDenied */) permissionDenied.push(decoding.readVarString(decoder));
  };
  return {
    doc,
    provider,
    serverErrors,
    permissionDenied,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const synced = (c: SyncClient) => waitFor(() => c.provider.synced, 'client synced');

export async function startTestStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  return startLocalStack({ port: 0, syncTokenSecret: 'test-secret-test-secret-test-secret-!!', ...options });
}

export function tokensFor(stack: LocalStack, boardId: string) {
  return {
    edit: stack.tokens.issue({ boardId, right: 'edit', ttlSeconds: 3600, subject: 'staff' }),
    view: stack.tokens.issue({ boardId, right: 'view', ttlSeconds: 3600, subject: 'district' }),
  };
}

/** The board as storage holds it, as a doc. */
export async function storedDoc(stack: LocalStack, boardId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await stack.updates.loadMerged(boardId)).update);
  return doc;
}
