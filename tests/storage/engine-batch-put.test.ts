/**
 * The embedded engine's straight write of plain batch puts (packages/local/src/engine-batch-put.ts):
 * every edit's durable write skips dynalite's request listener and goes into its store. What is
 * tried, each against the same batch sent through the SDK over HTTP to the same engine:
 * - every value type the stores write (bytes, byte sets, numbers, nested maps and lists with
 *   bytes inside, string sets, booleans, null, Vietnamese text) is stored identically, and the
 *   listener is not called;
 * - each refusal is dynalite's own, word for word, with nothing of the batch written: a missing
 *   key, the wrong key type, two items with one key, an item over 400 KB, 26 items, a table
 *   that does not exist;
 * - a table with a secondary index is left to dynalite, whose index then holds the item;
 * - the table's description, kept between puts, is forgotten when the table changes: deleted
 *   and made again with another key type, then with an index (each put judged on the table as
 *   it is now);
 * - on disk, closing the engine while a two-item batch is in flight: the batch is written
 *   before the store closes, both items there when the folder is opened again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, openTable, queryAll, type Table } from '@binhan/functions';
import { shortCutToEngine, startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';
import { useEngine } from '../helpers/engine-clients';

type Item = Record<string, unknown>;
const batch = (tableName: string, items: Item[]) => new BatchWriteCommand({ RequestItems: { [tableName]: items.map((Item) => ({ PutRequest: { Item } })) } });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);

describe('a plain batch of puts is written straight into the embedded engine, as dynalite would write it', () => {
  const name = 'straight-puts';
  const engine = useEngine(name, { ensure: true });

  const read = async (pk: string) => queryAll(engine.sdk(), { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });

  it('stores every value type exactly as the same batch through the SDK, without the request listener', async () => {
    const value = {
      u: new Uint8Array([0, 1, 2, 250, 255]),
      n: 3,
      x: -1.25,
      big: 1_700_000_000_000,
      title: 'Khen thưởng tập thể, cá nhân tiêu biểu',
      nested: { list: ['a', 2, { deep: new Uint8Array([9, 8]) }], empty: {}, none: null },
      tags: new Set(['văn hóa', 'tài chính']),
      blobs: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
      yes: false,
      gone: undefined,
    };
    const before = engine.listenerCalls();
    await engine.short().doc.send(batch(name, [{ pk: 'B#short', sk: 'U#1', ...value }, { pk: 'B#short', sk: 'U#2', n: 1 }]));
    expect(engine.listenerCalls()).toBe(before); // written into the store: dynalite's listener never saw it
    await engine.sdk().doc.send(batch(name, [{ pk: 'B#sdk', sk: 'U#1', ...value }, { pk: 'B#sdk', sk: 'U#2', n: 1 }]));
    const [viaShort, viaSdk] = [await read('B#short'), await read('B#sdk')];
    expect(viaShort.map((i) => ({ ...i, pk: 'B' }))).toEqual(viaSdk.map((i) => ({ ...i, pk: 'B' })));
    const first = viaShort[0]!;
    expect(Array.from(first.u as Uint8Array)).toEqual([0, 1, 2, 250, 255]);
    expect(first.title).toBe('Khen thưởng tập thể, cá nhân tiêu biểu');
    expect(first.tags).toEqual(new Set(['văn hóa', 'tài chính']));
    expect([...(first.blobs as Set<Uint8Array>)].map((b) => Array.from(b))).toEqual([[1], [2, 3]]);
    expect('gone' in first).toBe(false);
    // …and the listener's own reads see it at once (GetItem goes through it).
    expect((await engine.short().doc.send(new GetCommand({ TableName: name, Key: { pk: 'B#short', sk: 'U#2' } }))).Item).toEqual({ pk: 'B#short', sk: 'U#2', n: 1 });
  });

  const refusals: [string, string, Item[]][] = [
    ['a missing sort key', name, [{ pk: 'B#r1', u: new Uint8Array([1]) }]],
    ['a key of the wrong type', name, [{ pk: 'B#r2', sk: 7 }]],
    ['two items with one key', name, [{ pk: 'B#r3', sk: 'U#1' }, { pk: 'B#r3', sk: 'U#1', n: 2 }]],
    ['an item over 400 KB', name, [{ pk: 'B#r4', sk: 'U#1' }, { pk: 'B#r4', sk: 'U#2', u: new Uint8Array(401 * 1024) }]],
    ['26 items', name, Array.from({ length: 26 }, (_, i) => ({ pk: 'B#r5', sk: `U#${i}` }))],
    ['a table that does not exist', 'no-such-table', [{ pk: 'B#r6', sk: 'U#1' }]],
  ];
  for (const [what, tableName, items] of refusals) {
    it(`refuses ${what} with dynalite's own error, and writes none of the batch`, async () => {
      const viaSdk = await failure(engine.sdk().doc.send(batch(tableName, items)));
      const viaShort = await failure(engine.short().doc.send(batch(tableName, items)));
      expect(viaSdk).not.toBeNull();
      expect(viaShort?.name).toBe(viaSdk?.name);
      expect(viaShort?.message).toBe(viaSdk?.message);
      expect(await read(String(items[0]!.pk))).toEqual([]);
    });
  }

  it('leaves a table with a secondary index to dynalite, whose index then holds the item', async () => {
    await engine.sdk().raw.send(
      new CreateTableCommand({
        TableName: 'indexed',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'owner', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    while ((await engine.sdk().raw.send(new DescribeTableCommand({ TableName: 'indexed' }))).Table?.TableStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 10));
    const before = engine.listenerCalls();
    await engine.short().doc.send(batch('indexed', [{ pk: 'B#i', sk: 'U#1', owner: 'chi-lan' }]));
    expect(engine.listenerCalls()).toBe(before + 1);
    const found = await engine.sdk().doc.send(new QueryCommand({ TableName: 'indexed', IndexName: 'byOwner', KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': 'chi-lan' } }));
    expect(found.Items).toEqual([{ pk: 'B#i', sk: 'U#1', owner: 'chi-lan' }]);
  });
});

describe("the straight write keeps a table's description between puts, and forgets it when the table changes", () => {
  // Tried: a put that reads and keeps the description; the table deleted and made again with
  // another key (a number where a string was), then a put of the old shape and one of the new;
  // then made again with a secondary index (dynalite's UpdateTable cannot add one), then a put.
  // Each must be judged on the table as it is now: refused with dynalite's own words, stored, or
  // left to dynalite's listener.
  const name = 'reshaped';
  const engine = useEngine(name, { ensure: false });
  const waitFor = async (status: string | null) => {
    for (;;) {
      const found = await engine.sdk().raw.send(new DescribeTableCommand({ TableName: name })).then(
        (d) => d.Table?.TableStatus ?? null,
        () => null,
      );
      if (found === status) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const create = async (pkType: 'S' | 'N', indexed = false) => {
    await engine.sdk().raw.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: pkType },
          { AttributeName: 'sk', AttributeType: 'S' },
          ...(indexed ? [{ AttributeName: 'owner', AttributeType: 'S' as const }] : []),
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        ...(indexed ? { GlobalSecondaryIndexes: [{ IndexName: 'byOwner', KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const } }] } : {}),
      }),
    );
    await waitFor('ACTIVE');
  };
  it('judges each put on the table as it is now', async () => {
    await create('S');
    let before = engine.listenerCalls();
    await engine.short().doc.send(batch(name, [{ pk: 'B#1', sk: 'U#1', n: 1 }]));
    await engine.short().doc.send(batch(name, [{ pk: 'B#1', sk: 'U#2', n: 2 }]));
    expect(engine.listenerCalls()).toBe(before); // both written straight, the second with the kept description
    expect((await engine.sdk().doc.send(new GetCommand({ TableName: name, Key: { pk: 'B#1', sk: 'U#2' } }))).Item).toEqual({ pk: 'B#1', sk: 'U#2', n: 2 });

    await engine.sdk().raw.send(new DeleteTableCommand({ TableName: name }));
    await waitFor(null);
    await create('N');
    // The old shape (a string key where the table now wants a number): dynalite's refusal, word for word.
    const viaSdk = await failure(engine.sdk().doc.send(batch(name, [{ pk: 'B#1', sk: 'U#3' }])));
    const viaShort = await failure(engine.short().doc.send(batch(name, [{ pk: 'B#1', sk: 'U#3' }])));
    expect(viaSdk?.name).toBe('ValidationException');
    expect(viaShort?.name).toBe(viaSdk?.name);
    expect(viaShort?.message).toBe(viaSdk?.message);
    // The new shape is written straight.
    before = engine.listenerCalls();
    await engine.short().doc.send(batch(name, [{ pk: 7, sk: 'U#4', n: 4 }]));
    expect(engine.listenerCalls()).toBe(before);
    expect((await engine.sdk().doc.send(new GetCommand({ TableName: name, Key: { pk: 7, sk: 'U#4' } }))).Item).toEqual({ pk: 7, sk: 'U#4', n: 4 });

    // Made again with an index: the put is dynalite's again, and the index holds the item.
    await engine.sdk().raw.send(new DeleteTableCommand({ TableName: name }));
    await waitFor(null);
    await create('N', true);
    before = engine.listenerCalls();
    await engine.short().doc.send(batch(name, [{ pk: 8, sk: 'U#5', owner: 'anh-minh' }]));
    expect(engine.listenerCalls()).toBe(before + 1);
    const found = await engine.sdk().doc.send(new QueryCommand({ TableName: name, IndexName: 'byOwner', KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': 'anh-minh' } }));
    expect(found.Items).toEqual([{ pk: 8, sk: 'U#5', owner: 'anh-minh' }]);
  });
});

describe('the embedded engine on disk keeps a batch that was in flight when it closed', () => {
  const folder = mkdtempSync(join(tmpdir(), 'binhan-batch-close-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the batch before the store closes; it is there when the folder is opened again', async () => {
    const first = await startEmbeddedDynamo({ path: folder });
    const table = shortCutToEngine(openTable({ tableName: 'kept', endpoint: first.endpoint, requestHandler: first.requestHandler }), first);
    await ensureTable(table);
    // Two items: one LevelDB batch (a lone item is one put).
    const put = table.doc.send(batch('kept', [{ pk: 'B#k', sk: 'U#1', u: new Uint8Array([4, 2]) }, { pk: 'B#k', sk: 'U#2', n: 2 }]));
    // The put has started (its store write is under way) when the engine is told to close.
    await Promise.resolve();
    const closed = first.close();
    const outcome = await failure(put);
    await closed;
    table.raw.destroy();

    const again = await startEmbeddedDynamo({ path: folder });
    const reopened = openTable({ tableName: 'kept', endpoint: again.endpoint });
    const item = (await reopened.doc.send(new GetCommand({ TableName: 'kept', Key: { pk: 'B#k', sk: 'U#1' } }))).Item;
    const second = (await reopened.doc.send(new GetCommand({ TableName: 'kept', Key: { pk: 'B#k', sk: 'U#2' } }))).Item;
    reopened.raw.destroy();
    await again.close();
    // Told "stored" means both are stored; told "closed" means neither was written.
    if (outcome === null) {
      expect(Array.from(item?.u as Uint8Array)).toEqual([4, 2]);
      expect(second).toEqual({ pk: 'B#k', sk: 'U#2', n: 2 });
    } else expect([item, second]).toEqual([undefined, undefined]);
    expect(outcome === null || /closed/i.test(outcome.message)).toBe(true);
  });
});
