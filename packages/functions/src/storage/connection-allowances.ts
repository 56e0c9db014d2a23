/**
 * Per-connection allowances kept on the connection's index item (`K#<connection>` / `K`), so
 * they hold across stateless handler instances (ws/connection-limits.ts has the numbers):
 *
 *  - message rates: a token bucket per kind as GCRA (one "theoretical arrival time" attribute,
 *    `tatAwareness` / `tatQuery`, epoch ms), moved forward by a conditional write. A process
 *    takes a few tokens at once and spends them from memory, so a steady client costs one
 *    write per few messages; when the bucket is empty it refuses without any I/O (the time only
 *    moves forward, so a cached value that refuses is right);
 *  - awareness client ids: the number set `awarenessIds`, grown by `ADD` only while it holds
 *    fewer than the limit (or already holds the id);
 *  - fragments of unfinished messages: `fragChars` (ADD, the base64 characters stored) and the
 *    string set `fragIds`, both checked by the condition of the same write, before the fragment
 *    is stored, and given back when the message is joined.
 *
 * The item goes with the connection (Connections.remove, or its TTL).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './dynamo';
import { updateIf } from './conditional-update';
import { keys } from './table-schema';
import { KeyedLock } from '../util/keyed-lock';

export type RateKind = 'awareness' | 'query';

const TAT_ATTRIBUTE: Record<RateKind, string> = { awareness: 'tatAwareness', query: 'tatQuery' };

/** Tokens a process takes from the stored bucket at once. */
const TOKENS_PER_WRITE = 5;
/** How many connections a warm process remembers. */
const LOCAL_MAX = 10_000;
/** At most one error frame per connection and code in this time (refusals are not amplified). */
const NOTIFY_EVERY_MS = 5_000;

interface Local {
  tokens: Record<RateKind, number>;
  tat: Partial<Record<RateKind, number>>;
  claims: Set<number>;
  claimsFull: boolean;
  notified: Map<string, number>;
}

export type FragmentReservation = 'ok' | 'too-many-bytes' | 'too-many-messages' | 'gone';

export class ConnectionAllowances {
  private readonly local = new Map<string, Local>();
  /** The take() in progress per connection and kind (they are chained). */
  private readonly turns = new KeyedLock();

  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * One message of `kind` for the connection: true when the bucket allows it. Calls for one
   * connection run one after another in this process (the gateway delivers a connection's
   * messages concurrently): the first takes a few tokens, the next ones spend them.
   */
  take(connectionId: string, kind: RateKind, perSecond: number, burst: number): Promise<boolean> {
    return this.inTurn(connectionId, kind, () => this.takeNow(connectionId, kind, perSecond, burst));
  }

  /**
   * Runs `work` after the previous work of the same connection and lane in this process has
   * finished: one connection's flood is handled one message at a time, so it cannot take the
   * whole process (or the table) away from the others.
   */
  inTurn<T>(connectionId: string, lane: string, work: () => Promise<T>): Promise<T> {
    return this.turns.run(`${connectionId}|${lane}`, work);
  }

