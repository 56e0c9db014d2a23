/**
 * The awareness update format of y-protocols (`awareness.js`): varUint count, then per client
 * varUint clientID, varUint clock, varString JSON state ("null" = removed). y-protocols only
 * reads and writes it through a live `Awareness` instance (which starts a timer); the stateless
 * server needs the entries themselves, so it reads them here with lib0's decoder.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

import type { AwarenessEntry } from '../storage/awareness-states';

export type { AwarenessEntry };

/** The number of entries an awareness update announces (its first varUint), without reading them. */
export function awarenessEntryCount(update: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(update));
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new RangeError('Too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state); // must be JSON, as y-protocols parses it on every peer
    entries.push({ clientID, clock, state });
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientID);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}
