/**
 * The local stack's document client, short-cut to the embedded engine (issue 12). The stores
 * send the same commands as on AWS (`table.doc.send(new PutCommand(…))`); here the item
 * commands skip the AWS SDK's middleware stack (endpoint rules, retries, signing, schema
 * serialisation: about 0.4 ms of CPU per call, ten times dynalite's own work) and reach
 * dynalite's request listener directly, in the DynamoDB JSON protocol:
 *   document input → marshall (@aws-sdk/util-dynamodb, the document client's own function)
 *   → JSON body with x-amz-target → dynalite validates and runs it as over HTTP
 *   → JSON answer → unmarshall → document output; an error answer → the SDK's exception class.
 * A BatchWriteItem of plain puts (every edit's durable write) is written straight into the
 * engine's store instead (engine-batch-put.ts), and a plain Query whose shape dynalite has
 * accepted once (a fan-out's audience, a board's load) is read straight from it
 * (engine-query.ts), when each is the valid plain case; otherwise it goes to the listener like
 * the rest. Any other command, or an input with a legacy parameter
 * this path does not translate, goes through the SDK as before. AWS and DynamoDB Local always
 * use the SDK: the storage tests run against both engines (tests/helpers/dynamo-engines.ts), and
 * tests/storage/engine-shortcut.test.ts and engine-batch-put.test.ts check that this path
 * answers every command form the stores use, and stores what they write, exactly as the SDK does.
 */
import * as DynamoDB from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Table } from '@binhan/functions';
import type { DynaliteStore } from './dynalite-store';
import { batchPutInStore, engineItem } from './engine-batch-put';
import { queryInStore, rememberShape } from './engine-query';
import { EngineClosedError, type InProcessRequestHandler } from './in-process-dynamodb';

/** The embedded engine as the short cut reaches it: its request listener, and its store when known. */
export interface EngineAccess {
  requestHandler: InProcessRequestHandler;
  store?: DynaliteStore;
}

type Doc = Record<string, unknown>;
type Wire = Record<string, AttributeValue>;

const MARSHALL = { removeUndefinedValues: true } as const;
const toWire = (item: unknown): Wire | undefined => (item && typeof item === 'object' ? marshall(item as Doc, MARSHALL) : undefined);
const fromWire = (item: unknown): Doc | undefined => (item && typeof item === 'object' ? unmarshall(item as Wire) : undefined);

/** Legacy parameters (pre-expression API) the short cut does not translate: such inputs use the SDK. */
const LEGACY_INPUTS = ['Expected', 'AttributeUpdates', 'KeyConditions', 'QueryFilter', 'ScanFilter', 'ConditionalOperator', 'AttributesToGet'];

interface Operation {
  target: string;
  input(input: Doc): Doc;
  output(output: Doc): Doc;
}

const withItemMaps = (doc: Doc, keys: string[], convert: (item: unknown) => unknown): Doc => {
  const out: Doc = { ...doc };
  for (const key of keys) if (doc[key] !== undefined) out[key] = convert(doc[key]);
  return out;
};
const listOf = (convert: (item: unknown) => unknown) => (list: unknown) => (Array.isArray(list) ? list.map(convert) : list);
/** RequestItems / UnprocessedItems of a batch write: table → [{ PutRequest: { Item } } | { DeleteRequest: { Key } }]. */
const batchWrites = (convert: (item: unknown) => unknown) => (byTable: unknown) =>
  Object.fromEntries(
    Object.entries((byTable ?? {}) as Record<string, Doc[]>).map(([name, requests]) => [
      name,
      requests.map((r) => {
        const put = r.PutRequest as Doc | undefined;
        const del = r.DeleteRequest as Doc | undefined;
        return {
          ...(put ? { PutRequest: { ...put, Item: convert(put.Item) } } : {}),
          ...(del ? { DeleteRequest: { ...del, Key: convert(del.Key) } } : {}),
        };
      }),
    ]),
  );
