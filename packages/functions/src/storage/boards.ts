/** Board metadata and creation: a board exists once its metadata item does. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BoardUpdates } from './board-updates';
import { isConditionalCheckFailed, type Table } from './dynamo';
import { keys } from './table-schema';

export interface BoardMeta {
  boardId: string;
  title: string;
  createdAt: string;
  createdBy: string;
}

export class Boards {
  constructor(
    private readonly table: Table,
    private readonly updates: BoardUpdates,
  ) {}

  async get(boardId: string): Promise<BoardMeta | null> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: keys.meta }, ConsistentRead: true }),
    );
    if (!out.Item) return null;
    return {
      boardId,
      title: String(out.Item.title ?? ''),
      createdAt: String(out.Item.createdAt ?? ''),
      createdBy: String(out.Item.createdBy ?? ''),
    };
  }

  /**
   * Creates the board with its first content, once: the metadata write is conditional, so two
   * creators race safely and only the winner writes the initial update. Returns false if it existed.
   */
  async create(meta: BoardMeta, initialUpdate: Uint8Array): Promise<boolean> {
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { pk: keys.board(meta.boardId), sk: keys.meta, ...meta },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
    await this.updates.append(meta.boardId, initialUpdate);
    return true;
  }
}
