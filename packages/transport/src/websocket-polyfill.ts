/**
 * A WebSocket look-alike for the stock y-websocket `WebsocketProvider` (option
 * `WebSocketPolyfill`). It carries every binary y-websocket message as base64 text frames
 * (fragmented above the frame limit), joins fragments the server sends, moves the room into
 * the query string, and turns the server's JSON control frames into errors and close codes.
 */
import {
  CLIENT_MAX_FRAME_CHARS,
  FragmentJoiner,
  FrameError,
  decodeFrame,
  encodeMessage,
  type ControlFrame,
} from './frames';
import { toGatewayUrl } from './sync-url';
import { fitCloseReason } from './close-codes';

/** The part of the WebSocket API the polyfill needs from the socket under it. */
export interface TextSocket {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type TextSocketConstructor = new (url: string, protocols?: string | string[]) => TextSocket;

export interface PolyfillOptions {
  /** The socket class to wrap; defaults to the platform's `WebSocket`. Node tests pass `ws`. */
  WebSocket?: TextSocketConstructor;
  maxFrameChars?: number;
  /** Called with each error the server reports (bad frame, refused write, …). */
  onServerError?: (error: ServerError) => void;
}

/** An error the server reported in a control frame. */
export interface ServerError {
  code: string;
  message: string;
  /** For code "undone": the entries whose change was undone ("cards.n1", "facts.funds"). */
  entries?: string[];
}

export interface PolyfillCloseEvent {
  code: number;
  reason: string;
  wasClean: boolean;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

export interface PolyfillSocket {
  readonly url: string;
  readonly readyState: number;
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: PolyfillCloseEvent) => void) | null;
  send(data: ArrayBuffer | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type PolyfillClass = {
  new (url: string, protocols?: string | string[]): PolyfillSocket;
  readonly CONNECTING: number;
  readonly OPEN: number;
  readonly CLOSING: number;
  readonly CLOSED: number;
};

export function createWebSocketPolyfill(options: PolyfillOptions = {}): PolyfillClass {
  const maxFrameChars = options.maxFrameChars ?? CLIENT_MAX_FRAME_CHARS;
  const resolveImpl = (): TextSocketConstructor => {
    if (options.WebSocket) return options.WebSocket;
    const platform = (globalThis as { WebSocket?: TextSocketConstructor }).WebSocket;
    if (!platform) throw new Error('No WebSocket implementation: pass one as options.WebSocket (e.g. the "ws" package in Node).');
    return platform;
  };

  class Base64WebSocket implements PolyfillSocket {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSING = CLOSING;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSING = CLOSING;
    readonly CLOSED = CLOSED;

    readonly url: string;
    binaryType = 'arraybuffer';
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onclose: ((event: PolyfillCloseEvent) => void) | null = null;

    private readonly socket: TextSocket;
    private readonly joiner = new FragmentJoiner();
    private closeOverride: ControlFrame | null = null;

    constructor(url: string, protocols?: string | string[]) {
      this.url = toGatewayUrl(url);
      const Impl = resolveImpl();
      this.socket = protocols === undefined ? new Impl(this.url) : new Impl(this.url, protocols);
      this.socket.onopen = (event) => this.onopen?.(event);
      this.socket.onerror = (event) => this.onerror?.(event);
      this.socket.onclose = (event) => {
        this.joiner.clear();
        const override = this.closeOverride?.type === 'close' ? this.closeOverride : null;
        this.onclose?.({
          code: override ? override.code : event.code,
          reason: override ? override.reason : event.reason,
          wasClean: event.wasClean ?? true,
        });
      };
      this.socket.onmessage = (event) => this.receive(event.data);
    }

    get readyState(): number {
      return this.socket.readyState;
    }

    send(data: ArrayBuffer | Uint8Array): void {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
      for (const frame of encodeMessage(bytes, maxFrameChars)) this.socket.send(frame);
    }

    close(code?: number, reason?: string): void {
      this.socket.close(code, reason === undefined ? undefined : fitCloseReason(reason));
    }

    private receive(data: unknown): void {
      if (typeof data !== 'string') {
        this.reportError({ code: 'binary-frame', message: 'The server sent a binary frame; expected base64 text.' });
        return;
      }
      try {
        const frame = decodeFrame(data);
        if (frame.kind === 'control') return this.handleControl(frame.control);
        const bytes = frame.kind === 'message' ? frame.bytes : this.joiner.add(frame);
        if (bytes) {
          const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
          this.onmessage?.({ data: buffer });
        }
      } catch (error) {
        if (error instanceof FrameError) this.reportError({ code: error.code, message: error.message });
        else throw error;
      }
    }

    private handleControl(control: ControlFrame): void {
      if (control.type === 'close') {
        // API Gateway cannot choose a close code, so the server announces it before it disconnects.
        this.closeOverride = control;
        // A browser refuses close reasons over 123 UTF-8 bytes; codes 4000–4999 are ours to send.
        // A browser throws on a code outside 1000 and 3000–4999: such a code closes as 1000.
        const code = control.code === 1000 || (control.code >= 3000 && control.code <= 4999) ? control.code : 1000;
        this.socket.close(code, fitCloseReason(control.reason));
        return;
      }
      this.reportError({ code: control.code, message: control.message, ...(control.entries ? { entries: control.entries } : {}) });
    }

    private reportError(error: ServerError): void {
      if (options.onServerError) options.onServerError(error);
      else console.warn(`[sync] ${error.code}: ${error.message}`);
    }
  }
  return Base64WebSocket;
}
