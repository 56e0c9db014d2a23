/**
 * The board audience where the gateway itself knows it: the local gateway is one process, every
 * WebSocket connection of `npm start` passes through it, so the connection records this process
 * writes are also kept in memory and a fan-out reads its audience there instead of a DynamoDB
 * Query. The records are still written to (and removed from) the table exactly as on AWS —
 * the HTTP side (revocation cut-offs) and a restart read them there — only the reads of this
 * process are served from memory.
 *
 * Safety (issue 12): a record is added to memory only once its PutItem has returned, before
 * $connect answers, so before the client's first message (its sync step 1, which loads the
 * board). A handler reads the audience after its update is durable; a record it does not see
 * was added after that, so the newcomer's load holds the update. Same rule as with the Query.
 *
 * Records a previous process left (stopped without its $disconnects) are read from the table
 * once per board, so a fan-out still finds them stale (410) and drops them with their presence.
 *
 * Not for a table shared by several processes that each accept connections (not a setup the
 * local stack has): the AWS path (`Connections`, the Query) is the one for that.
 */
import { CONNECTION_TTL_SECONDS, Connections, type AudienceMember, type ConnectionRecord, type StoredConnection } from '@binhan/functions';

export class GatewayConnections extends Connections {
  private readonly byBoard = new Map<string, Map<string, { record: ConnectionRecord; expiresAt: number }>>();
  private readonly boardOf = new Map<string, string>();
  /** Boards whose records from before this process started were read once from the table. */
  private readonly seeded = new Map<string, Promise<void>>();
  private readonly startedAt = this.clock();

  override async put(record: Parameters<Connections['put']>[0]): Promise<StoredConnection> {
    const stored = await super.put(record);
    const board = this.byBoard.get(stored.record.boardId) ?? new Map<string, { record: ConnectionRecord; expiresAt: number }>();
    board.set(stored.record.connectionId, stored);
    this.byBoard.set(stored.record.boardId, board);
    this.boardOf.set(stored.record.connectionId, stored.record.boardId);
    return stored;
  }

  override async get(connectionId: string, options: { includeExpired?: boolean } = {}): Promise<ConnectionRecord | null> {
    const boardId = this.boardOf.get(connectionId);
    const known = boardId !== undefined ? this.byBoard.get(boardId)?.get(connectionId) : undefined;
    if (known && (options.includeExpired || known.expiresAt * 1000 > this.clock())) return known.record;
    return super.get(connectionId, options);
  }

  /** The board's live connections from memory; when some have expired, the table's read (which removes them). */
  override async listBoard(boardId: string): Promise<ConnectionRecord[]> {
    await this.seed(boardId);
    const board = this.byBoard.get(boardId);
    if (!board) return [];
    const now = this.clock();
    const live: ConnectionRecord[] = [];
    let expired = false;
    for (const { record, expiresAt } of board.values()) {
      if (expiresAt * 1000 > now) live.push(record);
      else expired = true;
    }
    if (!expired) return live;
    for (const [id, entry] of board) {
      if (entry.expiresAt * 1000 <= now) {
        board.delete(id);
        this.boardOf.delete(id);
      }
    }
    await super.listBoard(boardId); // removes the expired records from the table, as the Query path does
    return live;
  }

  /** The audience is the board's records in memory (they hold more than a post needs: nothing to read). */
  override listAudience(boardId: string): Promise<AudienceMember[]> {
    return this.listBoard(boardId);
  }

  /**
   * Once per board and process: the records a previous process left in the table (it stopped
   * without its $disconnects running). No connection survives a restart, so each is stale: it
   * joins the audience once, its post fails with 410 and the fan-out drops it and its presence.
   */
  private seed(boardId: string): Promise<void> {
    let seeding = this.seeded.get(boardId);
    if (!seeding) {
      seeding = super.listBoard(boardId).then(
        (stored) => {
          const left = stored.filter((r) => r.connectedAt < this.startedAt && !this.boardOf.has(r.connectionId));
          if (left.length === 0) return;
          const board = this.byBoard.get(boardId) ?? new Map<string, { record: ConnectionRecord; expiresAt: number }>();
          for (const record of left) {
            board.set(record.connectionId, { record, expiresAt: Math.floor(this.clock() / 1000) + CONNECTION_TTL_SECONDS });
            this.boardOf.set(record.connectionId, boardId);
          }
          this.byBoard.set(boardId, board);
        },
        (error: unknown) => {
          this.seeded.delete(boardId); // try again on the next read
          throw error;
        },
      );
      this.seeded.set(boardId, seeding);
    }
    return seeding;
  }

  /**
   * The update first, then the audience from memory: the read costs nothing here, so it simply
   * follows the write and no newcomer ever needs to re-read (joinRereadMs 0).
   */
  override async writeThenAudience(boardId: string, write: () => Promise<void>): Promise<AudienceMember[]> {
    await write();
    return this.listAudience(boardId);
  }

  override get joinRereadMs(): number {
    return 0;
  }

  override async remove(connectionId: string, boardId: string): Promise<void> {
    this.byBoard.get(boardId)?.delete(connectionId);
    if (this.byBoard.get(boardId)?.size === 0) this.byBoard.delete(boardId);
    this.boardOf.delete(connectionId);
    await super.remove(connectionId, boardId);
  }
}
