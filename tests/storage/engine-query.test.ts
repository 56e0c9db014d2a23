/**
 * The embedded engine's straight read of a plain Query (packages/local/src/engine-query.ts): a
 * fan-out's audience and a board's load skip dynalite's request listener once dynalite has
 * accepted the Query's shape. What is tried, each answer compared with the same Query sent
 * through the SDK over HTTP to the same engine, in memory and on disk:
 * - the key condition alone, with begins_with, and with a projection through a name
 *   placeholder, over items holding every value type (bytes too): identical answers, and from
 *   the second Query of a shape on the listener is not called;
 * - an item written a moment before is in the answer (no stale read);
 * - an empty partition;
 * - each refusal stays dynalite's own, word for word, the first time and every time after: a
 *   reserved word as a bare name, an unused placeholder, a condition on an attribute that is
 *   not the key, a value of the wrong type, a table that does not exist;
 * - a shape dynalite accepted, with an empty string as the value: left to dynalite;
 * - a partition over the 1 MB page: left to dynalite, which pages it as over HTTP;
 * - the table deleted and made again with another key: the learned shape does not read it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ensureTable, openTable, queryAll, type Table } from '@binhan/functions';
import { useEngine } from '../helpers/engine-clients';

type Input = Omit<QueryCommandInput, 'TableName'>;

for (const where of ['in memory', 'on disk'] as const) {
  describe(`a plain Query is read straight from the embedded engine (${where}), as dynalite answers it`, () => {
    const name = 'straight-query';
    const { sdk, short, engine, listenerCalls } = useEngine(name, { ensure: true, onDisk: where === 'on disk' });
    beforeAll(async () => {
      const value = {
        u: new Uint8Array([0, 1, 2, 250, 255]),
        n: 3,
        title: 'Danh sách đề nghị khen thưởng',
        nested: { list: ['a', 2, { deep: new Uint8Array([9, 8]) }], none: null },
        tags: new Set(['văn hóa', 'tài chính']),
        yes: true,
      };
      for (let i = 0; i < 12; i++) await sdk().doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#q', sk: `${i % 2 ? 'C' : 'U'}#${String(i).padStart(3, '0')}`, i, ...value, expiresAt: 1_900_000_000 + i } }));
    });
    const query = (t: Table, input: Input, tableName = name) => t.doc.send(new QueryCommand({ ...input, TableName: tableName }));
    const answer = async (t: Table, input: Input, tableName = name) => {
      const { $metadata: _, ...out } = await query(t, input, tableName);
      return out;
    };
    const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);
    /** The same Query through the SDK and through the short cut, twice: the answers, and the listener calls of the short cut's second one. */
    async function compare(input: Input) {
      const viaSdk = await answer(sdk(), input);
      const first = await answer(short(), input);
      const before = listenerCalls();
      const second = await answer(short(), input);
      return { viaSdk, first, second, secondCalls: listenerCalls() - before };
    }

    const shapes: [string, Input][] = [
      ['the key condition alone', { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#q' }, ConsistentRead: true }],
      ['begins_with on the sort key', { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :k)', ExpressionAttributeValues: { ':pk': 'B#q', ':k': 'U#' }, ConsistentRead: true }],
      ['a projection through a name placeholder', { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :k)', ExpressionAttributeValues: { ':pk': 'B#q', ':k': 'C#' }, ProjectionExpression: 'sk, u, #e', ExpressionAttributeNames: { '#e': 'expiresAt' } }],
      ['an empty partition', { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#nothing-here' } }],
    ];
    for (const [what, input] of shapes) {
      it(`answers ${what} as the SDK does, and from the second Query of its shape without the listener`, async () => {
        const { viaSdk, first, second, secondCalls } = await compare(input);
        expect(first).toEqual(viaSdk);
        expect(second).toEqual(viaSdk);
        expect(secondCalls).toBe(0);
      });
    }

    it('reads what was written a moment before, bytes as bytes', async () => {
      const input: Input = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#fresh' } };
      await query(short(), input); // its shape is learned
      await short().doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#fresh', sk: 'U#1', d: new Uint8Array([7, 7]) } }));
      const before = listenerCalls();
      const out = await query(short(), input);
      expect(listenerCalls() - before).toBe(0);
      expect(out.Items).toEqual([{ pk: 'B#fresh', sk: 'U#1', d: new Uint8Array([7, 7]) }]);
      expect(out.Items?.[0]?.d).toBeInstanceOf(Uint8Array);
      expect(out.Count).toBe(1);
    });

    const refusals: [string, Input, string?][] = [
      ['a reserved word as a bare name', { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#q' }, ProjectionExpression: 'name' }],
      ['an unused placeholder', { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#q', ':unused': 'x' } }],
      ['a condition on an attribute that is not the key', { KeyConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'title' }, ExpressionAttributeValues: { ':o': 'B#q' } }],
      ['a value of the wrong type', { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 7 } }],
      ['a table that does not exist', { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#q' } }, 'no-such-table'],
    ];
    for (const [what, input, tableName] of refusals) {
      it(`refuses ${what} with dynalite's own error, the first time and every time after`, async () => {
        const viaSdk = await failure(query(sdk(), input, tableName));
        expect(viaSdk).not.toBeNull();
        for (let i = 0; i < 2; i++) {
          const before = listenerCalls();
          const viaShort = await failure(query(short(), input, tableName));
          expect(listenerCalls() - before).toBe(1); // dynalite answered it
          expect(viaShort?.name).toBe(viaSdk?.name);
          expect(viaShort?.message).toBe(viaSdk?.message);
        }
      });
    }

    it('leaves an empty string value of a learned shape to dynalite', async () => {
      const input = (k: string): Input => ({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :k)', ExpressionAttributeValues: { ':pk': 'B#q', ':k': k } });
      await query(short(), input('U#'));
      const viaSdk = await failure(query(sdk(), input('')));
      const before = listenerCalls();
      const viaShort = await failure(query(short(), input('')));
      expect(listenerCalls() - before).toBe(1);
      expect(viaShort?.message).toBe(viaSdk?.message);
    });

    it('leaves a partition over the 1 MB page to dynalite, which pages it as over HTTP', async () => {
      for (let i = 0; i < 4; i++) await sdk().doc.send(new PutCommand({ TableName: name, Item: { pk: 'B#big', sk: `U#${i}`, d: new Uint8Array(270 * 1024).fill(i) } }));
      const input: Input = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#big' } };
      const { viaSdk, first, second, secondCalls } = await compare(input);
      expect(viaSdk.LastEvaluatedKey).toBeDefined();
      expect(first).toEqual(viaSdk);
      expect(second).toEqual(viaSdk);
      expect(secondCalls).toBe(1); // over the page: dynalite answered it
      const all = await queryAll(short(), input);
      expect(all.map((i) => [i.sk, (i.d as Uint8Array)[0]])).toEqual([['U#0', 0], ['U#1', 1], ['U#2', 2], ['U#3', 3]]);
    });

    it('does not read a table made again with another key through a shape learned before', async () => {
      const other = 'remade';
      const input: Input = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#r' } };
      await ensureTable(openTable({ tableName: other, endpoint: engine().endpoint }));
      await sdk().doc.send(new PutCommand({ TableName: other, Item: { pk: 'B#r', sk: 'U#1' } }));
      expect((await query(short(), input, other)).Items).toEqual([{ pk: 'B#r', sk: 'U#1' }]);
      await sdk().raw.send(new DeleteTableCommand({ TableName: other }));
      // Gone only once DescribeTable no longer finds it (the engine deletes it after answering).
      while (await sdk().raw.send(new DescribeTableCommand({ TableName: other })).then(() => true, () => false)) await new Promise((r) => setTimeout(r, 10));
      await sdk().raw.send(
        new CreateTableCommand({
          TableName: other,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      );
      while ((await sdk().raw.send(new DescribeTableCommand({ TableName: other }))).Table?.TableStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 10));
      const viaSdk = await failure(query(sdk(), input, other));
      const viaShort = await failure(query(short(), input, other));
      expect(viaSdk).not.toBeNull();
      expect(viaShort?.message).toBe(viaSdk?.message);
    });
  });
}
