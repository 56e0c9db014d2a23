/** A raw `ws` socket on /sync: exactly what goes on the wire, every frame received, the close code. */
import WebSocket from 'ws';
import type { LocalStack } from '@binhan/local';

export interface RawSocket {
  socket: WebSocket;
  frames: string[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `/sync?<query>`; resolves with the socket, or with the HTTP status and body of a refused handshake. */
export function openRawSocket(stack: LocalStack, query: string): Promise<RawSocket | { status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${stack.gateway.wsUrl}/sync?${query}`);
    const frames: string[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    socket.on('message', (data) => frames.push(data.toString()));
    socket.on('open', () => resolve({ socket, frames, closed }));
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.on('error', () => {});
  });
}
