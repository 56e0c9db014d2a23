/**
 * A board's Yjs state in DynamoDB: appended updates plus a compacted, chunked snapshot.
 *
 * - append: each accepted update is written under a key unique without a read (time + random),
 *   split into parts when larger than an item can hold. One PutItem per part, no transaction.
 * - load: reads the updates FIRST, then the snapshot head, then its chunks. A compaction deletes
 *   updates only after its head is committed, so any update missing from the first read is in
 *   the head read after it. If the head's chunks vanish meanwhile (a newer compaction), retry.
 * - compact: merges head snapshot + updates into a new snapshot under a fresh chunk set, then
 *   commits the head with a conditional write on the version it started from. A loser deletes
 *   its own chunks and nothing else, so two compactions at once lose nothing.
 * - sweep (after each commit, and on demand): removes chunk sets the head does not name that
 *   are certainly dead — of a version the head has reached, or older than the lease — so a
 *   compaction killed after its commit (its old set left) or before it (its new set left)
 *   leaves nothing behind for good. Merged updates it did not delete are merged again and
 *   deleted by the next compaction (Yjs updates are idempotent).
 *
 * Yjs itself is loaded on the first merge or compaction (board-state-merge.ts), not with this
 * module: the http Lambda's routes that never read a board's content (sign-in, members, links)
 * then start without it.
 */
import type * as StateMerge from './board-state-merge';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { asBytes, deleteAll, isConditionalCheckFailed, queryAll, type Item, type Table } from './dynamo';
import { BatchPutCoalescer } from './batch-put-coalescer';
import { keys, uniqueSuffix } from './table-schema';
import { ignoreFailure } from '../util/promises';

/** The Yjs side (board-state-merge.ts), loaded on first use. */
const stateMerge = (): Promise<typeof StateMerge> => import('./board-state-merge');

/** Bytes per item part: DynamoDB items are at most 400 KB including names and keys. */
export const ITEM_PART_BYTES = 350 * 1024;

/**
 * A compaction holds a short lease on the head and renews it while it works, so a process
 * killed mid-compaction blocks the board's next compaction for at most this long.
 */
export const COMPACTION_LEASE_MS = 5_000;
const LEASE_RENEW_MS = 2_000;

export interface StoredUpdates {
  /** The compacted snapshot (empty when the board was never compacted). */
  snapshot: Uint8Array | null;
  snapshotVersion: number;
  /** Complete updates appended since, with their keys (for compaction). */
  updates: { group: string; bytes: Uint8Array; keys: string[] }[];
  /** Bytes read in all (snapshot + updates). */
  storedBytes: number;
}

export interface CompactionResult {
  committed: boolean;
  version: number;
  mergedUpdates: number;
  snapshotBytes: number;
}

interface Head {
  version: number;
  chunkSet: string | null;
  chunks: number;
}

