/**
 * Live WebSocket connections in DynamoDB. Two items per connection, written one by one:
 * the board's item (found by a Query of the board) and the
 * connection's index item (found from the connectionId alone). Both expire with a TTL a little
 * past API Gateway's 2-hour connection lifetime; readers ignore expired ones.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, queryAll, type Table } from './dynamo';
import { keys, TTL_ATTRIBUTE } from './table-schema';

import type { Role } from '@binhan/core';

export type Right = 'edit' | 'view';

export interface ConnectionRecord {
  connectionId: string;
  boardId: string;
  right: Right;
  /** The holder's role on the board (decides protected writes). */
  role: Role;
  /** Who connected (token subject), for presence and audit. */
  subject: string;
  /** The id of the token used, so a revoked token can find its sockets. */
  tokenId: string;
  /**
   * The name the person typed in the page's presence dialog (query `name` of $connect): what a
   * shared link's holder says about themselves, for the audit. Self-declared, never trusted.
   */
  declaredName?: string;
  /** When $connect accepted it (epoch ms). */
  connectedAt: number;
}

/** A connection as a fan-out knows it: where to post, and since when (a young one's 410 is not staleness). */
export type AudienceMember = Pick<ConnectionRecord, 'connectionId' | 'boardId' | 'connectedAt'>;

/** A connection as written: its record and when it expires (epoch s). */
export interface StoredConnection {
  record: ConnectionRecord;
  expiresAt: number;
}

/**
 * The join window (issue 12): how long a fan-out's audience read and its update write may be
 * apart and still be safe when run in parallel. A writer reads the audience WHILE its update is
 * written; when the write took longer than this (a throttled write, retried), it reads the
 * audience again after the write. A newcomer re-reads the board this long after its sync step 1
 * began (which is after its record was written). So a writer that missed a newcomer's record
 * either finished its write before the newcomer's re-read (fast write: the re-read holds the
 * update) or read the audience again after the write (slow write: it finds the record, or the
 * record came after the write and the newcomer's first load holds the update).
 */
export const JOIN_WINDOW_MS = 1_000;

/** API Gateway closes connections after 2 hours; keep records a little longer than that. */
export const CONNECTION_TTL_SECONDS = 3 * 60 * 60;

/**
 * A connection's board and right never change while it lives, so a warm handler may keep them
 * for a few seconds instead of reading them for every message. A closed or revoked connection
 * sends no more messages (the gateway closes it), so a cached entry cannot outlive its use.
 */
const IDENTITY_CACHE_MS = 10_000;
const IDENTITY_CACHE_MAX = 10_000;

export class Connections {
  private readonly identities = new Map<string, { record: ConnectionRecord; until: number; expiresAt: number }>();
  /** Reads in flight per connection id (shared by the messages that wait for them). */
  private readonly reading = new Map<string, Promise<ConnectionRecord | null>>();

  constructor(
    protected readonly table: Table,
    protected readonly clock: () => number = Date.now,
    protected readonly joinWindowMs: number = JOIN_WINDOW_MS,
  ) {}

