/**
 * The y-websocket protocol as the stateless server reads and writes it: y-protocols' sync,
 * awareness and auth sub-protocols inside one outer message type (lib0 varint framing).
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import { decodeBase64 } from '@binhan/transport';
import type { DecodedUpdate } from './board-docs/update-dependencies';
import { awarenessEntryCount, decodeAwarenessUpdate, type AwarenessEntry } from './awareness-codec';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /** `decoded`: the update as Y.decodeUpdate read it (it is read once, here, to validate it). */
  | { type: 'update'; update: Uint8Array; decoded: DecodedUpdate; step: 'sync-step2' | 'update' }
  | { type: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  /** An awareness message with more entries than the reader allows: only its count was read. */
  | { type: 'awareness-oversized'; count: number }
  | { type: 'query-awareness' }
  | { type: 'auth' };

export class ProtocolError extends Error {
  constructor(
    readonly code: 'malformed-message' | 'unknown-message' | 'malformed-update' | 'malformed-awareness',
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/**
 * Reads and validates one client message. Throws ProtocolError saying what was wrong. An
 * awareness message with more than `maxAwarenessEntries` entries is not decoded further
 * (`awareness-oversized`): refusing it costs the reading of one number.
 */
export function parseClientMessage(bytes: Uint8Array, options: { maxAwarenessEntries?: number } = {}): ClientMessage {
  const decoder = decoding.createDecoder(bytes);
  const outer = readOrThrow(() => decoding.readVarUint(decoder));
  switch (outer) {
    case messageSync: {
      const step = readOrThrow(() => decoding.readVarUint(decoder));
      const payload = readOrThrow(() => decoding.readVarUint8Array(decoder));
      if (step === syncProtocol.messageYjsSyncStep1) {
        try {
          Y.decodeStateVector(payload);
        } catch {
          throw new ProtocolError('malformed-message', 'Sync step 1 carries a malformed state vector.');
        }
        return { type: 'sync-step1', stateVector: payload };
      }
      if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        let decoded: DecodedUpdate;
        try {
          decoded = Y.decodeUpdate(payload);
        } catch {
          throw new ProtocolError('malformed-update', 'The Yjs update is malformed or truncated; it was not stored.');
        }
        return { type: 'update', update: payload, decoded, step: step === syncProtocol.messageYjsUpdate ? 'update' : 'sync-step2' };
      }
      throw new ProtocolError('unknown-message', `Unknown sync message type ${step} (expected 0, 1 or 2).`);
    }
    case messageAwareness: {
      const update = readOrThrow(() => decoding.readVarUint8Array(decoder));
      let count: number;
      try {
        count = awarenessEntryCount(update);
      } catch {
        throw new ProtocolError('malformed-awareness', 'The awareness update is malformed.');
      }
      if (options.maxAwarenessEntries !== undefined && count > options.maxAwarenessEntries) return { type: 'awareness-oversized', count };
      let entries: AwarenessEntry[];
      try {
        entries = decodeAwarenessUpdate(update);
      } catch {
        throw new ProtocolError('malformed-awareness', 'The awareness update is malformed.');
      }
      return { type: 'awareness', update, entries };
    }
    case messageQueryAwareness:
      return { type: 'query-awareness' };
    case messageAuth:
      return { type: 'auth' };
    default:
      throw new ProtocolError('unknown-message', `Unknown message type ${outer} (expected 0 sync, 1 awareness, 2 auth or 3 query-awareness).`);
  }
}

/** What a whole-message frame (base64 text) will be, from its first 4 characters only (no decoding of the rest). */
export type PeekedKind = 'sync-step1' | 'awareness' | 'query-awareness' | 'other';

/**
 * The kind of message a text frame carries, read from its first three bytes: so a message past
 * a rate that is known to be spent is refused before it is decoded. Fragments and control
 * frames (`~`, `{`) and anything unreadable are 'other' (the full reader decides).
 */
export function peekFrameKind(frame: string): PeekedKind {
  if (frame.length < 4 || frame.startsWith('~') || frame.startsWith('{')) return 'other';
  let head: Uint8Array;
  try {
    head = decodeBase64(frame.slice(0, 4));
  } catch {
    return 'other';
  }
  if (head[0] === messageAwareness) return 'awareness';
  if (head[0] === messageQueryAwareness) return 'query-awareness';
  if (head[0] === messageSync && head[1] === syncProtocol.messageYjsSyncStep1) return 'sync-step1';
  return 'other';
}

function readOrThrow<T>(read: () => T): T {
  try {
    return read();
  } catch {
    throw new ProtocolError('malformed-message', 'The message is truncated or not a y-websocket message.');
  }
}

/** An update (as Y.decodeUpdate reads it) that changes nothing: no structs, no deletions. */
export function isEmptyUpdate(decoded: DecodedUpdate): boolean {
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Message = (stateVector: Uint8Array) => syncMessage(syncProtocol.messageYjsSyncStep1, stateVector);
export const syncStep2Message = (update: Uint8Array) => syncMessage(syncProtocol.messageYjsSyncStep2, update);
export const updateMessage = (update: Uint8Array) => syncMessage(syncProtocol.messageYjsUpdate, update);

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function permissionDeniedMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
