/**
 * Awareness (presence) of a board's clients, one item per Yjs client id, with y-protocols'
 * rule: a state replaces the stored one only with a higher clock. The write is conditional,
 * so the echoes y-websocket clients send of each other's states (same clock) are refused and
 * not relayed, and a state belongs to the connection that last raised its clock.
 * Items expire a minute after their last renewal (clients renew every 15 s), like the
 * 30-second outdated timeout of y-protocols, so a vanished client does not linger.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AwarenessEntry } from '../ws/awareness-codec';
import { isConditionalCheckFailed, queryAll, type Table } from './dynamo';
import { keys, TTL_ATTRIBUTE } from './table-schema';

export const AWARENESS_TTL_SECONDS = 60;

export interface StoredAwareness extends AwarenessEntry {
  owner: string;
}

/** How many (board, client) clocks a warm handler remembers. */
const SEEN_CLOCKS_MAX = 50_000;

export class AwarenessStates {
  /**
   * The highest clock this process knows is stored per board and client. Every y-websocket
   * client re-sends each state it receives, so with n clients each renewal comes back n-1 times;
   * an entry not newer than what was seen is such an echo and is dropped without a write. The
   * conditional write stays the source of truth: a cold process simply writes and is refused.
   */
  private readonly seenClocks = new Map<string, number>();

  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Stores the entries that are newer than what is stored; returns those (to relay). */
  async apply(boardId: string, owner: string, entries: AwarenessEntry[]): Promise<AwarenessEntry[]> {
    const expiresAt = Math.floor(this.clock() / 1000) + AWARENESS_TTL_SECONDS;
    const fresh = entries.filter((e) => e.clock > (this.seenClocks.get(`${boardId}:${e.clientID}`) ?? -1));
    const accepted = await Promise.all(
      fresh.map(async (entry) => {
        const seenKey = `${boardId}:${entry.clientID}`;
        const remember = () => {
          if (this.seenClocks.size >= SEEN_CLOCKS_MAX) this.seenClocks.clear();
          this.seenClocks.set(seenKey, Math.max(entry.clock, this.seenClocks.get(seenKey) ?? -1));
        };
        try {
          await this.table.doc.send(
            new PutCommand({
              TableName: this.table.name,
              Item: {
                pk: keys.board(boardId),
                sk: keys.awareness(entry.clientID),
                clientID: entry.clientID,
                clock: entry.clock,
                state: entry.state,
                owner,
                [TTL_ATTRIBUTE]: expiresAt,
              },
              ConditionExpression: 'attribute_not_exists(pk) OR #c < :c OR #e < :now',
              ExpressionAttributeNames: { '#c': 'clock', '#e': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':c': entry.clock, ':now': Math.floor(this.clock() / 1000) },
            }),
          );
          remember();
          return entry;
        } catch (error) {
          if (!isConditionalCheckFailed(error)) throw error;
          remember(); // storage holds this clock or a newer one
          return null; // an echo or an older state
        }
      }),
    );
    return accepted.filter((e): e is AwarenessEntry => e !== null);
  }

  /** Present clients of a board (state not null, not expired). */
  async list(boardId: string): Promise<StoredAwareness[]> {
    const now = Math.floor(this.clock() / 1000);
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
      ExpressionAttributeValues: { ':pk': keys.board(boardId), ':a': keys.awarenessPrefix },
      ConsistentRead: true,
    });
    return items
      .filter((i) => Number(i[TTL_ATTRIBUTE] ?? 0) > now && i.state !== 'null')
      .map((i) => ({ clientID: Number(i.clientID), clock: Number(i.clock), state: String(i.state), owner: String(i.owner) }));
  }

  /** Marks the states a connection owned as removed; returns the removal entries to relay. */
  async release(boardId: string, owner: string): Promise<AwarenessEntry[]> {
    const owned = (await this.list(boardId)).filter((s) => s.owner === owner);
    return this.apply(
      boardId,
      owner,
      owned.map((s) => ({ clientID: s.clientID, clock: s.clock + 1, state: 'null' })),
    );
  }
}
