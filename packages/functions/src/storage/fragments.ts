/**
 * Joining a fragmented message across stateless invocations: each fragment is stored, then an
 * atomic counter (ADD) is bumped; the invocation that brings the count to the total joins the
 * message. Exactly one invocation sees the total, whatever order fragments arrive in.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deleteAll, isConditionalCheckFailed, queryAll, type Table } from './dynamo';
import { keys, TTL_ATTRIBUTE } from './table-schema';

/** A fragment that cannot be stored: sent twice, or its count differs from the message's other fragments. Nothing of it was stored. */
export class FragmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FragmentError';
  }
}

/** An unfinished message is dropped after this long. */
const FRAGMENT_TTL_SECONDS = 10 * 60;

export class Fragments {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Stores one fragment; returns the joined base64 text when it was the last one, else null. */
  async add(connectionId: string, msgId: string, index: number, count: number, data: string): Promise<string | null> {
    const expiresAt = Math.floor(this.clock() / 1000) + FRAGMENT_TTL_SECONDS;
    const pk = keys.connection(connectionId);
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { pk, sk: keys.fragment(msgId, index), d: data, [TTL_ATTRIBUTE]: expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ).catch((error: unknown) => {
      if (isConditionalCheckFailed(error)) {
        throw new FragmentError(`Fragment ${index} of message ${msgId} was sent twice.`);
      }
      throw error;
    });
    const out = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: { pk, sk: keys.fragmentCounter(msgId) },
        UpdateExpression: 'ADD got :one SET #t = if_not_exists(#t, :count), #e = :e',
        ConditionExpression: 'attribute_not_exists(#t) OR #t = :count',
        ExpressionAttributeNames: { '#t': 'total', '#e': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':count': count, ':e': expiresAt },
        ReturnValues: 'ALL_NEW',
      }),
    ).catch((error: unknown) => {
      if (isConditionalCheckFailed(error)) {
        throw new FragmentError(`Fragment ${index} of message ${msgId} says the message has ${count} parts, unlike its earlier fragments: send the message again with a new id.`);
      }
      throw error;
    });
    if (Number(out.Attributes?.got) !== count) return null;
    const parts = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':pk': pk, ':f': keys.fragmentPrefix(msgId) },
      ConsistentRead: true,
    });
    await deleteAll(this.table, [...parts.map((p) => ({ pk, sk: String(p.sk) })), { pk, sk: keys.fragmentCounter(msgId) }]);
    // Expired parts are not joined (the engines keep TTL items): the message is dropped whole.
    const now = Math.floor(this.clock() / 1000);
    const live = parts.filter((p) => Number(p[TTL_ATTRIBUTE] ?? Infinity) > now);
    if (live.length !== count) throw new Error(`Message ${msgId} was not finished in time (${FRAGMENT_TTL_SECONDS} s): sent twice or expired.`);
    return live.map((p) => String(p.d)).join('');
  }

  /** Drops unfinished messages of a connection that left. */
  async clear(connectionId: string): Promise<void> {
    const pk = keys.connection(connectionId);
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    await deleteAll(this.table, items.filter((i) => String(i.sk) !== keys.connectionIndex).map((i) => ({ pk, sk: String(i.sk) })));
  }
}
