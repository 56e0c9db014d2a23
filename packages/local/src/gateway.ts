/**
 * The local gateway: one Node process that plays API Gateway. It accepts WebSocket connections
 * on /sync and HTTP requests on everything else, turns each into the event API Gateway would
 * send, and calls the same handlers. It keeps API Gateway's rules:
 *  - text frames only: a binary frame closes the socket with 1003;
 *  - 128 KB per message (ws closes with 1009 above it);
 *  - nothing can be posted to a connection before its $connect returns (such a post is 410);
 *  - a post to a connection that is gone fails with 410; posts over 128 KB fail with 413;
 *  - messages of one connection are handled concurrently, like separate Lambda invocations;
 *  - 10-minute idle timeout and 2-hour connection lifetime.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  GoneConnectionError,
  ignoreFailure,
  type AuthorizerDecision,
  type ConnectionPoster,
  type HttpEvent,
  type HttpResult,
  type WebSocketAuthorizerEvent,
  type WsHandler,
} from '@binhan/functions';
import { authorizerEvent, authorizerOutputOf, connectEvent, disconnectEvent, messageEvent, type AuthorizerOutput, type EventSource } from './api-gateway-events';
import { toHttpEvent, writeHttpResult } from './http-adapter';

export const MAX_MESSAGE_BYTES = 128 * 1024;

export interface GatewayHandlers {
  ws: WsHandler;
  /**
   * The $connect route's authorizer (as on AWS): called before $connect; a refusal is answered
   * with its status and reason (AWS gives only the status), an allowance's context goes on every
   * event of the connection.
   */
  authorize?: (event: WebSocketAuthorizerEvent) => Promise<AuthorizerDecision>;
  http: (event: HttpEvent) => Promise<HttpResult>;
  /** Serves what is not an API route (the web app); return false to fall through to 404. */
  static?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface LocalGatewayOptions {
  port?: number;
  host?: string;
  /** Builds the handlers once the management API (post/delete) exists. */
  handlers: (management: ConnectionPoster) => GatewayHandlers;
  idleTimeoutMs?: number;
  maxLifetimeMs?: number;
  /** Awaited before each handler invocation (the bench adds Lambda's invocation overhead here). */
  beforeInvocation?: () => Promise<void>;
}

