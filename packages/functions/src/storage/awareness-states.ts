/**
 * Awareness (presence) of a board's clients, one item per Yjs client id, with y-protocols'
 * rule: a state replaces the stored one only with a higher clock. The write is conditional,
 * so the echoes y-websocket clients send of each other's states (same clock) are refused and
 * not relayed.
 *
 * A client id belongs to the connection that first announced it on the board (`owner`): no
 * other connection may change or remove its state while that connection lives (a spoof is
 * refused and reported), and a connection may announce only a few ids (the caller's `claim`
 * decides, see ws/connection-limits.ts). Once the owner is gone, a newer state from another
 * connection takes the id over (the same tab reconnecting keeps its client id).
 *
 * Items expire a minute after their last renewal (clients renew every 15 s), like the
 * 30-second outdated timeout of y-protocols, so a vanished client does not linger. Expired
 * items are ignored on read and deleted (conditionally) when a read finds them: neither
 * dynalite nor DynamoDB Local deletes TTL items, and DynamoDB does it late.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type Table } from './dynamo';
import { queryPrefix } from './prefix-query';
import { keys, TTL_ATTRIBUTE } from './table-schema';

/** One client's awareness state, as y-protocols' awareness update carries it. */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  /** The JSON text of the state; "null" when the client is gone. */
  state: string;
}

export const AWARENESS_TTL_SECONDS = 60;

export interface StoredAwareness extends AwarenessEntry {
  owner: string;
}

interface StoredItem extends StoredAwareness {
  expiresAt: number;
}

/** Who holds the connection that owns a client id, as seen by the announcing connection. */
export type OwnerStatus = 'gone' | 'same-holder' | 'other-holder';

export interface AnnounceRules {
  /** Lets the announcing connection take one more client id (false: past its limit). */
  claim(clientID: number): Promise<boolean>;
  /** Whether the owning connection still lives, and whether it was opened with the same token. */
  ownerStatus(owner: string): Promise<OwnerStatus>;
  /**
   * When known to be at its limit: the ids the connection holds. Any other id could only be
   * refused (an echo is dropped, a new or foreign id refused), so it is refused without a read.
   */
  claimsFull?(): ReadonlySet<number> | null;
}

export interface AnnounceResult {
  /** Stored: relay these. */
  accepted: AwarenessEntry[];
  /** Client ids owned by another holder's live connection: refused. */
  notYours: number[];
  /** Client ids past the connection's limit: refused. */
  overLimit: number[];
  /**
   * Stored states newer than what the sender announced (its entry was older): send them back.
   * A tab that reconnects re-announces its state with the clock it had, while the server may
   * already have removed that state (its old connection's $disconnect, clock + 1). Told so,
   * y-protocols bumps the clock of its own state past the removal and announces it again, so the
   * tab is present again at once, not at its next renewal 15 s later.
   */
  outdated: AwarenessEntry[];
}

/** Every id may be claimed and every owner counts as gone (storage tests, seeding). */
const PERMISSIVE: AnnounceRules = { claim: async () => true, ownerStatus: async () => 'gone' };

/** How many (board, client) clocks and owners a warm handler remembers. */
const SEEN_MAX = 50_000;
/** Above this many unknown entries in one message, one Query reads the board's states. */
const QUERY_ABOVE = 4;

export class AwarenessStates {
  /**
   * The highest clock this process knows is stored per board and client. Every y-websocket
   * client re-sends each state it receives, so with n clients each renewal comes back n-1 times;
   * an entry not newer than what was seen is such an echo and is dropped without a write. The
   * conditional write stays the source of truth: a cold process simply reads and drops it.
   */
  private readonly seenClocks = new Map<string, number>();
  /** The owning connection per board and client, as last seen (saves a read on renewals). */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Stores the entries that are newer than what is stored (ownership unchecked); returns those. */
  async apply(boardId: string, owner: string, entries: AwarenessEntry[]): Promise<AwarenessEntry[]> {
    return (await this.announce(boardId, owner, entries, PERMISSIVE)).accepted;
  }

