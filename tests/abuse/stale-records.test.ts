/**
 * What a killed process or an expired link leaves in the table, against both real engines
 * (dynalite and DynamoDB Local, neither of which deletes TTL items) (issue 10, items 6-7):
 *  - a compaction killed right after its commit (its old chunk set and merged updates left, its
 *    lease not released) and one killed before its commit (an orphan chunk set): a fresh process
 *    compacts within the lease time and the sweep leaves only the head's chunks;
 *  - expired connection, awareness and fragment records: ignored on read and removed.
 */
import * as Y from 'yjs';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwarenessStates, BoardUpdates, COMPACTION_LEASE_MS, Connections, Fragments, keys, type Table } from '@binhan/functions';
import { engineStarters, freshTable, type Engine } from '../helpers/dynamo-engines';
import { docContent, docFromUpdate, editsAsUpdates } from '../helpers/docs';
import { requireTool } from '../helpers/tools';

async function sks(table: Table, pk: string, prefix = ''): Promise<string[]> {
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
      ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
      ProjectionExpression: 'sk',
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => String(i.sk)).sort();
}

/**
 * The table as a process sees it that is killed once `dies(command)` is true: that command
 * still completes (or not, with `before`), everything after it fails as if the process had gone.
 */
function killable(table: Table, dies: (input: Record<string, unknown>) => boolean, when: 'after' | 'before'): Table {
  let dead = false;
  const doc = {
    send: async (command: { input: Record<string, unknown> }) => {
      if (dead) throw new Error('process killed');
      if (dies(command.input)) {
        dead = true;
        if (when === 'before') throw new Error('process killed');
        return table.doc.send(command as never);
      }
      return table.doc.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { name: table.name, raw: table.raw, doc };
}

const isCommit = (input: Record<string, unknown>) => typeof input.UpdateExpression === 'string' && input.UpdateExpression.startsWith('SET #v = :v');

for (const starter of engineStarters) {
  describe.skipIf(!requireTool(starter.tool, starter.available))(`stale records on ${starter.name}`, () => {
    let engine: Engine;
    let table: Table;

    beforeAll(async () => {
      engine = await starter.start();
      table = await freshTable(engine);
    });
    afterAll(async () => {
      table?.raw.destroy();
      await engine?.stop();
    });

    it('a compaction killed after its commit: a fresh process compacts within the lease, and the sweep leaves only the head’s chunks', async () => {
      const board = 'killed-after';
      const store = new BoardUpdates(table);
      const { doc, updates } = editsAsUpdates(30);
      for (const u of updates.slice(0, 15)) await store.append(board, u);
      expect((await store.compact(board)).committed).toBe(true); // version 1
      for (const u of updates.slice(15)) await store.append(board, u);
      // Killed right after committing version 2: it neither deleted what it merged or replaced,
      // nor released its lease.
      await expect(new BoardUpdates(killable(table, isCommit, 'after')).compact(board)).rejects.toThrow('process killed');
      const chunkSets = new Set((await sks(table, keys.board(board), 'C#')).map((sk) => sk.split('#')[1]));
      expect(chunkSets.size).toBe(2); // the old set is still there
      expect((await sks(table, keys.board(board), 'U#')).length).toBe(15);
      // A fresh process (after a restart) with a new edit.
      const fresh = new BoardUpdates(table);
      const extra = new Y.Doc();
      Y.applyUpdate(extra, Y.encodeStateAsUpdate(doc));
      const last = editsAsUpdates(1, 'after-restart', extra);
      await fresh.append(board, last.updates[0]!);
      const started = Date.now();
      let result = await fresh.compact(board);
      while (!result.committed && Date.now() - started < COMPACTION_LEASE_MS + 3_000) {
        await new Promise((r) => setTimeout(r, 250));
        result = await fresh.compact(board);
      }
      const waited = Date.now() - started;
      console.log(`[abuse] ${starter.name}: compaction after a killed one waited ${waited} ms (lease ${COMPACTION_LEASE_MS} ms)`);
      expect(result.committed).toBe(true);
      expect(waited).toBeLessThan(COMPACTION_LEASE_MS + 1_000);
      const after = await sks(table, keys.board(board), 'C#');
      expect(new Set(after.map((sk) => sk.split('#')[1])).size).toBe(1);
      expect(await sks(table, keys.board(board), 'U#')).toEqual([]);
      expect(docContent(docFromUpdate((await fresh.loadMerged(board)).update))).toEqual(docContent(last.doc));
    });

    it('a compaction killed before its commit leaves an orphan chunk set that the next sweep removes', async () => {
      const board = 'killed-before';
      const store = new BoardUpdates(table);
      const { doc, updates } = editsAsUpdates(10);
      for (const u of updates) await store.append(board, u);
      await expect(new BoardUpdates(killable(table, isCommit, 'before')).compact(board, { useLease: false })).rejects.toThrow('process killed');
      expect((await sks(table, keys.board(board), 'C#')).length).toBeGreaterThan(0); // the orphan
      // Not swept while it might still be committed (younger than the lease) …
      expect(await store.sweep(board)).toBe(0);
      // … but once the head has reached its version, it is dead.
      expect((await store.compact(board)).committed).toBe(true);
      const sets = new Set((await sks(table, keys.board(board), 'C#')).map((sk) => sk.split('#')[1]));
      expect(sets.size).toBe(1);
      // An orphan of a version ahead of the head goes once it is older than the lease.
      const later = new BoardUpdates(table, () => Date.now() + COMPACTION_LEASE_MS + 1_000);
      await table.doc.send(new PutCommand({ TableName: table.name, Item: { pk: keys.board(board), sk: keys.chunk('9-deadbeef', 0), d: new Uint8Array([1]), at: Date.now() } }));
      expect(await store.sweep(board)).toBe(0);
      expect(await later.sweep(board)).toBe(1);
      expect(docContent(docFromUpdate((await store.loadMerged(board)).update))).toEqual(docContent(doc));
    });

    it('expired connection, awareness and fragment records are ignored on read and removed', async () => {
      const board = 'expired';
      const past = () => Date.now() - 4 * 60 * 60 * 1000; // 4 hours ago: past every TTL
      const old = new Connections(table, past);
      await old.put({ connectionId: 'old-conn', boardId: board, right: 'edit', role: 'editor', subject: 'x', tokenId: 't' });
      await new Fragments(table, past).add('old-conn', 'm1', 0, 3, 'QUJD');
      await new AwarenessStates(table, past).apply(board, 'old-conn', [{ clientID: 11, clock: 1, state: '{"user":{"name":"Cũ"}}' }]);
      const live = new Connections(table);
      await live.put({ connectionId: 'live-conn', boardId: board, right: 'view', role: 'viewer', subject: 'y', tokenId: 'u' });
      await new AwarenessStates(table).apply(board, 'live-conn', [{ clientID: 22, clock: 1, state: '{"user":{"name":"Mới"}}' }]);
      expect((await sks(table, keys.connection('old-conn'))).length).toBe(3); // index, fragment, counter

      const conns = new Connections(table);
      expect((await conns.get('old-conn'))).toBeNull();
      expect((await conns.listBoard(board)).map((c) => c.connectionId)).toEqual(['live-conn']);
      expect((await new AwarenessStates(table).list(board)).map((s) => s.clientID)).toEqual([22]);
      // Removed from storage, not only hidden.
      expect(await sks(table, keys.board(board))).toEqual([keys.awareness(22), keys.boardConnection('live-conn')].sort());
      expect(await sks(table, keys.connection('old-conn'))).toEqual([]);
    });

    it("a fan-out's audience read (projected) holds where to post and since when, and removes expired records as the full read does", async () => {
      const board = 'audience';
      const past = () => Date.now() - 4 * 60 * 60 * 1000;
      await new Connections(table, past).put({ connectionId: 'gone-conn', boardId: board, right: 'edit', role: 'editor', subject: 'x', tokenId: 't' });
      const conns = new Connections(table);
      const before = Date.now();
      await conns.put({ connectionId: 'edit-conn', boardId: board, right: 'edit', role: 'leader', subject: 'lan', tokenId: 'u', declaredName: 'Chị Lan' });
      await conns.put({ connectionId: 'view-conn', boardId: board, right: 'view', role: 'viewer', subject: 'link', tokenId: 'v' });
      const audience = await conns.listAudience(board);
      // Only what a post and a stale connection's removal use: no role, subject, token or name.
      expect(audience.map((m) => Object.keys(m).sort())).toEqual([['boardId', 'connectedAt', 'connectionId'], ['boardId', 'connectedAt', 'connectionId']]);
      expect(audience.map((m) => m.connectionId).sort()).toEqual(['edit-conn', 'view-conn']);
      for (const m of audience) {
        expect(m.boardId).toBe(board);
        expect(m.connectedAt).toBeGreaterThanOrEqual(before);
      }
      // The expired record is gone from storage, as after listBoard; the full read agrees.
      expect(await sks(table, keys.board(board))).toEqual([keys.boardConnection('edit-conn'), keys.boardConnection('view-conn')].sort());
      expect(await sks(table, keys.connection('gone-conn'))).toEqual([]);
      expect((await conns.listBoard(board)).map((c) => [c.connectionId, c.role]).sort()).toEqual([['edit-conn', 'leader'], ['view-conn', 'viewer']]);
    });

    it('a fragment message left unfinished past its TTL is not joined', async () => {
      const then = { now: Date.now() - 11 * 60 * 1000 };
      const fragments = new Fragments(table, () => then.now);
      await fragments.add('slow-conn', 'm2', 0, 2, 'QUJD');
      then.now = Date.now();
      await expect(fragments.add('slow-conn', 'm2', 1, 2, 'REVG')).rejects.toThrow(/not finished in time/);
      expect(await sks(table, keys.connection('slow-conn'))).toEqual([]);
    });
  });
}
