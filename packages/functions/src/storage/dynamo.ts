/** The DynamoDB document client and the small helpers every store uses (pagination, batches). */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { tableDefinition } from './table-schema';

export interface DynamoConfig {
  tableName: string;
  /** Set for dynalite / DynamoDB Local; unset on AWS. */
  endpoint?: string;
  region?: string;
  /**
   * The SDK's request handler (default: HTTP). The local stack passes one that calls its
   * embedded engine in process; AWS and DynamoDB Local use the default.
   */
  requestHandler?: DynamoDBClientConfig['requestHandler'];
}

export interface Table {
  name: string;
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
}

export function openTable(config: DynamoConfig): Table {
  const local = config.endpoint !== undefined;
  const raw = new DynamoDBClient({
    region: config.region ?? 'ap-southeast-1',
    ...(local
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 5,
    ...(config.requestHandler ? { requestHandler: config.requestHandler } : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { name: config.tableName, doc, raw };
}

/** Creates the table when it does not exist yet (local engines and tests; AWS uses infra/). */
export async function ensureTable(table: Table): Promise<void> {
  try {
    await table.raw.send(new DescribeTableCommand({ TableName: table.name }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as { name?: string }).name !== 'ResourceNotFoundException') {
      throw error;
    }
  }
  await table.raw.send(new CreateTableCommand(tableDefinition(table.name)));
  for (let i = 0; i < 100; i++) {
    const d = await table.raw.send(new DescribeTableCommand({ TableName: table.name }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Table ${table.name} did not become ACTIVE`);
}

export type Item = Record<string, unknown>;

/** Runs a Query to the end, page by page (every Query paginates: 1 MB per page). */
export async function queryAll(table: Table, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({ ...input, TableName: table.name, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) items.push(item);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Deletes keys in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function deleteAll(table: Table, itemKeys: { pk: string; sk: string }[]): Promise<void> {
  for (let i = 0; i < itemKeys.length; i += 25) {
    let requests: { DeleteRequest: { Key: Record<string, unknown> } }[] = itemKeys
      .slice(i, i + 25)
      .map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept batch deletes unprocessed; try again later.');
      const out = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.name]: requests } }));
      requests = (out.UnprocessedItems?.[table.name] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Updates an item that must already exist: its attributes after the update, or null when there is no such item (nothing is created). */
export async function updateExisting(
  table: Table,
  update: { Key: Record<string, unknown>; UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> },
): Promise<Record<string, unknown> | null> {
  try {
    const out = await table.doc.send(
      new UpdateCommand({ TableName: table.name, ...update, ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_NEW' }),
    );
    return out.Attributes ?? null;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return null;
    throw error;
  }
}

export function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new TypeError('Expected a binary attribute');
}
