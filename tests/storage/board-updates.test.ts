/**
 * The storage rules of DESIGN.md, against both real engines: dynalite (embedded) and DynamoDB
 * Local (Java). Each test asserts what storage holds and what a loaded board contains.
 */
import * as Y from 'yjs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardUpdates, BoardWriteChecker, boardSource, keys, type Table } from '@binhan/functions';
import { engineStarters, freshTable, type Engine } from '../helpers/dynamo-engines';
import { docContent, docFromUpdate, editsAsUpdates, noise } from '../helpers/docs';
import { requireTool } from '../helpers/tools';
import { notes } from '../helpers/board-notes';

async function countItems(table: Table, boardId: string, prefix: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.board(boardId), ':p': prefix },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

for (const starter of engineStarters) {
  describe.skipIf(!requireTool(starter.tool, starter.available))(`board storage on ${starter.name}`, () => {
    let engine: Engine;
    let table: Table;
    let store: BoardUpdates;

    beforeAll(async () => {
      engine = await starter.start();
      table = await freshTable(engine);
      store = new BoardUpdates(table);
    });
    afterAll(async () => {
      table?.raw.destroy();
      await engine?.stop();
    });

    it('appends updates and loads a board equal to the edits', async () => {
      const { doc, updates } = editsAsUpdates(25);
      for (const u of updates) await store.append('plain', u);
      const { update } = await store.loadMerged('plain');
      expect(docContent(docFromUpdate(update))).toEqual(docContent(doc));
      expect(await countItems(table, 'plain', keys.updatePrefix)).toBe(25);
    });

    it('a cached board catches up from the log alone: no snapshot chunk is read, and a compaction past it is said', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let k = 0; k < 30; k++) notes(doc).set(`since-${k}`, `Việc ${k}: chuẩn bị hội trường, phông nền và nước uống cho đại biểu`);
      for (const u of updates.slice(0, 20)) await store.append('since', u);
      const compacted = await store.compact('since');
      expect(compacted.committed).toBe(true);
      // This process checks update 20 (its cache reads the board whole) and stores it…
      const checker = new BoardWriteChecker(boardSource(store));
      expect(await checker.checkWrite('since', updates[20]!, 'editor')).toMatchObject({ ok: true, refusals: [] });
      await store.append('since', updates[20]!);
      // …another process stores 21–28; update 29 needs them, so the cache catches up.
      for (const u of updates.slice(21, 29)) await store.append('since', u);
      const send = table.doc.send.bind(table.doc) as (...args: unknown[]) => Promise<unknown>;
      const reads: string[] = [];
      (table.doc as unknown as { send: typeof send }).send = (command: unknown, ...rest: unknown[]) => {
        reads.push(JSON.stringify((command as { input?: unknown }).input ?? {}));
        return send(command, ...rest);
      };
      const check = await checker.checkWrite('since', updates[29]!, 'editor');
      (table.doc as unknown as { send: typeof send }).send = send;
      expect(check).toMatchObject({ ok: true, refusals: [] });
      expect(checker.stats.refreshes).toBeGreaterThanOrEqual(1);
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((r) => r.includes('"C#'))).toEqual([]); // the snapshot is not read again
      // The snapshot plus the updates since is the whole board.
      const since = await store.updatesSince('since', compacted.version);
      expect(since).toHaveLength(9);
      // Compacted again: a cache at the older version must read the board whole.
      expect((await store.compact('since')).committed).toBe(true);
      expect(await store.updatesSince('since', compacted.version)).toBeNull();
    });

    it('round-trips a board whose state exceeds 400 KB, before and after compaction', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      // Three edits of ~450 KB each: each update is split into parts, queries paginate (> 1 MB).
      for (let i = 0; i < 3; i++) doc.getText('text').insert(0, noise(450_000, i + 1));
      doc.getMap('items').set('after', 'big');
      for (const u of updates) await store.append('big', u);
      expect(await countItems(table, 'big', keys.updatePrefix)).toBeGreaterThan(3);

      const before = await store.loadMerged('big');
      expect(docFromUpdate(before.update).getText('text').toString()).toBe(doc.getText('text').toString());

      const result = await store.compact('big');
      expect(result.committed).toBe(true);
      expect(result.snapshotBytes).toBeGreaterThan(1_300_000);
      expect(await countItems(table, 'big', keys.updatePrefix)).toBe(0);
      expect(await countItems(table, 'big', 'C#')).toBe(Math.ceil(result.snapshotBytes / (350 * 1024)));

      const after = await store.load('big');
      expect(after.updates).toHaveLength(0);
      const loaded = docFromUpdate(after.snapshot!);
      expect(loaded.getText('text').toString()).toBe(doc.getText('text').toString());
      expect(loaded.getMap('items').get('after')).toBe('big');
    });

    it('loads a board with 10,000 updates of history from its compacted form', async () => {
      const { doc, updates } = editsAsUpdates(10_000);
      await inBatches(updates, 100, (u) => store.append('history', u));
      const compacted = await store.compact('history');
      expect(compacted).toMatchObject({ committed: true, mergedUpdates: 10_000 });

      const loaded = await store.load('history');
      // O(state): one snapshot, no history left to replay.
      expect(loaded.updates).toHaveLength(0);
      expect(loaded.snapshotVersion).toBe(1);
      expect(loaded.storedBytes).toBe(Y.encodeStateAsUpdate(doc).byteLength);
      expect(docContent(docFromUpdate(loaded.snapshot!))).toEqual(docContent(doc));
      expect(await countItems(table, 'history', keys.updatePrefix)).toBe(0);
    });

    it('loses nothing when two compactions run at once while writers keep appending', async () => {
      const writers = Array.from({ length: 8 }, () => new Y.Doc());
      const all: Uint8Array[] = [];
      const reference = new Y.Doc();
      const batches = writers.map((w, i) => editsAsUpdates(60, `w${i}-`, w).updates);
      for (const b of batches) all.push(...b);
      // First half is stored, then compactions race each other and the second half.
      const half = batches.map((b) => b.slice(0, 30)).flat();
      const rest = batches.map((b) => b.slice(30)).flat();
      await inBatches(half, 40, (u) => store.append('race', u));
      const [a, b] = await Promise.all([
        store.compact('race', { useLease: false }),
        store.compact('race', { useLease: false }),
        inBatches(rest, 10, (u) => store.append('race', u)),
      ]);
      expect([a.committed, b.committed].filter(Boolean).length).toBeGreaterThanOrEqual(1);
      await store.compact('race');
      for (const u of all) Y.applyUpdate(reference, u);
      const { update } = await store.loadMerged('race');
      expect(docContent(docFromUpdate(update))).toEqual(docContent(reference));
      expect(Object.keys(docContent(reference).items)).toHaveLength(480);
    });

    it('lets only one of several simultaneous compactions work, through its lease', async () => {
    const { doc, updates } = editsAsUpdates(12, 'l');
    for (const u of updates) await store.append('lease', u);
    const results = await Promise.all([store.compact('lease'), store.compact('lease'), store.compact('lease')]);
    expect(results.filter((r) => r.committed)).toHaveLength(1);
    expect(results.filter((r) => !r.committed && r.version === -1)).toHaveLength(2);
    expect(docContent(docFromUpdate((await store.loadMerged('lease')).update))).toEqual(docContent(doc));
    // The lease is released: the next compaction may run (nothing left to merge).
    await store.append('lease', editsAsUpdates(1, 'm', doc).updates[0]!);
    expect((await store.compact('lease')).committed).toBe(true);
  });

  it('keeps the stored board readable when a compaction loses its conditional write', async () => {
      const { doc, updates } = editsAsUpdates(10, 'c');
      for (const u of updates) await store.append('loser', u);
      // Start two compactions from the same head: exactly one may commit version 1.
      // Without the lease, so the conditional commit itself is what decides.
      const noLease = { useLease: false };
      const results = await Promise.all([store.compact('loser', noLease), store.compact('loser', noLease), store.compact('loser', noLease)]);
      const committed = results.filter((r) => r.committed);
      expect(committed.length).toBeGreaterThanOrEqual(1);
      const loaded = await store.load('loser');
      expect(docContent(docFromUpdate((await store.loadMerged('loser')).update))).toEqual(docContent(doc));
      // Losers removed their chunks: only the winning chunk set remains.
      expect(await countItems(table, 'loser', 'C#')).toBe(1);
      expect(loaded.snapshotVersion).toBe(Math.max(...committed.map((r) => r.version)));
    });
  });
}
