/**
 * The list of boards: one item per board in the `BOARDS` partition (title, archived), so the
 * API can list, rename and archive without scanning. A board made before the registry existed
 * (or by the sync tests, which append updates without creating a board) has no entry: it is
 * not listed, and $connect lets tokens for it through as before.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BoardMeta, Boards } from './boards';
import { isConditionalCheckFailed, queryAll, updateExisting, type Table } from './dynamo';
import { accessKeys } from './table-schema';

export interface BoardEntry {
  boardId: string;
  title: string;
  createdAt: string;
  createdBy: string;
  archived: boolean;
  updatedAt: string;
}

export class BoardRegistry {
  constructor(
    private readonly table: Table,
    private readonly boards: Boards,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(boardId: string): Promise<BoardEntry | null> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: accessKeys.registry, sk: accessKeys.registryBoard(boardId) }, ConsistentRead: true }),
    );
    return out.Item ? toEntry(out.Item) : null;
  }

  async list(): Promise<BoardEntry[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': accessKeys.registry },
      ConsistentRead: true,
    });
    return items.map(toEntry);
  }

  /** Creates the board (metadata + first update, once) and lists it. False if the id was taken. */
  async create(meta: BoardMeta, initialUpdate: Uint8Array): Promise<boolean> {
    const created = await this.boards.create(meta, initialUpdate);
    if (!created) return false;
    await this.register(meta);
    return true;
  }

  /** Lists an existing board (idempotent: keeps an existing entry). */
  async register(meta: BoardMeta): Promise<void> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            pk: accessKeys.registry,
            sk: accessKeys.registryBoard(meta.boardId),
            boardId: meta.boardId,
            title: meta.title,
            createdAt: meta.createdAt,
            createdBy: meta.createdBy,
            archived: false,
            updatedAt: meta.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async update(boardId: string, patch: { title?: string; archived?: boolean }): Promise<BoardEntry | null> {
    const sets: string[] = ['updatedAt = :now'];
    const values: Record<string, unknown> = { ':now': new Date(this.clock()).toISOString() };
    if (patch.title !== undefined) {
      sets.push('title = :title');
      values[':title'] = patch.title;
    }
    if (patch.archived !== undefined) {
      sets.push('archived = :archived');
      values[':archived'] = patch.archived;
    }
    const item = await updateExisting(this.table, {
      Key: { pk: accessKeys.registry, sk: accessKeys.registryBoard(boardId) },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeValues: values,
    });
    return item ? toEntry(item) : null;
  }
}

function toEntry(item: Record<string, unknown>): BoardEntry {
  return {
    boardId: String(item.boardId),
    title: String(item.title ?? ''),
    createdAt: String(item.createdAt ?? ''),
    createdBy: String(item.createdBy ?? ''),
    archived: item.archived === true,
    updatedAt: String(item.updatedAt ?? ''),
  };
}
