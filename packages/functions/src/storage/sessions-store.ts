/** Sign-in sessions in DynamoDB, keyed by the SHA-256 of the cookie value, expiring by TTL. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomId, sha256 } from '../util/crypto';

/** Sessions last 12 hours (a working day), then the user signs in again. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
import type { Table } from './dynamo';
import { accessKeys, TTL_ATTRIBUTE } from './table-schema';

export interface Session {
  userId: string;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
  /**
   * Names the sign-in this session belongs to, and the sync tokens it issued (their token ids
   * carry it: storage/revocations.ts `sessionTokenId`). A sign-in starts a family; the fresh
   * session a password change gives the caller keeps the caller's, so the caller's open sockets
   * stay up while every other session's are cut.
   */
  family: string;
}

/** A session family: 16 base36 characters. */
export const SESSION_FAMILY = /^[a-z0-9]{16}$/;

export class SessionsStore {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
    private readonly ttlSeconds = SESSION_TTL_SECONDS,
  ) {}

  private key(sessionId: string) {
    return { pk: accessKeys.session(sha256(sessionId)), sk: accessKeys.sessionSk };
  }

  /** A new session; `family` continues a sign-in (a password change), otherwise a new one starts. */
  async create(sessionId: string, userId: string, options: { family?: string } = {}): Promise<Session> {
    const session: Session = {
      userId,
      createdAt: new Date(this.clock()).toISOString(),
      expiresAt: Math.floor(this.clock() / 1000) + this.ttlSeconds,
      family: options.family !== undefined && SESSION_FAMILY.test(options.family) ? options.family : randomId(16),
    };
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...this.key(sessionId), userId, createdAt: session.createdAt, family: session.family, [TTL_ATTRIBUTE]: session.expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return session;
  }

  async get(sessionId: string): Promise<Session | null> {
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: this.key(sessionId), ConsistentRead: true }));
    const item = out.Item;
    if (!item) return null;
    const expiresAt = Number(item[TTL_ATTRIBUTE] ?? 0);
    if (expiresAt * 1000 <= this.clock()) return null;
    // A session stored before families existed is a family of its own (named from its key).
    const family = typeof item.family === 'string' && SESSION_FAMILY.test(item.family) ? item.family : legacyFamily(sessionId);
    return { userId: String(item.userId), createdAt: String(item.createdAt ?? ''), expiresAt, family };
  }

  async delete(sessionId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: this.key(sessionId) }));
  }
}

function legacyFamily(sessionId: string): string {
  return sha256(sessionId).slice(0, 16);
}
