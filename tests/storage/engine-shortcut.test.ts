/**
 * The local stack's short cut to the embedded engine (packages/local/src/engine-document-client.ts):
 * item commands skip the AWS SDK's middleware and reach dynalite's request listener directly.
 * It must answer exactly as the SDK does over HTTP. What is tried, each through both paths on
 * the same engine: every value type the stores write (bytes, numbers, nested maps and lists,
 * sets, booleans, null, Vietnamese text, undefined removed); a failed condition (the SDK's
 * ConditionalCheckFailedException class and name); an update with ADD, SET and ALL_NEW; a delete
 * with ALL_OLD; a Query paged with Limit and ExclusiveStartKey, descending, filtered, and over
 * the 1 MB page; a batch write of puts and deletes; a malformed request (the same
 * ValidationException); a legacy parameter (left to the SDK, still answered); that the short
 * cut really skips the SDK's middleware; and a call after the engine closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, openTable, queryAll, type Table } from '@binhan/functions';
import { shortCutToEngine, startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';

describe('the short cut to the embedded engine answers as the SDK does', () => {
  let engine: EmbeddedDynamo;
  let sdk: Table;
  let short: Table;
  let sdkCalls = 0;
  const name = 'shortcut';
  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    sdk = openTable({ tableName: name, endpoint: engine.endpoint });
    short = shortCutToEngine(openTable({ tableName: name, endpoint: engine.endpoint, requestHandler: engine.requestHandler }), engine);
    short.doc.middlewareStack.add((next) => async (args) => {
      sdkCalls++;
      return next(args);
    }, { step: 'initialize' });
    await ensureTable(sdk);
  });
  afterAll(async () => {
    sdk.raw.destroy();
    short.raw.destroy();
    await engine.close().catch(() => undefined);
  });

  const both = <T>(run: (t: Table) => Promise<T>) => Promise.all([run(sdk), run(short)]);
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } });

  it('writes and reads every value type the stores use, identically, without the SDK', async () => {
    const value = {
      u: new Uint8Array([0, 1, 2, 250, 255]),
      n: 1,
      x: 1.5,
      big: 1_700_000_000_000,
      title: 'Hội nghị điển hình tiên tiến',
      nested: { list: ['a', 2, { deep: true }], empty: {}, bytes: new Uint8Array([9]) },
      tags: new Set(['văn hóa', 'tài chính']),
      yes: true,
      none: null,
      gone: undefined,
    };
    const before = sdkCalls;
    await short.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#t', sk: 'short', ...value } }));
    await sdk.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#t', sk: 'sdk', ...value } }));
    const read = async (t: Table, sk: string) => (await t.doc.send(new GetCommand({ TableName: name, Key: { pk: 'B#t', sk }, ConsistentRead: true }))).Item;
    const [viaSdk, viaShort] = await Promise.all([read(sdk, 'short'), read(short, 'sdk')]);
    expect(sdkCalls).toBe(before); // the short cut's put and get never entered the SDK's middleware
    expect({ ...viaShort, sk: 'x' }).toEqual({ ...viaSdk, sk: 'x' });
    expect(viaShort?.u).toBeInstanceOf(Uint8Array);
    expect(Array.from(viaShort?.u as Uint8Array)).toEqual([0, 1, 2, 250, 255]);
    expect(viaShort?.tags).toEqual(new Set(['văn hóa', 'tài chính']));
    expect(viaShort?.title).toBe('Hội nghị điển hình tiên tiến');
    expect(viaShort && 'gone' in viaShort).toBe(false);
  });

  it('throws the SDK\'s ConditionalCheckFailedException when a condition fails, and changes nothing', async () => {
    await sdk.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#c', sk: 'one', n: 1 } }));
    const [a, b] = await both((t) => failure(t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#c', sk: 'one', n: 2 }, ConditionExpression: 'attribute_not_exists(pk)' }))));
    for (const error of [a, b]) {
      expect(error).toBeInstanceOf(ConditionalCheckFailedException);
      expect(error?.name).toBe('ConditionalCheckFailedException');
      expect(error?.$metadata?.httpStatusCode).toBe(400);
    }
    expect(b?.message).toBe(a?.message);
    expect((await sdk.doc.send(new GetCommand({ TableName: name, Key: { pk: 'B#c', sk: 'one' } }))).Item?.n).toBe(1);
  });

  it('updates with ADD and SET and returns the same ALL_NEW attributes; deletes return the same ALL_OLD', async () => {
    const update = (t: Table, sk: string) =>
      t.doc.send(
        new UpdateCommand({
          TableName: name,
          Key: { pk: 'B#u', sk },
          UpdateExpression: 'ADD #c :one SET #t = :t, #b = :b',
          ExpressionAttributeNames: { '#c': 'count', '#t': 'title', '#b': 'bytes' },
          ExpressionAttributeValues: { ':one': 1, ':t': 'Kế hoạch 27', ':b': new Uint8Array([7, 7]) },
          ReturnValues: 'ALL_NEW',
        }),
      );
    const [s1, c1] = await Promise.all([update(sdk, 'a'), update(short, 'b')]);
    const [s2, c2] = await Promise.all([update(sdk, 'a'), update(short, 'b')]);
    expect({ ...c1.Attributes, sk: 'x' }).toEqual({ ...s1.Attributes, sk: 'x' });
    expect(c2.Attributes?.count).toBe(2);
    expect({ ...c2.Attributes, sk: 'x' }).toEqual({ ...s2.Attributes, sk: 'x' });
    const [ds, dc] = await Promise.all([
      sdk.doc.send(new DeleteCommand({ TableName: name, Key: { pk: 'B#u', sk: 'a' }, ReturnValues: 'ALL_OLD' })),
      short.doc.send(new DeleteCommand({ TableName: name, Key: { pk: 'B#u', sk: 'b' }, ReturnValues: 'ALL_OLD' })),
    ]);
    expect({ ...dc.Attributes, sk: 'x' }).toEqual({ ...ds.Attributes, sk: 'x' });
    const left = await queryAll(short, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#u' } });
    expect(left).toEqual([]);
  });

  it('pages, orders and filters a Query as the SDK does, over the 1 MB page too', async () => {
    for (let i = 0; i < 12; i++) await short.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#q', sk: `U#${String(i).padStart(2, '0')}`, i, odd: i % 2 === 1 } }));
    const pages = async (t: Table) => {
      const seen: unknown[][] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await t.doc.send(
          new QueryCommand({
            TableName: name,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :u)',
            FilterExpression: 'odd = :yes',
            ExpressionAttributeValues: { ':pk': 'B#q', ':u': 'U#', ':yes': true },
            ScanIndexForward: false,
            Limit: 5,
            ExclusiveStartKey: start,
          }),
        );
        seen.push((page.Items ?? []).map((item) => item.i));
        start = page.LastEvaluatedKey;
      } while (start);
      return seen;
    };
    const [viaSdk, viaShort] = await both(pages);
    expect(viaShort).toEqual(viaSdk);
    expect(viaShort.flat()).toEqual([11, 9, 7, 5, 3, 1]);
    const big = 'x'.repeat(300 * 1024);
    for (let i = 0; i < 6; i++) await short.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#big', sk: `U#${i}`, d: big } }));
    const [all1, all2] = await both((t) => queryAll(t, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#big' } }));
    expect(all2.map((i) => i.sk)).toEqual(['U#0', 'U#1', 'U#2', 'U#3', 'U#4', 'U#5']); // 1.8 MB: more than one page
    expect(all2).toEqual(all1);
  });

  it('writes a batch of puts and deletes', async () => {
    await short.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#w', sk: 'old' } }));
    const out = await short.doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [name]: [
            { PutRequest: { Item: { pk: 'B#w', sk: 'U#1', u: new Uint8Array([1]) } } },
            { PutRequest: { Item: { pk: 'B#w', sk: 'U#2', u: new Uint8Array([2]) } } },
            { DeleteRequest: { Key: { pk: 'B#w', sk: 'old' } } },
          ],
        },
      }),
    );
    expect(out.UnprocessedItems ?? {}).toEqual({});
    const items = await queryAll(sdk, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#w' } });
    expect(items.map((i) => [i.sk, Array.from(i.u as Uint8Array)])).toEqual([['U#1', [1]], ['U#2', [2]]]);
  });

  it('answers a malformed request with the same ValidationException', async () => {
    const [a, b] = await both((t) => failure(t.doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#x' } }))));
    expect(b?.name).toBe('ValidationException');
    expect(b?.message).toBe(a?.message);
    expect(b?.message).toMatch(/key/i);
  });

  it('leaves a legacy parameter to the SDK, which still answers it', async () => {
    const before = sdkCalls;
    const item = await short.doc.send(new GetCommand({ TableName: name, Key: { pk: 'B#c', sk: 'one' }, AttributesToGet: ['n'] }));
    expect(item.Item).toEqual({ n: 1 });
    expect(sdkCalls).toBe(before + 1);
  });

  it('refuses calls once the engine is closed, with an error that says so', async () => {
    await engine.close();
    const error = await failure(short.doc.send(new GetCommand({ TableName: name, Key: { pk: 'B#c', sk: 'one' } })));
    expect(String(error?.message)).toMatch(/embedded DynamoDB engine is closed/);
  });
});
