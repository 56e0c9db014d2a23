/**
 * The embedded engine called in process (packages/local/src/in-process-dynamodb.ts): the AWS SDK
 * talks to dynalite with no socket, and must see exactly what it sees over HTTP. What is tried:
 * an item written and read back (binary included), a conditional write that fails (the SDK's
 * ConditionalCheckFailedException), a malformed request (dynalite's ValidationException), a
 * paginated Query, and a request after the engine was closed (a clear error, no crash).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, isConditionalCheckFailed, openTable, queryAll, type Table } from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';

describe('the embedded engine in process', () => {
  let engine: EmbeddedDynamo;
  let table: Table;
  let overHttp: Table;
  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    table = openTable({ tableName: 'in-process', endpoint: engine.endpoint, requestHandler: engine.requestHandler });
    overHttp = openTable({ tableName: 'in-process', endpoint: engine.endpoint });
    await ensureTable(table);
  });
  afterAll(async () => {
    table.raw.destroy();
    overHttp.raw.destroy();
    await engine.close().catch(() => undefined);
  });

  it('stores and reads what the HTTP path reads, binary values and conditions included', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await table.doc.send(new PutCommand({ TableName: table.name, Item: { pk: 'B#x', sk: 'U#1', u: bytes, n: 1, title: 'Hội nghị điển hình tiên tiến' } }));
    const viaHttp = await overHttp.doc.send(new GetCommand({ TableName: table.name, Key: { pk: 'B#x', sk: 'U#1' } }));
    const inProcess = await table.doc.send(new GetCommand({ TableName: table.name, Key: { pk: 'B#x', sk: 'U#1' }, ConsistentRead: true }));
    expect(inProcess.Item).toEqual(viaHttp.Item);
    expect(inProcess.Item?.title).toBe('Hội nghị điển hình tiên tiến');
    expect(Array.from(inProcess.Item?.u as Uint8Array)).toEqual(Array.from(bytes));
    const refused = await table.doc
      .send(new PutCommand({ TableName: table.name, Item: { pk: 'B#x', sk: 'U#1' }, ConditionExpression: 'attribute_not_exists(pk)' }))
      .then(() => null, (error: unknown) => error);
    expect(isConditionalCheckFailed(refused)).toBe(true);
    expect((await overHttp.doc.send(new GetCommand({ TableName: table.name, Key: { pk: 'B#x', sk: 'U#1' } }))).Item?.n).toBe(1); // unchanged
  });

  it('answers a malformed request with the engine\'s validation error', async () => {
    const error = await table.doc.send(new PutCommand({ TableName: table.name, Item: { pk: 'B#x' } })).then(() => null, (e: unknown) => e);
    expect((error as { name?: string }).name).toBe('ValidationException');
  });

  it('pages a Query as over HTTP', async () => {
    const big = 'x'.repeat(300 * 1024);
    for (let i = 0; i < 6; i++) await table.doc.send(new PutCommand({ TableName: table.name, Item: { pk: 'B#pages', sk: `U#${i}`, d: big } }));
    const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'B#pages' } });
    expect(items.map((i) => i.sk)).toEqual(['U#0', 'U#1', 'U#2', 'U#3', 'U#4', 'U#5']); // 1.8 MB: more than one 1 MB page
  });

  it('refuses requests once the engine is closed, with an error that says so', async () => {
    await engine.close();
    const quick = openTable({ tableName: 'in-process', endpoint: engine.endpoint, requestHandler: engine.requestHandler });
    const error = await quick.doc.send(new GetCommand({ TableName: table.name, Key: { pk: 'B#x', sk: 'U#1' } })).then(() => null, (e: unknown) => e);
    quick.raw.destroy();
    expect(String((error as Error).message)).toMatch(/embedded DynamoDB engine is closed/);
  });
});