export class BoardUpdates {
  /** Appends of this process, coalesced into batch writes while others are in flight. */
  private readonly appends: BatchPutCoalescer;

  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
  ) {
    // Two writes at once: an edit never waits behind more than one, and the rest share a batch.
    this.appends = new BatchPutCoalescer(table, { maxInFlight: 2, what: 'board updates' });
  }

  /**
   * Durably appends one update. Resolves only once every part is written. Concurrent appends
   * of one process go together as one BatchWriteItem (storage/batch-put-coalescer.ts): with an
   * edit in flight, the next ones wait for a free slot and share one write.
   */
  async append(boardId: string, update: Uint8Array): Promise<void> {
    const group = uniqueSuffix(this.clock());
    const parts = Math.max(1, Math.ceil(update.byteLength / ITEM_PART_BYTES));
    const items: Record<string, unknown>[] = [];
    for (let part = 0; part < parts; part++) {
      items.push({
        pk: keys.board(boardId),
        sk: keys.update(group, part),
        n: parts,
        u: update.subarray(part * ITEM_PART_BYTES, (part + 1) * ITEM_PART_BYTES),
      });
    }
    await this.appends.put(items, update.byteLength);
  }

  async load(boardId: string): Promise<StoredUpdates> {
    for (let attempt = 0; attempt < 6; attempt++) {
      const updates = await this.readUpdates(boardId);
      const head = await this.readHead(boardId);
      const snapshot = head.chunkSet ? await this.readChunks(boardId, head.chunkSet, head.chunks) : null;
      if (head.chunkSet && !snapshot) continue; // a newer compaction replaced the chunks: read again
      let storedBytes = snapshot?.byteLength ?? 0;
      for (const u of updates) storedBytes += u.bytes.byteLength;
      return { snapshot, snapshotVersion: head.version, updates, storedBytes };
    }
    throw new Error(`Board ${boardId} kept changing while it was read; try again.`);
  }

  /**
   * The updates stored after snapshot `version`, or null when the board was compacted past it.
   * Reads the log and the head only, never the snapshot's chunks (what a cached doc needs to
   * catch up). The log is read BEFORE the head, as in load(): a compaction deletes what it merged
   * only after its head commit, so a head still at `version` means the log read was whole.
   */
  async updatesSince(boardId: string, version: number): Promise<Uint8Array[] | null> {
    const updates = await this.readUpdates(boardId);
    const head = await this.readHead(boardId);
    return head.version === version ? updates.map((u) => u.bytes) : null;
  }

  /** The board as one Yjs update (snapshot merged with what came after). */
  async loadMerged(boardId: string): Promise<{ update: Uint8Array; stored: StoredUpdates }> {
    const stored = await this.load(boardId);
    const all = stored.snapshot ? [stored.snapshot, ...stored.updates.map((u) => u.bytes)] : stored.updates.map((u) => u.bytes);
    if (all.length === 1) return { update: all[0]!, stored };
    const update = (await stateMerge()).mergeStoredUpdates(all);
    return { update, stored };
  }

  /**
   * Merges the board's updates into a new snapshot. A short lease on the head keeps concurrent
   * triggers from all doing the same work (they return `committed: false`); correctness does
   * not depend on it — the conditional commit does — so `useLease: false` is safe too.
   */
  async compact(boardId: string, options: { useLease?: boolean } = {}): Promise<CompactionResult> {
    const lease = options.useLease === false ? null : await this.takeLease(boardId);
    if (lease === false) return { committed: false, version: -1, mergedUpdates: 0, snapshotBytes: 0 };
    const renewal = lease ? setInterval(() => void this.renewLease(boardId, lease).catch(() => {}), LEASE_RENEW_MS) : null;
    try {
      return await this.compactNow(boardId);
    } finally {
      if (renewal) clearInterval(renewal);
      if (lease) await ignoreFailure(this.releaseLease(boardId, lease), 'the lease is short and expires by itself');
    }
  }

  /**
   * Deletes the board's chunk sets that the head does not name and that no compaction can still
   * commit: of a version the head has reached (a replaced set, or a loser's), or written longer
   * ago than the lease (a compaction killed before its commit). Returns the chunks deleted.
   */
  async sweep(boardId: string): Promise<number> {
    const [items, head] = await Promise.all([
      queryAll(this.table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': keys.board(boardId), ':c': 'C#' },
        ProjectionExpression: 'sk, #at',
        ExpressionAttributeNames: { '#at': 'at' },
        ConsistentRead: true,
      }),
      this.readHead(boardId),
    ]);
    const now = this.clock();
    const dead = items.filter((item) => {
      const sk = String(item.sk);
      const chunkSet = sk.slice(2, sk.lastIndexOf('#'));
      if (chunkSet === head.chunkSet) return false;
      const version = Number(chunkSet.split('-')[0]);
      const at = typeof item.at === 'number' ? item.at : 0;
      return (Number.isFinite(version) && version <= head.version) || at < now - COMPACTION_LEASE_MS;
    });
    await deleteAll(this.table, dead.map((item) => ({ pk: keys.board(boardId), sk: String(item.sk) })));
    return dead.length;
  }

  /** Returns the lease token, or false when another compaction holds an unexpired lease. */
  private async takeLease(boardId: string): Promise<string | false> {
    const token = globalThis.crypto.randomUUID();
    const now = this.clock();
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { pk: keys.board(boardId), sk: keys.head },
          UpdateExpression: 'SET leaseToken = :t, leaseUntil = :until',
          ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
          ExpressionAttributeValues: { ':t': token, ':until': now + COMPACTION_LEASE_MS, ':now': now },
        }),
      );
      return token;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  private async renewLease(boardId: string, token: string): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: { pk: keys.board(boardId), sk: keys.head },
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'leaseToken = :t',
        ExpressionAttributeValues: { ':t': token, ':until': this.clock() + COMPACTION_LEASE_MS },
      }),
    );
  }

  private async releaseLease(boardId: string, token: string): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: { pk: keys.board(boardId), sk: keys.head },
        UpdateExpression: 'REMOVE leaseToken, leaseUntil',
        ConditionExpression: 'leaseToken = :t',
        ExpressionAttributeValues: { ':t': token },
      }),
    ).catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
  }

  private async compactNow(boardId: string): Promise<CompactionResult> {
    const stored = await this.load(boardId);
    if (stored.updates.length === 0) {
      return { committed: false, version: stored.snapshotVersion, mergedUpdates: 0, snapshotBytes: stored.snapshot?.byteLength ?? 0 };
    }
    const head = await this.readHead(boardId);
    if (head.version !== stored.snapshotVersion) {
      return { committed: false, version: head.version, mergedUpdates: 0, snapshotBytes: 0 };
    }
    const state = (await stateMerge()).compactedState(stored.snapshot, stored.updates.map((u) => u.bytes));

    const version = stored.snapshotVersion + 1;
    const chunkSet = `${version}-${globalThis.crypto.randomUUID().slice(0, 8)}`;
    const chunks = Math.max(1, Math.ceil(state.byteLength / ITEM_PART_BYTES));
    await Promise.all(
      Array.from({ length: chunks }, (_, i) =>
        this.table.doc.send(
          new PutCommand({
            TableName: this.table.name,
            Item: {
              pk: keys.board(boardId),
              sk: keys.chunk(chunkSet, i),
              d: state.subarray(i * ITEM_PART_BYTES, (i + 1) * ITEM_PART_BYTES),
              at: this.clock(), // for the sweep: a set the head never names is dead after the lease
            },
          }),
        ),
      ),
    );
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { pk: keys.board(boardId), sk: keys.head },
          UpdateExpression: 'SET #v = :v, chunkSet = :cs, chunks = :n, snapshotBytes = :b',
          ConditionExpression: stored.snapshotVersion === 0 ? 'attribute_not_exists(#v)' : '#v = :old',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: {
            ':v': version,
            ':cs': chunkSet,
            ':n': chunks,
            ':b': state.byteLength,
            ...(stored.snapshotVersion === 0 ? {} : { ':old': stored.snapshotVersion }),
          },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      await deleteAll(this.table, Array.from({ length: chunks }, (_, i) => ({ pk: keys.board(boardId), sk: keys.chunk(chunkSet, i) })));
      return { committed: false, version: stored.snapshotVersion, mergedUpdates: 0, snapshotBytes: 0 };
    }
    // Committed: what it merged can go, and every chunk set the head no longer names (the one it
    // replaced, and any a killed compaction left).
    const obsolete: { pk: string; sk: string }[] = [];
    for (const u of stored.updates) for (const sk of u.keys) obsolete.push({ pk: keys.board(boardId), sk });
    await deleteAll(this.table, obsolete);
    await this.sweep(boardId);
    return { committed: true, version, mergedUpdates: stored.updates.length, snapshotBytes: state.byteLength };
  }

  /** Removes every trace of the board's content (tests and board deletion). */
  async deleteBoardContent(boardId: string): Promise<void> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.board(boardId) },
      ProjectionExpression: 'pk, sk',
    });
    await deleteAll(this.table, items.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
  }

  private async readHead(boardId: string): Promise<Head> {
    const out = await this.table.doc.send(
      new GetCommand({ TableName: this.table.name, Key: { pk: keys.board(boardId), sk: keys.head }, ConsistentRead: true }),
    );
    const item = out.Item;
    return {
      version: Number(item?.version ?? 0),
      chunkSet: typeof item?.chunkSet === 'string' ? item.chunkSet : null,
      chunks: Number(item?.chunks ?? 0),
    };
  }

  private async readUpdates(boardId: string): Promise<StoredUpdates['updates']> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :u)',
      ExpressionAttributeValues: { ':pk': keys.board(boardId), ':u': keys.updatePrefix },
      ConsistentRead: true,
    });
    return groupParts(items);
  }

  private async readChunks(boardId: string, chunkSet: string, count: number): Promise<Uint8Array | null> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': keys.board(boardId), ':c': keys.chunkPrefix(chunkSet) },
      ConsistentRead: true,
    });
    if (items.length !== count) return null;
    return concat(items.map((i) => asBytes(i.d)));
  }
}

/** Groups update parts by their group key; a group still being written is left out. */
function groupParts(items: Item[]): StoredUpdates['updates'] {
  const groups = new Map<string, { n: number; parts: Item[] }>();
  for (const item of items) {
    const sk = String(item.sk);
    const group = sk.slice(0, sk.lastIndexOf('#'));
    const entry = groups.get(group) ?? { n: Number(item.n ?? 1), parts: [] };
    entry.parts.push(item);
    groups.set(group, entry);
  }
  const out: StoredUpdates['updates'] = [];
  for (const [group, entry] of groups) {
    if (entry.parts.length !== entry.n) continue;
    out.push({ group, bytes: concat(entry.parts.map((p) => asBytes(p.u))), keys: entry.parts.map((p) => String(p.sk)) });
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