export interface LocalGateway {
  httpUrl: string;
  wsUrl: string;
  port: number;
  management: ConnectionPoster;
  connectionCount(): number;
  /** Resolves when every in-flight handler invocation has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export class PayloadTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`Post of ${bytes} bytes exceeds API Gateway's ${MAX_MESSAGE_BYTES}-byte limit (413)`);
    this.name = 'PayloadTooLargeError';
  }
}

interface LiveConnection {
  socket: WebSocket;
  connectedAt: number;
  authorizer: AuthorizerOutput;
  idleTimer?: NodeJS.Timeout;
  lifetimeTimer?: NodeJS.Timeout;
}

export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  const live = new Map<string, LiveConnection>();
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    void ignoreFailure(p.finally(() => inflight.delete(p)), 'p is returned to the caller, who handles its failure');
    return p;
  };
  const idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60 * 1000;
  const maxLifetimeMs = options.maxLifetimeMs ?? 2 * 60 * 60 * 1000;

  const management: ConnectionPoster = {
    async post(connectionId, frame) {
      const conn = live.get(connectionId);
      if (!conn || conn.socket.readyState !== conn.socket.OPEN) throw new GoneConnectionError(connectionId);
      const bytes = Buffer.byteLength(frame, 'utf8');
      if (bytes > MAX_MESSAGE_BYTES) throw new PayloadTooLargeError(bytes);
      await new Promise<void>((resolve, reject) =>
        conn.socket.send(frame, { binary: false }, (error) => (error ? reject(new GoneConnectionError(connectionId)) : resolve())),
      );
    },
    async disconnect(connectionId) {
      const conn = live.get(connectionId);
      if (!conn) throw new GoneConnectionError(connectionId);
      conn.socket.close(1000, 'Connection deleted by the server');
    },
  };
  const handlers = options.handlers(management);

  const server: Server = createServer((req, res) => {
    void track(serveHttp(req, res));
  });
  let src: EventSource = { domainName: 'localhost', stage: 'local', apiId: 'local' };

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (!path.startsWith('/api/') && handlers.static && (await handlers.static(req, res))) return;
      const event = await toHttpEvent(src, req);
      if ('tooLarge' in event) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'too-large', message: 'Request body over 10 MB.' } }));
        return;
      }
      writeHttpResult(res, await handlers.http(event));
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error in the local gateway.' } }));
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void track(upgrade(req, socket, head));
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/sync') return refuse(socket, 404, 'WebSocket endpoint is /sync?board=<boardId>&token=<token>');
    const connectionId = randomBytes(12).toString('base64').replace(/[+/=]/g, 'x');
    const connectedAt = Date.now();
    let result;
    let authorizer: AuthorizerOutput = null;
    try {
      if (handlers.authorize) {
        await options.beforeInvocation?.();
        const decision = await handlers.authorize(authorizerEvent(src, connectionId, req, connectedAt));
        if (!decision.allow) return refuse(socket, decision.status, decision.reason);
        authorizer = authorizerOutputOf(decision);
      }
      result = await invoke(connectEvent(src, connectionId, req, connectedAt, authorizer));
    } catch (error) {
      console.error(error);
      return refuse(socket, 500, 'Internal error');
    }
    if (result.statusCode < 200 || result.statusCode >= 300) return refuse(socket, result.statusCode, result.body ?? '');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, connectionId, connectedAt, authorizer));
  }

  /** One handler invocation (after the configured invocation overhead, if any). */
  async function invoke(event: Parameters<WsHandler>[0]): ReturnType<WsHandler> {
    if (options.beforeInvocation) await options.beforeInvocation();
    return handlers.ws(event);
  }

  function accept(ws: WebSocket, connectionId: string, connectedAt: number, authorizer: AuthorizerOutput): void {
    const conn: LiveConnection = { socket: ws, connectedAt, authorizer };
    live.set(connectionId, conn);
    const resetIdle = () => {
      if (conn.idleTimer) clearTimeout(conn.idleTimer);
      conn.idleTimer = setTimeout(() => ws.close(1001, 'Going away: idle timeout'), idleTimeoutMs);
      conn.idleTimer.unref();
    };
    resetIdle();
    conn.lifetimeTimer = setTimeout(() => ws.close(1001, 'Going away: connection lifetime'), maxLifetimeMs);
    conn.lifetimeTimer.unref();
    ws.on('message', (data, isBinary) => {
      resetIdle();
      if (isBinary) {
        ws.close(1003, 'Binary frames are not supported: send base64 text');
        return;
      }
      const body = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      void track(invoke(messageEvent(src, connectionId, body, connectedAt, authorizer)).catch((error: unknown) => console.error(error)));
    });
    ws.on('close', (code, reason) => {
      live.delete(connectionId);
      if (conn.idleTimer) clearTimeout(conn.idleTimer);
      if (conn.lifetimeTimer) clearTimeout(conn.lifetimeTimer);
      void track(
        invoke(disconnectEvent(src, connectionId, connectedAt, code, reason.toString(), authorizer)).catch((error: unknown) => console.error(error)),
      );
    });
    ws.on('error', () => {
      /* a protocol error (e.g. oversize) closes the socket; 'close' follows */
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  src = { domainName: `localhost:${port}`, stage: 'local', apiId: 'local' };
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  return {
    httpUrl: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
    wsUrl: `ws://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
    port,
    management,
    connectionCount: () => live.size,
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    async close() {
      const closed = [...live.values()].map((conn) => new Promise((resolve) => conn.socket.once('close', resolve)));
      for (const conn of live.values()) conn.socket.terminate();
      await Promise.all(closed); // their $disconnect invocations are now in flight, and awaited below
      await new Promise<void>((resolve) => {
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = Buffer.from(message, 'utf8');
  socket.write(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Error'}\r\n` +
      `Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body);
  socket.destroy();
}
