/**
 * Helpers for the abuse tests: y-websocket messages built by hand (an attacker does not use
 * the stock client), the frames a raw socket received, and how much a table holds.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Table } from '@binhan/functions';
import type { LocalStack } from '@binhan/local';
import { decodeBase64, encodeBase64 } from '@binhan/transport';
import { openRawSocket, type RawSocket } from './raw-socket';
import { connectClient, synced } from './sync-clients';

export type { RawSocket };

export async function rawSync(stack: LocalStack, boardId: string, token: string): Promise<RawSocket> {
  const s = await openRawSocket(stack, `board=${encodeURIComponent(boardId)}&token=${encodeURIComponent(token)}`);
  if (!('socket' in s)) throw new Error(`socket refused: ${s.status} ${s.body}`);
  return s;
}

/** An awareness message (type 1) with the given entries. */
export function awarenessFrame(entries: { clientID: number; clock: number; state: unknown }[]): string {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(update, e.clientID);
    encoding.writeVarUint(update, e.clock);
    encoding.writeVarString(update, JSON.stringify(e.state));
  }
  const msg = encoding.createEncoder();
  encoding.writeVarUint(msg, 1);
  encoding.writeVarUint8Array(msg, encoding.toUint8Array(update));
  return encodeBase64(encoding.toUint8Array(msg));
}

/** A query-awareness message (type 3). */
export function queryAwarenessFrame(): string {
  const msg = encoding.createEncoder();
  encoding.writeVarUint(msg, 3);
  return encodeBase64(encoding.toUint8Array(msg));
}

export function errorFrames(c: RawSocket): { code: string; message: string }[] {
  return c.frames
    .filter((f) => f.startsWith('{'))
    .map((f) => JSON.parse(f) as { type: string; code: string; message: string })
    .filter((f) => f.type === 'error');
}

/** Awareness messages (type 1) a raw socket received, decoded to entries. */
export function awarenessReceived(c: RawSocket): { clientID: number; clock: number; state: string }[][] {
  const out: { clientID: number; clock: number; state: string }[][] = [];
  for (const f of c.frames) {
    if (f.startsWith('{') || f.startsWith('~')) continue;
    const d = decoding.createDecoder(decodeBase64(f));
    if (decoding.readVarUint(d) !== 1) continue;
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    const entries = [];
    for (let i = 0; i < n; i++) entries.push({ clientID: decoding.readVarUint(u), clock: decoding.readVarUint(u), state: decoding.readVarString(u) });
    out.push(entries);
  }
  return out;
}

/** Items and bytes (JSON text of each item, binary as its length) the table holds, by key prefix of sk. */
export async function tableSize(table: Table, filter: (item: Record<string, unknown>) => boolean = () => true): Promise<{ items: number; bytes: number }> {
  let items = 0;
  let bytes = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      if (!filter(item)) continue;
      items++;
      bytes += JSON.stringify(item, (_k, v: unknown) => (v instanceof Uint8Array ? 'x'.repeat(v.byteLength) : v instanceof Set ? [...v] : v)).length;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, bytes };
}

/** Milliseconds for a fresh view client to connect and sync (the honest join). */
export async function joinTime(stack: LocalStack, boardId: string, token: string): Promise<number> {
  const started = performance.now();
  const c = connectClient(stack, boardId, token);
  await synced(c);
  const ms = performance.now() - started;
  c.destroy();
  return ms;
}

export async function medianJoin(stack: LocalStack, boardId: string, token: string, n = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await joinTime(stack, boardId, token));
  times.sort((a, b) => a - b);
  return times[Math.floor(n / 2)]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
