/**
 * Staff accounts. A user is `USER#<id>/PROFILE`; `EMAIL#<email>/EMAIL` maps the lower-cased
 * e-mail to the id and makes it unique (conditional put). An invited user has no password
 * until they accept the invite: `INVITE#<sha256(token)>/INVITE` maps the one-time token (only
 * its hash is stored) to the user, for 7 days.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newSecretToken, randomId, sha256 } from '../util/crypto';
import { isConditionalCheckFailed, type Table } from './dynamo';
import { accessKeys, TTL_ATTRIBUTE } from './table-schema';

export const INVITE_TTL_SECONDS = 7 * 24 * 60 * 60;

export type AccountStatus = 'invited' | 'active' | 'disabled';

export interface Account {
  userId: string;
  email: string;
  name: string;
  status: AccountStatus;
  /** Admin on every board (the first administrator). */
  globalAdmin: boolean;
  passwordHash: string | null;
  createdAt: string;
  createdBy: string;
  /** Sessions made before this (epoch ms) are void: set when the password changes. */
  sessionsValidFrom: number | null;
}

/** What may leave the server about an account. */
export interface PublicAccount {
  userId: string;
  email: string;
  name: string;
  status: AccountStatus;
  globalAdmin: boolean;
}

export function publicAccount(a: Account): PublicAccount {
  return { userId: a.userId, email: a.email, name: a.name, status: a.status, globalAdmin: a.globalAdmin };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class Accounts {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(userId: string): Promise<Account | null> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: accessKeys.user(userId), sk: accessKeys.profile }, ConsistentRead: true }),
    );
    return out.Item ? toAccount(out.Item) : null;
  }

  async findByEmail(email: string): Promise<Account | null> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: accessKeys.email(normaliseEmail(email)), sk: accessKeys.emailSk }, ConsistentRead: true }),
    );
    const userId = out.Item?.userId;
    return typeof userId === 'string' ? this.get(userId) : null;
  }

  /**
   * Creates an account unless the e-mail is taken. The profile is written first, then the
   * e-mail index conditionally; a loser of a race deletes its profile and gets the winner.
   */
  async create(input: {
    email: string;
    name: string;
    status: AccountStatus;
    globalAdmin?: boolean;
    passwordHash?: string | null;
    createdBy: string;
  }): Promise<{ account: Account; created: boolean }> {
    const email = normaliseEmail(input.email);
    const existing = await this.findByEmail(email);
    if (existing) return { account: existing, created: false };
    const account: Account = {
      userId: `u-${randomId(16)}`,
      email,
      name: input.name.trim(),
      status: input.status,
      globalAdmin: input.globalAdmin ?? false,
      passwordHash: input.passwordHash ?? null,
      createdAt: new Date(this.clock()).toISOString(),
      createdBy: input.createdBy,
      sessionsValidFrom: null,
    };
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { pk: accessKeys.user(account.userId), sk: accessKeys.profile, ...account },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { pk: accessKeys.email(email), sk: accessKeys.emailSk, userId: account.userId },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: { pk: accessKeys.user(account.userId), sk: accessKeys.profile } }));
      const winner = await this.findByEmail(email);
      if (!winner) throw new Error('E-mail index points to a missing account');
      return { account: winner, created: false };
    }
    return { account, created: true };
  }

  /** A fresh one-time invite token for an invited user (returned once; only its hash is kept). */
  async issueInvite(userId: string): Promise<{ token: string; expiresAt: string }> {
    const token = newSecretToken();
    const expiresAt = Math.floor(this.clock() / 1000) + INVITE_TTL_SECONDS;
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { pk: accessKeys.invite(sha256(token)), sk: accessKeys.inviteSk, userId, [TTL_ATTRIBUTE]: expiresAt },
      }),
    );
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /**
   * Activates an invited account: sets its name and password, once. The invite item is deleted
   * conditionally first, so a token works only one time even when used twice at once.
   */
  async acceptInvite(token: string, name: string, passwordHash: string): Promise<Account | null> {
    const Key = { pk: accessKeys.invite(sha256(token)), sk: accessKeys.inviteSk };
    let item: Record<string, unknown> | undefined;
    try {
      const out = await this.table.doc.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key,
          ConditionExpression: 'attribute_exists(pk) AND #ttl > :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': Math.floor(this.clock() / 1000) },
          ReturnValues: 'ALL_OLD',
        }),
      );
      item = out.Attributes;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
    const userId = item?.userId;
    if (typeof userId !== 'string') return null;
    try {
      const out = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { pk: accessKeys.user(userId), sk: accessKeys.profile },
          UpdateExpression: 'SET #status = :active, #name = :name, passwordHash = :hash',
          ConditionExpression: '#status = :invited',
          ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
          ExpressionAttributeValues: { ':active': 'active', ':invited': 'invited', ':name': name.trim(), ':hash': passwordHash },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toAccount(out.Attributes) : null;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  /**
   * Sets a new password hash. With `endSessionsBefore` (epoch ms) every session of the account
   * made before that moment stops counting (loadSession checks it), whatever device holds it.
   */
  async setPassword(userId: string, passwordHash: string, options: { endSessionsBefore?: number } = {}): Promise<void> {
    const ending = options.endSessionsBefore !== undefined;
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: { pk: accessKeys.user(userId), sk: accessKeys.profile },
        UpdateExpression: ending ? 'SET passwordHash = :hash, sessionsValidFrom = :from' : 'SET passwordHash = :hash',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':hash': passwordHash, ...(ending ? { ':from': options.endSessionsBefore } : {}) },
      }),
    );
  }
}

function toAccount(item: Record<string, unknown>): Account {
  const status = item.status === 'active' || item.status === 'disabled' ? item.status : 'invited';
  return {
    userId: String(item.userId),
    email: String(item.email),
    name: String(item.name ?? ''),
    status,
    globalAdmin: item.globalAdmin === true,
    passwordHash: typeof item.passwordHash === 'string' ? item.passwordHash : null,
    createdAt: String(item.createdAt ?? ''),
    createdBy: String(item.createdBy ?? ''),
    sessionsValidFrom: typeof item.sessionsValidFrom === 'number' ? item.sessionsValidFrom : null,
  };
}
