/**
 * The audit leaves the edit's hot path coalesced (issue 12): concurrent AuditLog.record calls
 * of one process are written together, in batches, and each call still resolves only once its
 * own entries are stored. What is tried: 40 edits' audits at once (one per card), a storage
 * failure of a coalesced write (its callers told, later calls written), and the local stack's
 * gathering window (calls a few milliseconds apart share one write, none resolves before it). The audit of live edits
 * over real sockets is tests/audit/audit.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, ensureTable, openTable, type AuditEntry, type Table } from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';

type Send = (command: unknown, ...rest: unknown[]) => Promise<unknown>;

/** Counts (and can fail) the table's BatchWrite calls. */
function watchBatchWrites(table: Table) {
  const doc = table.doc as unknown as { send: Send };
  const original = doc.send.bind(doc);
  const state = { batchWrites: 0, failNext: 0 };
  doc.send = async (command: unknown, ...rest: unknown[]) => {
    if ((command as { constructor: { name: string } }).constructor.name === 'BatchWriteCommand') {
      state.batchWrites++;
      if (state.failNext > 0) {
        state.failNext--;
        throw Object.assign(new Error('Throughput exceeds the current capacity (simulated)'), { name: 'ProvisionedThroughputExceededException' });
      }
    }
    return original(command, ...rest);
  };
  return state;
}

describe('audit writes coalesced', () => {
  let engine: EmbeddedDynamo;
  let table: Table;
  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    table = openTable({ tableName: 'audit-coalesced', endpoint: engine.endpoint, requestHandler: engine.requestHandler });
    await ensureTable(table);
  });
  afterAll(async () => {
    table.raw.destroy();
    await engine.close();
  });

  const entry = (boardId: string, i: number): AuditEntry => ({
    boardId, cardId: `card-${i}`, actor: 'lan', at: new Date(Date.UTC(2025, 1, 1, 0, 0, i)).toISOString(), action: 'updated', fields: ['title'],
  });

  it('stores every entry of 40 concurrent calls, in fewer writes than calls', async () => {
    const log = new AuditLog(table);
    const watch = watchBatchWrites(table);
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.record([entry('b-many', i)])));
    const listed = await log.listBoard('b-many', { limit: 200 });
    expect(listed.entries.map((e) => e.cardId).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `card-${i}`).sort());
    for (let i = 0; i < 40; i += 13) expect((await log.listCard('b-many', `card-${i}`)).entries).toHaveLength(1);
    // 80 items (board log + card log): one write for the first call, then the rest in batches of 25.
    expect(watch.batchWrites).toBeLessThanOrEqual(1 + Math.ceil(78 / 25));
  });

  it('rejects the calls a failed write held; later calls are written', async () => {
    const log = new AuditLog(table);
    const watch = watchBatchWrites(table);
    watch.failNext = 1;
    const results = await Promise.allSettled([log.record([entry('b-fail', 1)]), log.record([entry('b-fail', 2)])]);
    expect(results[0]!.status).toBe('rejected'); // the first call's write failed: its caller is told (and reports it)
    await log.record([entry('b-fail', 3)]);
    const cards = (await log.listBoard('b-fail')).entries.map((e) => e.cardId);
    expect(cards).toContain('card-3');
    expect(cards).not.toContain('card-1');
    // The second call was either in the failed write (rejected) or written after it.
    expect(results[1]!.status === 'fulfilled').toBe(cards.includes('card-2'));
  });

  it('with a gathering window, calls made within it share one write and none resolves before it is stored', async () => {
    const log = new AuditLog(table, Date.now, { gatherMs: 40 });
    const watch = watchBatchWrites(table);
    const calls: Promise<void>[] = [];
    const resolvedEarly: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const call = log.record([entry('b-gather', i)]);
      calls.push(call);
      void call.then(() => resolvedEarly.push(watch.batchWrites === 0));
      await new Promise((r) => setTimeout(r, 3)); // five edits' audits, 3 ms apart
    }
    expect(watch.batchWrites).toBe(0); // still gathering: nothing written yet
    await Promise.all(calls);
    expect(watch.batchWrites).toBe(1); // 10 items, one BatchWriteItem
    expect(resolvedEarly).toEqual([false, false, false, false, false]);
    const listed = await log.listBoard('b-gather', { limit: 50 });
    expect(listed.entries.map((e) => e.cardId).sort()).toEqual(['card-0', 'card-1', 'card-2', 'card-3', 'card-4']);
  });
});
