/**
 * Stateless handlers invoked in parallel, as Lambda would: many writers at once, compactions
 * racing each other and the writers. Nothing may be lost: every client's final state and the
 * stored state equal the union of all edits.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { BoardUpdates, updateMessage, type ConnectionPoster } from '@binhan/functions';
import { decodeFrame, encodeBase64, FragmentJoiner } from '@binhan/transport';
import { boardContent, lines, notes } from '../helpers/board-notes';
import { wsEvent } from '../helpers/ws-event';
import { useDirectHandler } from '../helpers/direct-handler';

const board = 'parallel';

/** Records every frame posted, per connection. */
function recordingPoster(): ConnectionPoster & { inbox: Map<string, string[]> } {
  const inbox = new Map<string, string[]>();
  return {
    inbox,
    async post(connectionId, frame) {
      await new Promise((r) => setImmediate(r)); // a network hop
      const list = inbox.get(connectionId) ?? [];
      list.push(frame);
      inbox.set(connectionId, list);
    },
    async disconnect() {},
  };
}

/** Applies every sync update a connection received to its doc. */
function applyInbox(doc: Y.Doc, frames: string[]): void {
  const joiner = new FragmentJoiner();
  for (const text of frames) {
    const frame = decodeFrame(text);
    const bytes = frame.kind === 'message' ? frame.bytes : frame.kind === 'fragment' ? joiner.add(frame) : null;
    if (!bytes) continue;
    const d = decoding.createDecoder(bytes);
    if (decoding.readVarUint(d) !== 0) continue;
    const step = decoding.readVarUint(d);
    if (step === 1 || step === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  }
}

describe('handlers invoked in parallel', () => {
  const poster = recordingPoster();
  // Every 7th accepted update starts a compaction (deterministic stand-in for the 1-in-7 chance).
  let calls = 0;
  const random = () => (++calls % 7 === 0 ? 0 : 0.999);
  const direct = useDirectHandler('parallel', poster, () => ({ compactEvery: 7, random }));

  it('lose no update with 12 writers × 40 edits and compactions racing them', async () => {
    const { table, handler, tokens } = direct();
    const writers = Array.from({ length: 12 }, (_, i) => ({ id: `conn-${i}`, doc: new Y.Doc(), updates: [] as Uint8Array[] }));
    for (const w of writers) {
      const token = tokens.issue({ boardId: board, right: 'edit', ttlSeconds: 600 });
      const res = await handler(wsEvent('$connect', w.id, { queryStringParameters: { board, token } }));
      expect(res.statusCode).toBe(200);
      w.doc.on('update', (u: Uint8Array) => w.updates.push(u));
      for (let k = 0; k < 40; k++) {
        if (k % 5 === 0) lines(w.doc).insert(0, `${w.id}:${k};`);
        else notes(w.doc).set(`${w.id}-${k}`, k);
      }
    }
    const union = new Y.Doc();
    for (const w of writers) for (const u of w.updates) Y.applyUpdate(union, u);

    // Every update of every writer at once, plus explicit compactions in the middle of it.
    const updates = new BoardUpdates(table);
    const invocations = writers.flatMap((w) =>
      w.updates.map((u) => handler(wsEvent('$default', w.id, { body: encodeBase64(updateMessage(u)) }))),
    );
    const results = await Promise.all([...invocations, updates.compact(board), updates.compact(board)]);
    expect(results.slice(0, invocations.length).every((r) => (r as { statusCode: number }).statusCode === 200)).toBe(true);

    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await updates.loadMerged(board)).update);
    expect(boardContent(stored)).toEqual(boardContent(union));
    expect(Object.keys(boardContent(union).items)).toHaveLength(12 * 32);
    expect(boardContent(union).text).toHaveLength(writers.reduce((n, w) => n + lines(w.doc).length, 0));

    // Each client: its own edits plus everything fanned out to it.
    for (const w of writers) {
      applyInbox(w.doc, poster.inbox.get(w.id) ?? []);
      expect(boardContent(w.doc)).toEqual(boardContent(union));
    }
    // Compaction ran along the way: most history is folded into the snapshot.
    const load = await updates.load(board);
    expect(load.snapshotVersion).toBeGreaterThanOrEqual(1);
    expect(load.updates.length).toBeLessThan(480);
  });
});