/** RequestItems / UnprocessedKeys of a batch get: table → { Keys: [...] }; Responses: table → items. */
const batchGets = (convert: (item: unknown) => unknown) => (byTable: unknown) =>
  Object.fromEntries(Object.entries((byTable ?? {}) as Record<string, Doc>).map(([name, ask]) => [name, { ...ask, Keys: listOf(convert)(ask.Keys) }]));
const responsesByTable = (byTable: unknown) =>
  Object.fromEntries(Object.entries((byTable ?? {}) as Record<string, unknown[]>).map(([name, items]) => [name, items.map(fromWire)]));

const itemOperation = (target: string, inputMaps: string[], outputMaps: string[]): Operation => ({
  target,
  input: (input) => withItemMaps(input, inputMaps, toWire),
  output: (output) => withItemMaps(output, outputMaps, fromWire),
});
const scanOperation = (target: string): Operation => ({
  target,
  input: (input) => withItemMaps(input, ['ExclusiveStartKey', 'ExpressionAttributeValues'], toWire),
  output: (output) => ({ ...withItemMaps(output, ['LastEvaluatedKey'], fromWire), ...(output.Items ? { Items: listOf(fromWire)(output.Items) } : {}) }),
});

/** The commands the short cut answers, by the document client's command class. */
const OPERATIONS = new Map<Function, Operation>([
  [PutCommand, itemOperation('PutItem', ['Item', 'ExpressionAttributeValues'], ['Attributes'])],
  [GetCommand, itemOperation('GetItem', ['Key'], ['Item'])],
  [DeleteCommand, itemOperation('DeleteItem', ['Key', 'ExpressionAttributeValues'], ['Attributes'])],
  [UpdateCommand, itemOperation('UpdateItem', ['Key', 'ExpressionAttributeValues'], ['Attributes'])],
  [QueryCommand, scanOperation('Query')],
  [ScanCommand, scanOperation('Scan')],
  [
    BatchWriteCommand,
    {
      target: 'BatchWriteItem',
      input: (input) => ({ ...input, RequestItems: batchWrites(toWire)(input.RequestItems) }),
      output: (output) => ({ ...output, ...(output.UnprocessedItems ? { UnprocessedItems: batchWrites(fromWire)(output.UnprocessedItems) } : {}) }),
    },
  ],
  [
    BatchGetCommand,
    {
      target: 'BatchGetItem',
      input: (input) => ({ ...input, RequestItems: batchGets(toWire)(input.RequestItems) }),
      output: (output) => ({
        ...output,
        ...(output.Responses ? { Responses: responsesByTable(output.Responses) } : {}),
        ...(output.UnprocessedKeys ? { UnprocessedKeys: batchGets(fromWire)(output.UnprocessedKeys) } : {}),
      }),
    },
  ],
]);

/** JSON of the DynamoDB protocol: bytes (B, BS) as base64, as the SDK sends them. */
function encodeBody(input: Doc): string {
  return JSON.stringify(input, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') : value;
  });
}

/** base64 text → bytes (a view on the decoded buffer, as the SDK hands out Uint8Arrays). */
function bytesOf(text: string): Uint8Array {
  const b = Buffer.from(text, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Bytes (B, BS: base64 in the protocol) back to Uint8Array, in place, everywhere in an answer,
 * as the SDK reads them. In DynamoDB JSON a string under "B" can only be a binary value: an
 * attribute named "B" holds an AttributeValue object. (A plain walk: JSON.parse's reviver costs
 * several times more on a Query of 100 items.)
 */
function revive(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) if (child && typeof child === 'object') revive(child);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (key === 'B' && typeof value === 'string') record[key] = bytesOf(value);
    else if (key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string')) record[key] = value.map(bytesOf);
    else if (value && typeof value === 'object') revive(value);
  }
}

function decodeBody(text: string): Doc {
  const body = JSON.parse(text) as Doc;
  revive(body);
  return body;
}

/** An error answer as the SDK would throw it: its modeled class when it has one (ConditionalCheckFailedException…). */
function engineError(status: number, body: Doc): Error {
  const type = String(body.__type ?? 'UnknownError');
  const name = type.slice(type.lastIndexOf('#') + 1);
  const message = String(body.message ?? body.Message ?? name);
  const $metadata = { httpStatusCode: status };
  const modeled = (DynamoDB as unknown as Record<string, unknown>)[name];
  if (typeof modeled === 'function' && modeled.prototype instanceof DynamoDB.DynamoDBServiceException) {
    const Modeled = modeled as new (options: { message: string; $metadata: typeof $metadata } & Doc) => Error;
    return new Modeled({ ...body, message, $metadata });
  }
  return new DynamoDB.DynamoDBServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata, message });
}

