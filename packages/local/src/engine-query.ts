/**
 * A plain Query read straight from the embedded engine's store (issue 12).
 *
 * On AWS a fan-out's audience is a Query of the board's connection records, and its work before
 * the answer is DynamoDB's. Through dynalite's request listener it was this process's: parsing
 * both expressions with its PEG grammar, validating the request, then an iterator that takes
 * one item per promise and a stream — about 1 ms of CPU on every edit at 100 connections,
 * after the Query's wait and before the first post. Here the same items are read from the
 * same store in a few batched iterator steps.
 *
 * Only the plain case, and only once dynalite has accepted its shape:
 *  - the input holds TableName, KeyConditionExpression, ExpressionAttributeValues and at most
 *    ExpressionAttributeNames, ProjectionExpression and ConsistentRead — no index, filter,
 *    limit, start key, order or capacity;
 *  - the key condition is `<hash> = :v` or `<hash> = :v AND begins_with(<range>, :w)` on the
 *    table's own key attributes, each value a non-empty string of a string key within
 *    DynamoDB's key sizes; the projection lists top-level names;
 *  - its shape (both expressions, the names, the value placeholders and their types) was
 *    answered by dynalite's listener before without an error (`rememberShape`): so a reserved
 *    word, an unused placeholder or two overlapping paths are refused by dynalite, word for
 *    word, every time;
 *  - the answer is under the 1 MB page (a longer one goes to dynalite, which pages it).
 * Anything else answers null, and the request goes to dynalite. AWS and DynamoDB Local are not
 * touched. tests/storage/engine-query.test.ts compares the answers with the SDK's over HTTP.
 */
import { describeTable, dynaliteModule, storeCall, type DynaliteStore } from './dynalite-store';

type Doc = Record<string, unknown>;

interface TableDescription {
  KeySchema: { AttributeName: string; KeyType: string }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
}

const db = dynaliteModule<{
  hashPrefix(value: string, type: string): string;
  toRangeStr(value: string, type: string): string;
  itemSize(item: Doc, compress?: boolean, addMetaSize?: boolean, rangeKey?: string): number;
}>('./db');

/** An iterator of the store's values (abstract-level). */
interface ValueIterator {
  nextv(size: number): Promise<unknown[]>;
  close(): Promise<void>;
}
interface IterableStore {
  status: string;
  values(options: { gte: string; lt: string; highWaterMarkBytes?: number }): ValueIterator;
}

const PAGE_BYTES = 1024 * 1024;
const HASH_KEY_BYTES = 2048;
const RANGE_KEY_BYTES = 1024;
const INPUTS = new Set(['TableName', 'KeyConditionExpression', 'ExpressionAttributeValues', 'ExpressionAttributeNames', 'ProjectionExpression', 'ConsistentRead']);
const NAME = '(#?[A-Za-z_][A-Za-z0-9_]*)';
const VALUE = '(:[A-Za-z0-9_]+)';
const KEY_CONDITION = new RegExp(`^${NAME} = ${VALUE}(?: AND begins_with\\(${NAME}, ${VALUE}\\))?$`);
const PROJECTED = new RegExp(`^${NAME}$`);

/** Shapes dynalite answered without an error (bounded: a process uses a handful). */
const acceptedShapes = new Set<string>();
const MAX_SHAPES = 1_000;

/** What makes dynalite accept or refuse a Query's expressions: the texts, the names, the placeholders and their types. */
function shapeOf(input: Doc): string | null {
  for (const key in input) if (input[key] !== undefined && !INPUTS.has(key)) return null;
  const values = input.ExpressionAttributeValues;
  const names = input.ExpressionAttributeNames ?? {};
  if (!values || typeof values !== 'object' || typeof names !== 'object') return null;
  const types = Object.entries(values as Doc).map(([k, v]) => [k, v && typeof v === 'object' ? Object.keys(v).join() : typeof v]);
  return JSON.stringify([input.KeyConditionExpression, input.ProjectionExpression ?? null, Object.entries(names as Doc), types, input.ConsistentRead ?? null]);
}

