/**
 * The audit log: who changed which card, and when. Written by the sync handler after an
 * accepted update is durable and fanned out; read newest first, per board or per card.
 *
 * Each entry is stored twice, each a plain single-item put under a key unique without a read
 * (time + random + index): once in the board's log (`L#…`) and once in its card's log
 * (`LC#<card>#…`). Board-level changes (facts, units, agenda) have `cardId: ''` and are only in
 * the board's log. Entries never expire (no TTL).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditValueChange } from '@binhan/core';
import type { Table } from './dynamo';
import { BatchPutCoalescer } from './batch-put-coalescer';
import { keys, uniqueSuffix } from './table-schema';

export type { AuditAction, AuditEntry, AuditValueChange } from '@binhan/core';


export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back to read the next (older) page; absent on the last page. */
  cursor?: string;
}

export class InvalidAuditCursorError extends Error {
  constructor() {
    super('Invalid cursor: use the cursor of the previous page as given.');
    this.name = 'InvalidAuditCursorError';
  }
}

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export interface AuditLogOptions {
  /**
   * Milliseconds the entries of a moment wait to share one batch write (default 0: written at
   * once). The local stack sets it (AUDIT_GATHER_MS): its peers and its engine share one
   * process, so an audit write started during a fan-out would delay the peers. On AWS each
   * invocation is its own process and the audit is written at once.
   */
  gatherMs?: number;
}

export class AuditLog {
  constructor(
    private readonly table: Table,
    private readonly clock: () => number = Date.now,
    options: AuditLogOptions = {},
  ) {
    // One write at a time: the first at once (or after the gathering window), the rest behind it.
    this.writes = new BatchPutCoalescer(table, { maxInFlight: 1, what: 'audit writes', gatherMs: options.gatherMs });
  }

  /** Writes of this process, coalesced into batch writes while others are in flight. */
  private readonly writes: BatchPutCoalescer;

  /**
   * Stores entries (two items each, one for a board-level entry). Idempotence is not needed: keys
   * never collide. Resolves once they are written. Concurrent calls of one process are coalesced
   * (storage/batch-put-coalescer.ts).
   */
  async record(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const items: Record<string, unknown>[] = [];
    const suffixByTime = new Map<number, string>();
    entries.forEach((entry, i) => {
      const parsed = Date.parse(entry.at);
      const time = Number.isFinite(parsed) ? parsed : this.clock();
      let suffix = suffixByTime.get(time);
      if (!suffix) suffixByTime.set(time, (suffix = uniqueSuffix(time)));
      // Within one write, later entries sort first when read newest first.
      const body = {
        boardId: entry.boardId, cardId: entry.cardId, actor: entry.actor, at: entry.at, action: entry.action, fields: entry.fields,
        ...(entry.changes && entry.changes.length ? { changes: entry.changes } : {}),
        ...(entry.declaredName ? { declaredName: entry.declaredName } : {}),
      };
      items.push({ pk: keys.board(entry.boardId), sk: keys.audit(suffix, i), ...body });
      if (entry.cardId !== '') items.push({ pk: keys.board(entry.boardId), sk: keys.cardAudit(entry.cardId, suffix, i), ...body });
    });
    await this.writes.put(items, items.length * 1024); // entries are small: the 25-item cap decides
  }

  listBoard(boardId: string, opts: { limit?: number; cursor?: string } = {}): Promise<AuditPage> {
    return this.list(boardId, keys.auditPrefix, opts);
  }

  listCard(boardId: string, cardId: string, opts: { limit?: number; cursor?: string } = {}): Promise<AuditPage> {
    return this.list(boardId, keys.cardAuditPrefix(cardId), opts);
  }

  private async list(boardId: string, prefix: string, opts: { limit?: number; cursor?: string }): Promise<AuditPage> {
    const limit = Math.max(1, Math.min(AUDIT_PAGE_MAX, Math.floor(opts.limit ?? AUDIT_PAGE_DEFAULT)));
    const pk = keys.board(boardId);
    const start = opts.cursor !== undefined ? decodeCursor(opts.cursor, pk, prefix) : undefined;
    const entries: AuditEntry[] = [];
    let exclusiveStart: Record<string, unknown> | undefined = start;
    let lastKey: { pk: string; sk: string } | null = null;
    let more = false;
    // Ask for one more than the page to know whether another page follows.
    do {
      const out = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': prefix },
          ScanIndexForward: false,
          Limit: limit + 1 - entries.length,
          ExclusiveStartKey: exclusiveStart,
        }),
      );
      for (const item of out.Items ?? []) {
        if (entries.length === limit) {
          more = true;
          break;
        }
        entries.push(toEntry(item));
        lastKey = { pk: String(item.pk), sk: String(item.sk) };
      }
      exclusiveStart = out.LastEvaluatedKey;
    } while (!more && exclusiveStart && entries.length < limit);
    if (!more && exclusiveStart && entries.length === limit) more = true; // cannot tell: offer a (possibly empty) next page
    return more && lastKey ? { entries, cursor: encodeCursor(lastKey.sk) } : { entries };
  }
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const action = String(item.action);
  return {
    boardId: String(item.boardId ?? ''),
    cardId: String(item.cardId ?? ''),
    actor: String(item.actor ?? ''),
    at: String(item.at ?? ''),
    action: (['created', 'updated', 'moved', 'deleted', 'restored', 'purged'] as const).find((a) => a === action) ?? 'updated',
    fields: Array.isArray(item.fields) ? item.fields.map(String) : [],
    ...(Array.isArray(item.changes) ? { changes: item.changes.filter(isValueChange) } : {}),
    ...(typeof item.declaredName === 'string' && item.declaredName ? { declaredName: item.declaredName } : {}),
  };
}

function isValueChange(v: unknown): v is AuditValueChange {
  return typeof v === 'object' && v !== null && typeof (v as { field?: unknown }).field === 'string';
}

function encodeCursor(sk: string): string {
  return Buffer.from(JSON.stringify({ v: 1, sk }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, pk: string, prefix: string): { pk: string; sk: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; sk?: unknown };
    if (parsed.v === 1 && typeof parsed.sk === 'string' && parsed.sk.startsWith(prefix)) return { pk, sk: parsed.sk };
  } catch {
    // fall through
  }
  throw new InvalidAuditCursorError();
}
