/**
 * How often a board's log is compacted (storage/compaction-policy.ts). A compaction rewrites the
 * whole state, so a big board edited in small steps used to write ~100 bytes of snapshot per
 * byte edited (every 100 edits, whatever the size); now the chance follows the share of the
 * state an edit adds, between 1 in `every` and 1 in 10 × `every`. Tried: the rule's bounds; and,
 * through the real handler on the embedded engine with the same draw (0.005, compactEvery 100),
 * a small board (compacted, as before) and a 290 KB board (not compacted by 20 small edits),
 * both keeping every edit; and the opener's rule on the log it read.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardUpdates, compactionChance, logDueForCompaction, MAX_LOG_FACTOR, updateMessage, type ConnectionPoster } from '@binhan/functions';
import { encodeBase64 } from '@binhan/transport';
import { notes } from '../helpers/board-notes';
import { wsEvent } from '../helpers/ws-event';
import { useDirectHandler } from '../helpers/direct-handler';


describe('the compaction rule', () => {
  it('compacts a small board every `every` updates, a big one by the share of its state, within 1/every and 1/(10 × every)', () => {
    expect(compactionChance(60, 4_000, 100)).toBe(1 / 100); // 60 B of a 4 KB board: capped at 1 in 100
    expect(compactionChance(60, 0, 100)).toBe(1 / 100); // size unknown: as before
    expect(compactionChance(60, 480_000, 100)).toBe(1 / (100 * MAX_LOG_FACTOR)); // 60 B of 480 KB: floor, 1 in 1,000
    expect(compactionChance(600, 240_000, 100)).toBeCloseTo(600 / 120_000); // in between: 1 in 200
  });

  it('has the opener compact a log of half the state or of 10 × every updates', () => {
    expect(logDueForCompaction({ updates: 100, bytes: 3_000, snapshotBytes: 4_000 }, 100)).toBe(true);
    expect(logDueForCompaction({ updates: 99, bytes: 3_000, snapshotBytes: 4_000 }, 100)).toBe(false);
    expect(logDueForCompaction({ updates: 300, bytes: 18_000, snapshotBytes: 480_000 }, 100)).toBe(false);
    expect(logDueForCompaction({ updates: 1_000, bytes: 60_000, snapshotBytes: 480_000 }, 100)).toBe(true);
    expect(logDueForCompaction({ updates: 150, bytes: 250_000, snapshotBytes: 480_000 }, 100)).toBe(true);
  });
});

describe('compaction on the edit path, by board size', () => {
  const quiet: ConnectionPoster = { async post() {}, async disconnect() {} };
  // The same draw for every edit: under the old 1-in-100 rule (0.005 × 100 < 1) every edit compacted.
  const direct = useDirectHandler('compaction-policy', quiet, () => ({ compactEvery: 100, random: () => 0.005 }));
  const updatesOf = () => new BoardUpdates(direct().table);

  async function editTwenty(board: string): Promise<Y.Doc> {
    const { handler, tokens } = direct();
    const token = tokens.issue({ boardId: board, right: 'edit', ttlSeconds: 600 });
    expect((await handler(wsEvent('$connect', `c-${board}`, { queryStringParameters: { board, token } }))).statusCode).toBe(200);
    const doc = new Y.Doc();
    const sent: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => sent.push(u));
    for (let k = 0; k < 20; k++) notes(doc).set(`edit-${k}`, `Việc ${k}: chuẩn bị hội trường`);
    for (const u of sent) expect((await handler(wsEvent('$default', `c-${board}`, { body: encodeBase64(updateMessage(u)) }))).statusCode).toBe(200);
    return doc;
  }

  it('a small board is compacted as before', async () => {
    const updates = updatesOf();
    const doc = await editTwenty('small-board');
    const load = await updates.load('small-board');
    expect(load.snapshotVersion).toBeGreaterThanOrEqual(1);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await updates.loadMerged('small-board')).update);
    expect(notes(stored).toJSON()).toEqual(notes(doc).toJSON());
  });

  it('a 290 KB board is not rewritten for 20 small edits, and keeps them all', async () => {
    const updates = updatesOf();
    const seed = new Y.Doc();
    const long = 'Hồ sơ đề nghị khen thưởng của tập thể, cá nhân tiêu biểu trong phong trào thi đua. '.repeat(3);
    for (let i = 0; i < 1_000; i++) notes(seed).set(`seed-${i}`, `${i}. ${long}`);
    await updates.append('big-board', Y.encodeStateAsUpdate(seed));
    expect((await updates.compact('big-board')).committed).toBe(true);
    const before = await updates.load('big-board');
    expect(before.snapshot!.byteLength).toBeGreaterThan(250_000);

    const doc = await editTwenty('big-board');
    const after = await updates.load('big-board');
    expect(after.snapshotVersion).toBe(before.snapshotVersion); // no compaction: no 290 KB rewritten
    expect(after.updates).toHaveLength(20);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await updates.loadMerged('big-board')).update);
    expect(notes(stored).toJSON()).toEqual({ ...notes(seed).toJSON(), ...notes(doc).toJSON() });
  });
});