/** Notes that dynalite answered this Query (wire input) without an error: its shape may be read straight from now on. */
export function rememberShape(input: Doc): void {
  const shape = shapeOf(input);
  if (shape === null) return;
  if (acceptedShapes.size >= MAX_SHAPES) acceptedShapes.clear();
  acceptedShapes.add(shape);
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The Query's answer as dynalite gives it (items in DynamoDB JSON as stored: bytes as base64),
 * or null when the request is not the plain case (see above) and dynalite must answer it.
 * `input` is the wire input (values marshalled).
 */
export async function queryInStore(store: DynaliteStore, input: Doc): Promise<{ Count: number; ScannedCount: number; Items: Doc[] } | null> {
  const shape = shapeOf(input);
  if (shape === null || !acceptedShapes.has(shape)) return null;
  const condition = KEY_CONDITION.exec(String(input.KeyConditionExpression));
  if (!condition) return null;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, unknown>;
  const values = input.ExpressionAttributeValues as Record<string, Record<string, unknown> | undefined>;
  const nameOf = (token: string | undefined) => (token === undefined ? undefined : token.startsWith('#') ? names[token] : token);
  const stringOf = (token: string | undefined) => (token === undefined ? undefined : values[token]?.S);
  const [hashName, hashValue, rangeName, rangeValue] = [nameOf(condition[1]), stringOf(condition[2]), nameOf(condition[3]), stringOf(condition[4])];
  if (typeof hashName !== 'string' || typeof hashValue !== 'string' || hashValue === '' || utf8Bytes(hashValue) > HASH_KEY_BYTES) return null;
  if (condition[3] !== undefined && (typeof rangeName !== 'string' || typeof rangeValue !== 'string' || rangeValue === '' || utf8Bytes(rangeValue) > RANGE_KEY_BYTES)) return null;
  let projection: string[] | null = null;
  if (input.ProjectionExpression !== undefined) {
    projection = [];
    for (const part of String(input.ProjectionExpression).split(', ')) {
      const name = nameOf(PROJECTED.exec(part)?.[1]);
      if (typeof name !== 'string') return null;
      projection.push(name);
    }
  }

  let table: TableDescription;
  try {
    table = await storeCall<TableDescription>((callback) => describeTable(store, String(input.TableName), callback));
  } catch {
    return null; // no such table (or a store that is closing): dynalite answers it
  }
  const typeOf = (name: string) => table.AttributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType;
  const [hashKey, rangeKey] = [table.KeySchema.find((k) => k.KeyType === 'HASH')?.AttributeName, table.KeySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName];
  if (hashKey !== hashName || typeOf(hashKey) !== 'S') return null;
  if (rangeName !== undefined && (rangeKey !== rangeName || typeOf(rangeKey) !== 'S')) return null;

  // The key range dynalite's query reads (actions/query.js), in its item sub-db's keys.
  const partition = partitionKey(String(input.TableName), hashValue);
  const begins = typeof rangeValue === 'string' ? db.toRangeStr(rangeValue, 'S') : null;
  const range = begins === null ? { gte: partition, lt: `${partition}~` } : { gte: `${partition}${begins}/`, lt: `${partition}${begins}~` };
  const level = store.db as unknown as IterableStore;
  if (level.status !== 'open') return null;
  const items: Doc[] = [];
  let bytes = 0;
  const iterator = level.values({ ...range, highWaterMarkBytes: PAGE_BYTES });
  try {
    for (;;) {
      const page = await iterator.nextv(1000);
      if (page.length === 0) break;
      for (const value of page) {
        const item = value as Doc;
        bytes += db.itemSize(item, true, true, rangeKey);
        if (bytes >= PAGE_BYTES) return null; // dynalite pages it (LastEvaluatedKey)
        items.push(item);
      }
    }
  } finally {
    await iterator.close();
  }
  const paths = projection;
  const answer = paths === null ? items : items.map((item) => project(item, paths));
  return { Count: answer.length, ScannedCount: items.length, Items: answer };
}

/** A partition's key prefix, kept (its hash prefix is an MD5: the same few boards are read on every edit). */
const partitions = new Map<string, string>();
function partitionKey(tableName: string, hashValue: string): string {
  const id = `${tableName}\u0000${hashValue}`;
  let key = partitions.get(id);
  if (key === undefined) {
    if (partitions.size >= 10_000) partitions.clear();
    key = `item-${tableName}~${db.hashPrefix(hashValue, 'S')}/${db.toRangeStr(hashValue, 'S')}/`;
    partitions.set(id, key);
  }
  return key;
}

function project(item: Doc, names: string[]): Doc {
  const out: Doc = {};
  for (const name of names) if (item[name] !== undefined) out[name] = item[name];
  return out;
}
