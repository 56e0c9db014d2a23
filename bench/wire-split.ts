/**
 * BENCH_WIRE_SPLIT=<dir>: where an edit's time goes between the processes, for the servers that
 * run in a process of their own (npm-start, reference-own-process, aws-*-own-process).
 *
 * Every bench process (the clients' and each server's) notes, on one clock (performance.timeOrigin
 * + now), when a WebSocket frame is sent (ws `send`), when one is received (ws 'message'), when a
 * TCP socket writes (net `_writeGeneric`) and when one has data ('data'). A server writes its
 * notes to <dir> when it exits; the bench process then splits each edit into:
 *   client send → server has the message → server's first post → first write to the kernel →
 *   a client process has the bytes → its ws 'message'.
 * Only edits at least 10 ms after the previous one are split (use it with BENCH_RUNS=20@20): one
 * edit in flight, so the k-th frames of each process belong together. Off unless asked for: the
 * notes are a few array pushes per frame, but they change what is measured.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { percentile, round } from './util';

interface WireTimes {
  /** ws send (frames over 8 bytes: y-websocket messages, not pings). */
  sends: number[];
  /** ws 'message' (frames over 8 bytes). */
  messages: number[];
  /** A TCP socket's write (the system call that hands bytes to the kernel). */
  writes: number[];
  /** A TCP socket's 'data' (bytes arrived in this process). */
  data: number[];
}

const times: WireTimes = { sends: [], messages: [], writes: [], data: [] };
const clock = (): number => performance.timeOrigin + performance.now();
const size = (value: unknown): number => (value as { length?: number; byteLength?: number } | null)?.length ?? (value as { byteLength?: number } | null)?.byteLength ?? 0;

/** Starts noting this process's frames; a server (`role` 'server') writes them to `dir` when it exits. */
export function recordWireTimes(dir: string, role: 'clients' | 'server', name = 'server'): void {
  const ws = WebSocket.prototype as unknown as { send(...args: unknown[]): void; emit(event: string, ...args: unknown[]): boolean };
  const send = ws.send;
  ws.send = function (this: unknown, ...args: unknown[]) {
    if (size(args[0]) > 8) times.sends.push(clock());
    return send.apply(this, args);
  };
  const emit = ws.emit;
  ws.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === 'message' && size(args[0]) > 8) times.messages.push(clock());
    return emit.call(this, event, ...args);
  };
  const socket = net.Socket.prototype as unknown as { _writeGeneric(...args: unknown[]): unknown; emit(event: string, ...args: unknown[]): boolean };
  const write = socket._writeGeneric;
  socket._writeGeneric = function (this: unknown, ...args: unknown[]) {
    times.writes.push(clock());
    return write.apply(this, args);
  };
  const socketEmit = socket.emit;
  socket.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === 'data') times.data.push(clock());
    return socketEmit.call(this, event, ...args);
  };
  if (role === 'server') process.on('exit', () => writeFileSync(join(dir, `${name}-${process.pid}.json`), JSON.stringify(times)));
}

/** How many of the sorted `values` are at or before `t` (a binary search). */
function countUpTo(values: number[], t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
/** The first value after `t` (Infinity when none). */
const firstAfter = (values: number[], t: number): number => values[countUpTo(values, t)] ?? Infinity;
/** The last value at or before `t` (-Infinity when none). */
const lastBefore = (values: number[], t: number): number => values[countUpTo(values, t) - 1] ?? -Infinity;

const SEGMENTS = [
  'client send → server has the message',
  'server: message → first post',
  'first post → written to the kernel',
  'written → a client process has the bytes',
  'bytes → ws message in the client',
  'client send → first client has it (sum)',
  'server: first post → last post of the edit',
] as const;

/** The split of each server's edits, from the notes in `dir` and this (the clients') process's. */
export function renderWireSplit(dir: string): string {
  const clients = times;
  const lines: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const server = JSON.parse(readFileSync(join(dir, file), 'utf8')) as WireTimes;
    const split: number[][] = SEGMENTS.map(() => []);
    for (let i = 1; i < server.messages.length; i++) {
      const received = server.messages[i]!;
      if (received - server.messages[i - 1]! < 10) continue;
      const sent = lastBefore(clients.sends, received);
      const posted = firstAfter(server.sends, received);
      const written = firstAfter(server.writes, posted);
      const arrived = firstAfter(clients.data, written);
      const delivered = firstAfter(clients.messages, arrived);
      const steps = [sent, received, posted, written, arrived, delivered];
      if (steps.some((t, k) => k > 0 && !(t - steps[k - 1]! < 10))) continue;
      // The edit's fan-out: the server's sends from its first post until its next message (within 5 ms).
      const next = server.messages[i + 1] ?? Infinity;
      const last = lastBefore(server.sends, Math.min(next, posted + 5));
      for (let k = 0; k < 5; k++) split[k]!.push(steps[k + 1]! - steps[k]!);
      split[5]!.push(delivered - sent);
      split[6]!.push(last - posted);
    }
    const p = (values: number[], q: number) => (values.length ? `${round(percentile(values, q), 3)}` : '—');
    lines.push(`${file.replace(/-\d+\.json$/, '')} (pid ${file.match(/-(\d+)\.json$/)?.[1] ?? '?'}): ${split[0]!.length} edits split`);
    SEGMENTS.forEach((segment, k) => lines.push(`  ${segment.padEnd(44)} p50 ${p(split[k]!, 50).padStart(6)} ms   p90 ${p(split[k]!, 90).padStart(6)} ms`));
  }
  return lines.length ? `Where the time goes between the processes (BENCH_WIRE_SPLIT)\n${lines.join('\n')}` : 'BENCH_WIRE_SPLIT: no server process wrote its notes';
}