  /**
   * Records a connection. With `tokenExpiresAt` (epoch s) the records expire with the token:
   * a socket open on a link that expires stops receiving updates at once (readers treat the
   * record as gone) and is closed on its next message.
   */
  async put(record: Omit<ConnectionRecord, 'connectedAt'> & { tokenExpiresAt?: number }): Promise<StoredConnection> {
    const lifetimeEnd = Math.floor(this.clock() / 1000) + CONNECTION_TTL_SECONDS;
    const expiresAt = record.tokenExpiresAt !== undefined ? Math.min(lifetimeEnd, record.tokenExpiresAt) : lifetimeEnd;
    const common = {
      boardId: record.boardId,
      right: record.right,
      role: record.role,
      subject: record.subject,
      tokenId: record.tokenId,
      ...(record.declaredName ? { declaredName: record.declaredName } : {}),
      connectedAt: this.clock(),
      [TTL_ATTRIBUTE]: expiresAt,
    };
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.name, Item: { pk: keys.connection(record.connectionId), sk: keys.connectionIndex, ...common } }),
    );
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { pk: keys.board(record.boardId), sk: keys.boardConnection(record.connectionId), connectionId: record.connectionId, ...common },
      }),
    );
    return { record: toRecord(record.connectionId, common), expiresAt };
  }

  async get(connectionId: string, options: { includeExpired?: boolean } = {}): Promise<ConnectionRecord | null> {
    const cached = this.identities.get(connectionId);
    if (cached && cached.until > this.clock() && (options.includeExpired || cached.expiresAt * 1000 > this.clock())) return cached.record;
    if (options.includeExpired) return this.read(connectionId, true);
    // Messages of one connection arriving together (a burst, a flood) share one read.
    const pending = this.reading.get(connectionId);
    if (pending) return pending;
    const read = this.read(connectionId, false).finally(() => this.reading.delete(connectionId));
    this.reading.set(connectionId, read);
    return read;
  }

  private async read(connectionId: string, includeExpired: boolean): Promise<ConnectionRecord | null> {
    const options = { includeExpired };
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: keys.connection(connectionId), sk: keys.connectionIndex }, ConsistentRead: true }),
    );
    const item = out.Item;
    if (!item) return null;
    if (this.expired(item)) return options.includeExpired ? toRecord(connectionId, item) : null;
    const record = toRecord(connectionId, item);
    if (this.identities.size >= IDENTITY_CACHE_MAX) this.identities.clear();
    this.identities.set(connectionId, { record, until: this.clock() + IDENTITY_CACHE_MS, expiresAt: Number(item[TTL_ATTRIBUTE] ?? Infinity) });
    return record;
  }

  /**
   * Every live connection of a board. Expired records found are removed (the board's item, the
   * connection's index item and whatever else it left under its key, e.g. fragments): the
   * embedded engine and DynamoDB Local never delete TTL items, DynamoDB deletes them late.
   */
  async listBoard(boardId: string): Promise<ConnectionRecord[]> {
    return (await this.liveItems(boardId, false)).map((i) => toRecord(String(i.connectionId), i));
  }

  /**
   * Who a fan-out posts to: the board's live connections, read with only the attributes a post
   * and a stale connection's removal need (a projected Query: on a board of 100 connections the
   * answer is a quarter of the whole records', and so is the work of reading it, on every edit).
   * Expired records are removed as by listBoard.
   */
  async listAudience(boardId: string): Promise<AudienceMember[]> {
    return (await this.liveItems(boardId, true)).map((i) => ({ connectionId: String(i.connectionId), boardId, connectedAt: Number(i.connectedAt ?? 0) }));
  }

  private async liveItems(boardId: string, audienceOnly: boolean): Promise<Record<string, unknown>[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :k)',
      ExpressionAttributeValues: { ':pk': keys.board(boardId), ':k': keys.boardConnectionPrefix },
      ...(audienceOnly ? { ProjectionExpression: 'connectionId, connectedAt, #e', ExpressionAttributeNames: { '#e': TTL_ATTRIBUTE } } : {}),
      ConsistentRead: true,
    });
    const expired = items.filter((i) => this.expired(i));
    if (expired.length === 0) return items;
    await Promise.all(expired.map((i) => this.removeExpired(boardId, String(i.connectionId))));
    return items.filter((i) => !this.expired(i));
  }

  /** Removes an expired connection's items; each delete only if the item is still expired. */
  private async removeExpired(boardId: string, connectionId: string): Promise<void> {
    this.identities.delete(connectionId);
    const now = Math.floor(this.clock() / 1000);
    const ifExpired = {
      ConditionExpression: 'attribute_not_exists(#e) OR #e <= :now',
      ExpressionAttributeNames: { '#e': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':now': now },
    };
    const quietly = (p: Promise<unknown>) =>
      p.catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
      });
    await quietly(this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: keys.boardConnection(connectionId) }, ...ifExpired })));
    const pk = keys.connection(connectionId);
    const own = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk, #e',
      ExpressionAttributeNames: { '#e': TTL_ATTRIBUTE },
      ConsistentRead: true,
    });
    const index = own.find((i) => i.sk === keys.connectionIndex);
    if (index && !this.expired(index)) return; // renewed meanwhile (not expected: a record is written once)
    await Promise.all(
      own.map((i) => quietly(this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: { pk, sk: String(i.sk) }, ...(i.sk === keys.connectionIndex ? ifExpired : {}) })))),
    );
  }

  /**
   * Writes an update (`write`) and returns the audience to fan it out to, such that a client
   * joining meanwhile gets the update one way or the other (see JOIN_WINDOW_MS): the Query runs in
   * parallel with the write (one storage round trip on the edit's path, not two in series); a
   * write slower than the window is followed by a second Query.
   */
  async writeThenAudience(boardId: string, write: () => Promise<void>): Promise<AudienceMember[]> {
    const started = this.clock();
    // The write is sent first: where its answer comes first, its work (the engine's, on disk a
    // trip to the thread pool) runs while the Query's answer is read, not after it.
    const written = write();
    const first = this.listAudience(boardId);
    first.then(undefined, () => undefined); // awaited below, after the write
    await written;
    if (this.clock() - started > this.joinWindowMs) return this.listAudience(boardId);
    return first;
  }

  /**
   * How long after its sync step 1 began a newcomer re-reads the board, for updates whose writers
   * read the audience before its record existed (0: never needed, see GatewayConnections).
   */
  get joinRereadMs(): number {
    return this.joinWindowMs;
  }

  /** Removes both items. */
  async remove(connectionId: string, boardId: string): Promise<void> {
    this.identities.delete(connectionId);
    await this.table.doc.send(
      new DeleteCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: keys.boardConnection(connectionId) } }),
    );
    await this.table.doc.send(
      new DeleteCommand({ TableName: this.table.name, Key: { pk: keys.connection(connectionId), sk: keys.connectionIndex } }),
    );
  }

  protected expired(item: Record<string, unknown>): boolean {
    const at = Number(item[TTL_ATTRIBUTE] ?? Infinity);
    return at * 1000 <= this.clock();
  }
}

function toRecord(connectionId: string, item: Record<string, unknown>): ConnectionRecord {
  const record: ConnectionRecord = {
    connectionId,
    boardId: String(item.boardId),
    right: item.right === 'edit' ? 'edit' : 'view',
    role: (['admin', 'leader', 'editor', 'viewer'] as const).find((r) => r === item.role) ?? (item.right === 'edit' ? 'editor' : 'viewer'),
    subject: String(item.subject ?? ''),
    tokenId: String(item.tokenId ?? ''),
    connectedAt: Number(item.connectedAt ?? 0),
  };
  if (typeof item.declaredName === 'string' && item.declaredName) record.declaredName = item.declaredName;
  return record;
}