  /** A connection's awareness message: stores what it may change, says what it may not. */
  async announce(boardId: string, me: string, entries: AwarenessEntry[], rules: AnnounceRules): Promise<AnnounceResult> {
    const result: AnnounceResult = { accepted: [], notYours: [], overLimit: [], outdated: [] };
    // A connection known to be at its limit: every id it does not hold is refused at once (a
    // flood of new ids costs one set lookup each, no cache or storage work).
    const full = rules.claimsFull?.() ?? null;
    if (full) {
      const kept: AwarenessEntry[] = [];
      for (const e of entries) {
        if (full.has(e.clientID)) kept.push(e);
        else if (e.state !== 'null') result.overLimit.push(e.clientID);
      }
      if (kept.length === 0) return result;
      entries = kept;
    }
    const fresh: AwarenessEntry[] = [];
    const behind: AwarenessEntry[] = [];
    for (const e of entries) {
      const seen = this.seenClocks.get(this.cacheKey(boardId, e.clientID)) ?? -1;
      if (e.clock > seen) fresh.push(e);
      else if (e.clock < seen && e.state !== 'null') behind.push(e); // an echo has the same clock: dropped
    }
    if (behind.length > 0) result.outdated.push(...(await this.newerThan(boardId, behind)));
    const unknown: AwarenessEntry[] = [];
    await Promise.all(
      fresh.map(async (entry) => {
        if (this.owners.get(this.cacheKey(boardId, entry.clientID)) === me && (await this.writeOwned(boardId, me, entry))) result.accepted.push(entry);
        else unknown.push(entry);
      }),
    );
    if (unknown.length === 0) return result;
    const held = rules.claimsFull?.() ?? null;
    if (held) {
      for (const entry of unknown.splice(0)) {
        if (held.has(entry.clientID)) unknown.push(entry);
        else if (entry.state !== 'null') result.overLimit.push(entry.clientID);
      }
      if (unknown.length === 0) return result;
    }
    const stored = await this.read(boardId, unknown.map((e) => e.clientID));
    await Promise.all(
      unknown.map(async (entry) => {
        // A write that lost a race (another message of the same client, or another connection)
        // is decided again on what was stored meanwhile.
        let item = stored.get(entry.clientID);
        for (let attempt = 0; attempt < 3; attempt++) {
          const outcome = await this.decide(boardId, me, entry, item, rules);
          if (outcome === 'lost-race') {
            item = (await this.read(boardId, [entry.clientID])).get(entry.clientID);
            continue;
          }
          if (outcome === 'outdated' && item) result.outdated.push({ clientID: item.clientID, clock: item.clock, state: item.state });
          if (outcome === 'accepted') result.accepted.push(entry);
          else if (outcome === 'not-yours') result.notYours.push(entry.clientID);
          else if (outcome === 'over-limit') result.overLimit.push(entry.clientID);
          return;
        }
      }),
    );
    return result;
  }

  /** What to do with an entry of a client id this process did not know to be the connection's. */
  private async decide(
    boardId: string,
    me: string,
    entry: AwarenessEntry,
    item: StoredItem | undefined,
    rules: AnnounceRules,
  ): Promise<'accepted' | 'dropped' | 'outdated' | 'not-yours' | 'over-limit' | 'lost-race'> {
    if (!item) {
      if (entry.state === 'null') return 'dropped'; // nothing to remove
      if (!(await rules.claim(entry.clientID))) return 'over-limit';
      return (await this.put(boardId, me, entry, { condition: 'attribute_not_exists(pk)' })) ? 'accepted' : 'lost-race';
    }
    const expired = item.expiresAt <= this.nowSeconds();
    const behind = !expired && entry.clock < item.clock && entry.state !== 'null';
    if (item.owner === me) {
      if (entry.clock > item.clock || expired) return (await this.writeOwned(boardId, me, entry)) ? 'accepted' : 'lost-race';
      this.remember(boardId, entry.clientID, item.clock, item.owner);
      return behind ? 'outdated' : 'dropped';
    }
    if (!expired && entry.clock <= item.clock) {
      this.remember(boardId, entry.clientID, item.clock, item.owner);
      return behind ? 'outdated' : 'dropped'; // an echo, or a state the sender has not seen replaced
    }
    if (entry.state === 'null') return 'dropped'; // only the owner removes its state
    const status = await rules.ownerStatus(item.owner);
    if (status === 'other-holder') return 'not-yours';
    if (status === 'same-holder') return 'dropped'; // the same tab reconnecting: its old connection is not gone yet
    if (!(await rules.claim(entry.clientID))) return 'over-limit';
    // The owner is gone: take the id over, unless someone else wrote it meanwhile.
    const taken = await this.put(boardId, me, entry, {
      condition: '#o = :old AND #c = :oldc',
      names: { '#o': 'owner', '#c': 'clock' },
      values: { ':old': item.owner, ':oldc': item.clock },
    });
    return taken ? 'accepted' : 'lost-race';
  }

  /** Present clients of a board (state not null, not expired). Expired items found are deleted. */
  async list(boardId: string): Promise<StoredAwareness[]> {
    const items = await this.readBoard(boardId);
    const now = this.nowSeconds();
    await this.removeExpired(boardId, items.filter((i) => i.expiresAt <= now));
    return items
      .filter((i) => i.expiresAt > now && i.state !== 'null')
      .map(({ clientID, clock, state, owner }) => ({ clientID, clock, state, owner }));
  }