  private async takeNow(connectionId: string, kind: RateKind, perSecond: number, burst: number): Promise<boolean> {
    const local = this.state(connectionId);
    if (local.tokens[kind] > 0) {
      local.tokens[kind]--;
      return true;
    }
    const interval = 1000 / perSecond;
    const tolerance = burst * interval;
    const attribute = TAT_ATTRIBUTE[kind];
    let known = local.tat[kind];
    // A connection's first message of a kind assumes a fresh bucket (no read): the conditional
    // write fails if another process already moved it, and then the stored value is read.
    let assumeFresh = known === undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      if (assumeFresh) known = 0;
      else if (known === undefined) {
        const read = await this.read(connectionId, attribute);
        if (read === null) return false; // the connection is gone
        known = read;
      }
      const now = this.clock();
      const base = Math.max(known, now);
      let n = Math.max(1, Math.min(TOKENS_PER_WRITE, Math.floor(burst)));
      while (n > 0 && base + n * interval - now > tolerance) n--;
      if (n === 0) {
        local.tat[kind] = known;
        return false;
      }
      const next = base + n * interval;
      const written = await updateIf(this.table, {
        Key: this.key(connectionId),
        UpdateExpression: 'SET #a = :next',
        ConditionExpression: assumeFresh ? 'attribute_exists(pk) AND attribute_not_exists(#a)' : 'attribute_exists(pk) AND (attribute_not_exists(#a) OR #a = :old)',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: assumeFresh ? { ':next': next } : { ':next': next, ':old': known },
      });
      if (written) {
        local.tat[kind] = next;
        local.tokens[kind] += n - 1;
        return true;
      }
      known = undefined; // another instance moved it (or the connection is gone): read again
    }
    return false;
  }

  /**
   * True when this process already knows the bucket is empty (no I/O): the caller may refuse
   * before doing costly work; otherwise `take` decides.
   */
  knownEmpty(connectionId: string, kind: RateKind, perSecond: number, burst: number): boolean {
    const local = this.local.get(connectionId);
    if (!local || local.tokens[kind] > 0) return false;
    const known = local.tat[kind];
    if (known === undefined) return false;
    const now = this.clock();
    return Math.max(known, now) + 1000 / perSecond - now > (burst * 1000) / perSecond;
  }

  /**
   * Records that the connection announces `clientID`: true when it already did, or when it
   * holds fewer than `max` ids; false past the limit (or when the connection is gone).
   */
  claimClientId(connectionId: string, clientID: number, max: number): Promise<boolean> {
    // One after another per connection in this process: past the limit, one refused write and
    // the rest are refused from memory (a flood of new ids costs no more writes than the limit).
    return this.inTurn(connectionId, 'claims', () => this.claimNow(connectionId, clientID, max));
  }

  private async claimNow(connectionId: string, clientID: number, max: number): Promise<boolean> {
    const local = this.state(connectionId);
    if (local.claims.has(clientID)) return true;
    if (local.claimsFull) return false;
    const written = await updateIf(this.table, {
      Key: this.key(connectionId),
      UpdateExpression: 'ADD awarenessIds :ids',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(awarenessIds) OR contains(awarenessIds, :id) OR size(awarenessIds) < :max)',
      ExpressionAttributeValues: { ':ids': new Set([clientID]), ':id': clientID, ':max': max },
      ReturnValues: 'UPDATED_NEW',
    });
    if (!written) {
      local.claimsFull = true; // the set only grows while the connection lives
      return false;
    }
    const ids = written.awarenessIds;
    local.claims = new Set(ids instanceof Set ? [...ids].map(Number) : [clientID]);
    return true;
  }

  /** The client ids of a connection known (in this process) to have reached its limit; else null. */
  claimsFull(connectionId: string): ReadonlySet<number> | null {
    const local = this.local.get(connectionId);
    return local?.claimsFull ? local.claims : null;
  }

  /** Counts one fragment of `msgId` (`chars` base64 characters) before it is stored. */
  async reserveFragment(connectionId: string, msgId: string, chars: number, maxChars: number, maxMessages: number): Promise<FragmentReservation> {
    if (chars > maxChars) return 'too-many-bytes';
    const written = await updateIf(this.table, {
      Key: this.key(connectionId),
      UpdateExpression: 'ADD fragChars :n, fragIds :ids',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(fragChars) OR fragChars <= :room) AND (attribute_not_exists(fragIds) OR contains(fragIds, :id) OR size(fragIds) < :max)',
      ExpressionAttributeValues: { ':n': chars, ':ids': new Set([msgId]), ':id': msgId, ':room': maxChars - chars, ':max': maxMessages },
    });
    if (written) return 'ok';
    const out = await this.table.doc.send(new GetCommand({ TableName: this.table.name, Key: this.key(connectionId), ConsistentRead: true }));
    if (!out.Item) return 'gone';
    const ids = out.Item.fragIds;
    const held = ids instanceof Set ? ids : new Set<string>();
    return !held.has(msgId) && held.size >= maxMessages ? 'too-many-messages' : 'too-many-bytes';
  }

  /** Gives back what fragments of `msgId` held; `finished` also frees its message id. */
  async releaseFragment(connectionId: string, msgId: string, chars: number, finished: boolean): Promise<void> {
    // null when the connection left meanwhile: nothing to give back then.
    await updateIf(this.table, {
      Key: this.key(connectionId),
      UpdateExpression: finished ? 'ADD fragChars :n DELETE fragIds :ids' : 'ADD fragChars :n',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':n': -chars, ...(finished ? { ':ids': new Set([msgId]) } : {}) },
    });
  }

  /** True at most once per NOTIFY_EVERY_MS per connection and code: whether to send the error frame. */
  shouldNotify(connectionId: string, code: string): boolean {
    const local = this.state(connectionId);
    const now = this.clock();
    if ((local.notified.get(code) ?? -Infinity) + NOTIFY_EVERY_MS > now) return false;
    local.notified.set(code, now);
    return true;
  }

  /** Forgets what this process knew of a connection that left. */
  forget(connectionId: string): void {
    this.local.delete(connectionId);
  }

  private async read(connectionId: string, attribute: string): Promise<number | null> {
    const out = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.name,
        Key: this.key(connectionId),
        ProjectionExpression: 'pk, #a',
        ExpressionAttributeNames: { '#a': attribute },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return null;
    return Number(out.Item[attribute] ?? 0);
  }

  private key(connectionId: string) {
    return { pk: keys.connection(connectionId), sk: keys.connectionIndex };
  }

  private state(connectionId: string): Local {
    let local = this.local.get(connectionId);
    if (!local) {
      if (this.local.size >= LOCAL_MAX) this.local.clear();
      local = { tokens: { awareness: 0, query: 0 }, tat: {}, claims: new Set(), claimsFull: false, notified: new Map() };
      this.local.set(connectionId, local);
    }
    return local;
  }
}
