/**
 * The embedded engine called in process: an AWS SDK request handler that hands each DynamoDB
 * request straight to dynalite's request listener, instead of sending it over a loopback socket
 * (issue 12: the SDK's HTTP round trip to the engine was a large part of every storage call).
 * The SDK still builds, signs and parses every request exactly as it does against DynamoDB, and
 * dynalite still validates each one as it does over HTTP: only the socket is gone.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** The part of the SDK's HttpRequest this handler reads. */
interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

/** The shape of a smithy HttpHandler (`requestHandler` of an AWS SDK client). */
export interface InProcessRequestHandler {
  handle(request: SdkRequest): Promise<{ response: { statusCode: number; reason?: string; headers: Record<string, string>; body: Uint8Array } }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
  /**
   * Refuses every later request (the engine is closing): dynalite throws, uncaught, when a
   * request reaches a closed database, where over HTTP the closed port would refuse it.
   */
  close(): void;
  /** Whether close() was called. */
  isClosed(): boolean;
}

/** A request sent to the embedded engine after it was closed. */
export class EngineClosedError extends Error {
  constructor() {
    super('The embedded DynamoDB engine is closed: the local stack is shutting down.');
    this.name = 'EngineClosedError';
  }
}

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('The in-process DynamoDB handler takes string or byte bodies only (the DynamoDB JSON protocol).');
}

export function inProcessRequestHandler(listener: RequestListener): InProcessRequestHandler {
  let closed = false;
  return {
    handle(request) {
      return new Promise((resolve, reject) => {
        if (closed) {
          reject(new EngineClosedError());
          return;
        }
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
        const query = Object.entries(request.query ?? {})
          .flatMap(([k, v]) => (v === null ? [k] : (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)))
          .join('&');
        const req = Object.assign(new EventEmitter(), { method: request.method, url: request.path + (query ? `?${query}` : ''), headers });
        const outHeaders: Record<string, string> = {};
        const res = {
          statusCode: 200,
          contentType: 'application/x-amz-json-1.0',
          setHeader(name: string, value: number | string) {
            outHeaders[name.toLowerCase()] = String(value);
          },
          end(chunk?: string | Buffer) {
            const body = chunk === undefined ? new Uint8Array(0) : typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
            resolve({ response: { statusCode: res.statusCode, headers: outHeaders, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } });
          },
        };
        let payload: Buffer;
        try {
          payload = bodyBytes(request.body);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        try {
          listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        // The listener has attached its 'data'/'end' handlers: deliver the body as a socket would.
        queueMicrotask(() => {
          if (closed) {
            reject(new EngineClosedError());
            return;
          }
          try {
            if (payload.length > 0) req.emit('data', payload);
            req.emit('end');
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
    close() {
      closed = true;
    },
    isClosed: () => closed,
  };
}