  /** Marks the states a connection owned as removed; returns the removal entries to relay. */
  async release(boardId: string, owner: string): Promise<AwarenessEntry[]> {
    const owned = (await this.list(boardId)).filter((s) => s.owner === owner);
    const removals = owned.map((s) => ({ clientID: s.clientID, clock: s.clock + 1, state: 'null' }));
    const written = await Promise.all(removals.map((entry) => this.writeOwned(boardId, owner, entry)));
    return removals.filter((_, i) => written[i]);
  }

  /** A state of a client id the connection owns: stored if newer (or the stored one expired). */
  private writeOwned(boardId: string, me: string, entry: AwarenessEntry): Promise<boolean> {
    return this.put(boardId, me, entry, {
      condition: '#o = :me AND (#c < :c OR #e < :now)',
      names: { '#o': 'owner', '#c': 'clock', '#e': TTL_ATTRIBUTE },
      values: { ':me': me, ':c': entry.clock, ':now': this.nowSeconds() },
    });
  }

  private async put(
    boardId: string,
    me: string,
    entry: AwarenessEntry,
    when: { condition: string; names?: Record<string, string>; values?: Record<string, unknown> },
  ): Promise<boolean> {
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
            owner: me,
            [TTL_ATTRIBUTE]: this.nowSeconds() + AWARENESS_TTL_SECONDS,
          },
          ConditionExpression: when.condition,
          ...(when.names ? { ExpressionAttributeNames: when.names } : {}),
          ...(when.values ? { ExpressionAttributeValues: when.values } : {}),
        }),
      );
      this.remember(boardId, entry.clientID, entry.clock, me);
      return true;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return false;
    }
  }

  /** The stored (unexpired) states of these entries' client ids that are newer than the entries. */
  private async newerThan(boardId: string, entries: AwarenessEntry[]): Promise<AwarenessEntry[]> {
    const stored = await this.read(boardId, entries.map((e) => e.clientID));
    const now = this.nowSeconds();
    const out: AwarenessEntry[] = [];
    for (const e of entries) {
      const item = stored.get(e.clientID);
      if (item && item.expiresAt > now && item.clock > e.clock) out.push({ clientID: item.clientID, clock: item.clock, state: item.state });
    }
    return out;
  }

  /** The stored items of some client ids: a Get each, or one Query of the board for many. */
  private async read(boardId: string, clientIDs: number[]): Promise<Map<number, StoredItem>> {
    const found = new Map<number, StoredItem>();
    if (clientIDs.length > QUERY_ABOVE) {
      const wanted = new Set(clientIDs);
      for (const item of await this.readBoard(boardId)) if (wanted.has(item.clientID)) found.set(item.clientID, item);
      return found;
    }
    await Promise.all(
      clientIDs.map(async (clientID) => {
        const out = await this.table.doc.send(
          new GetCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: keys.awareness(clientID) }, ConsistentRead: true }),
        );
        if (out.Item) found.set(clientID, toStored(out.Item));
      }),
    );
    return found;
  }

  private async readBoard(boardId: string): Promise<StoredItem[]> {
    const items = await queryPrefix(this.table, keys.board(boardId), keys.awarenessPrefix);
    return items.map(toStored);
  }

  /** Deletes expired items, each only if it is still expired (a renewal may have come meanwhile). */
  private async removeExpired(boardId: string, items: StoredItem[]): Promise<void> {
    const now = this.nowSeconds();
    await Promise.all(
      items.map((item) =>
        this.table.doc
          .send(
            new DeleteCommand({
              TableName: this.table.name,
              Key: { pk: keys.board(boardId), sk: keys.awareness(item.clientID) },
              ConditionExpression: '#e <= :now',
              ExpressionAttributeNames: { '#e': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': now },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionalCheckFailed(error)) throw error;
          }),
      ),
    );
  }

  private remember(boardId: string, clientID: number, clock: number, owner: string): void {
    const key = this.cacheKey(boardId, clientID);
    if (this.seenClocks.size >= SEEN_MAX) this.seenClocks.clear();
    if (this.owners.size >= SEEN_MAX) this.owners.clear();
    this.seenClocks.set(key, Math.max(clock, this.seenClocks.get(key) ?? -1));
    this.owners.set(key, owner);
  }

  private cacheKey(boardId: string, clientID: number): string {
    return `${boardId}:${clientID}`;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }
}

function toStored(i: Record<string, unknown>): StoredItem {
  return {
    clientID: Number(i.clientID),
    clock: Number(i.clock),
    state: String(i.state),
    owner: String(i.owner),
    expiresAt: Number(i[TTL_ATTRIBUTE] ?? 0),
  };
}