/** A well-formed Authorization header: dynalite checks its shape, never its signature. */
const amzDate = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=local/20260101/local/dynamodb/aws4_request, SignedHeaders=host, Signature=embedded';

const METADATA = { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 };

/**
 * The items of a BatchWriteItem that holds only puts into one table and nothing else, as the
 * engine stores them; or null.
 */
function plainBatchPut(input: Doc): { tableName: string; items: Record<string, unknown>[] } | null {
  if (Object.keys(input).some((k) => k !== 'RequestItems')) return null;
  const tables = Object.entries((input.RequestItems ?? {}) as Record<string, unknown>);
  if (tables.length !== 1) return null;
  const [tableName, requests] = tables[0]!;
  if (!Array.isArray(requests)) return null;
  const items: Record<string, unknown>[] = [];
  for (const request of requests as Doc[]) {
    const put = request?.PutRequest as Doc | undefined;
    if (!put || Object.keys(request).length !== 1 || Object.keys(put).length !== 1 || !put.Item || typeof put.Item !== 'object') return null;
    const item = engineItem(marshall(put.Item as Doc, MARSHALL));
    if (!item) return null;
    items.push(item);
  }
  return { tableName, items };
}

/** Sends a command straight to the engine, or returns null when the SDK must send it. */
function direct(engine: EngineAccess, command: unknown): Promise<Doc> | null {
  const operation = OPERATIONS.get((command as { constructor?: Function }).constructor ?? Object);
  const input = (command as { input?: Doc }).input;
  if (!operation || !input || LEGACY_INPUTS.some((k) => input[k] !== undefined)) return null;
  const handler = engine.requestHandler;
  return (async () => {
    if (handler.isClosed()) throw new EngineClosedError();
    const batch = engine.store && command instanceof BatchWriteCommand ? plainBatchPut(input) : null;
    if (batch && (await batchPutInStore(engine.store!, batch.tableName, batch.items))) return { UnprocessedItems: {}, $metadata: METADATA };
    const wire = operation.input(input);
    const query = engine.store && command instanceof QueryCommand;
    if (query) {
      const answer = await queryInStore(engine.store!, wire);
      if (answer) {
        revive(answer);
        return { ...operation.output(answer), $metadata: METADATA };
      }
    }
    const { response } = await handler.handle({
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation.target}`,
        'x-amz-date': amzDate(),
        authorization: AUTHORIZATION,
      },
      body: encodeBody(wire),
    });
    const text = Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength).toString('utf8');
    const body = text ? decodeBody(text) : {};
    if (response.statusCode >= 300) throw engineError(response.statusCode, body);
    if (query) rememberShape(wire);
    return { ...operation.output(body), $metadata: { httpStatusCode: response.statusCode, attempts: 1, totalRetryDelay: 0 } };
  })();
}

/**
 * The table with its document client's item commands short-cut to the embedded engine (the same
 * engine, the same data; only the SDK's work is skipped).
 */
export function shortCutToEngine(table: Table, engine: EngineAccess): Table {
  const doc: DynamoDBDocumentClient = table.doc;
  const viaSdk = doc.send.bind(doc) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  // A callback-style call (send(command, options, callback)) keeps the SDK's own handling.
  const send = (command: unknown, ...rest: unknown[]) => (rest.some((r) => typeof r === 'function') ? null : direct(engine, command)) ?? viaSdk(command, ...rest);
  Object.defineProperty(doc, 'send', { value: send, configurable: true, writable: true });
  return table;
}
