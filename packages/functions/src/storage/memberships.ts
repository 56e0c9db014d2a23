/**
 * Roles per board. The board's item `B#<board>/MEMBER#<user>` is authoritative; the user's
 * item `USER#<user>/BOARD#<board>` indexes "my boards". Single-item writes in an order that
 * never grants more than the board item says: add writes the index first, removal deletes the
 * board item first.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isRole, type Role } from '@binhan/core/yjs-free';
import type { Table } from './dynamo';
import { queryPrefix } from './prefix-query';
import { accessKeys, keys } from './table-schema';

export interface Membership {
  boardId: string;
  userId: string;
  role: Role;
  addedAt: string;
  addedBy: string;
}

export class Memberships {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(boardId: string, userId: string): Promise<Membership | null> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: accessKeys.member(userId) }, ConsistentRead: true }),
    );
    return out.Item ? toMembership(out.Item) : null;
  }

  async put(boardId: string, userId: string, role: Role, addedBy: string): Promise<Membership> {
    const m: Membership = { boardId, userId, role, addedAt: new Date(this.clock()).toISOString(), addedBy };
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.name, Item: { pk: accessKeys.user(userId), sk: accessKeys.userBoard(boardId), ...m } }),
    );
    await this.table.doc.send(
      new PutCommand({ TableName: this.table.name, Item: { pk: keys.board(boardId), sk: accessKeys.member(userId), ...m } }),
    );
    return m;
  }

  async remove(boardId: string, userId: string): Promise<void> {
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: accessKeys.member(userId) } }));
    await this.table.doc.send(new DeleteCommand({ TableName: this.table.name, Key: { pk: accessKeys.user(userId), sk: accessKeys.userBoard(boardId) } }));
  }

  async listBoard(boardId: string): Promise<Membership[]> {
    const items = await queryPrefix(this.table, keys.board(boardId), accessKeys.memberPrefix);
    return items.map(toMembership);
  }

  async listUser(userId: string): Promise<Membership[]> {
    const items = await queryPrefix(this.table, accessKeys.user(userId), accessKeys.userBoardPrefix);
    return items.map(toMembership);
  }
}

function toMembership(item: Record<string, unknown>): Membership {
  return {
    boardId: String(item.boardId),
    userId: String(item.userId),
    role: isRole(item.role) ? item.role : 'viewer',
    addedAt: String(item.addedAt ?? ''),
    addedBy: String(item.addedBy ?? ''),
  };
}
