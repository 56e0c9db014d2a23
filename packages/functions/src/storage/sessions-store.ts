/** Sign-in sessions in DynamoDB, keyed by the SHA-256 of the cookie value, expiring by TTL. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { sha256 } from '../util/crypto';

/** Sessions last 12 hours (a working day), then the user signs in again. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
import type { Table } from './dynamo';
import { accessKeys, TTL_ATTRIBUTE } from './table-schema';

export interface Session {
  userId: string;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export class SessionsStore {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
    private readonly ttlSeconds = SESSION_TTL_SECONDS,
  ) {}

  private key(sessionId: string) {
    return { pk: accessKeys.session(sha256(sessionId)), sk: accessKeys.sessionSk };
  }

  async create(sessionId: string, userId: string): Promise<Session> {
    const session: Session = {
      userId,
      createdAt: new Date(this.clock()).toISOString(),
      expiresAt: Math.floor(this.clock() / 1000) + this.ttlSeconds,
    };
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...this.key(sessionId), userId, createdAt: session.createdAt, [TTL_ATTRIBUTE]: session.expiresAt },
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
    return { userId: String(item.userId), createdAt: String(item.createdAt ?? ''), expiresAt };
  }

  async delete(sessionId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: this.key(sessionId) }));
  }
}
