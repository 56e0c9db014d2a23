/**
 * Puts of one process, coalesced: a call's items are written at once when fewer than
 * `maxInFlight` writes are running; calls that come meanwhile wait and go together, as one
 * BatchWriteItem of at most 25 items (and about `maxBatchBytes`) — so a busy process makes one
 * write per batch of calls, not one per call (issue 12). Each call resolves once ITS items are
 * written, and rejects only if a batch holding them failed: a call is never told "stored" when it
 * is not, nor "failed" for another call's batch. Unprocessed items are retried with backoff.
 *
 * `gatherMs` (default 0) holds a batch that much before it is written, so the calls of that
 * moment go together. For work off the hot path (the audit) in a process that also serves the
 * peers: the write then runs after the fan-out has reached the sockets, not in between.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from './dynamo';

type Item = Record<string, unknown>;

interface Waiting {
  items: Item[];
  bytes: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface BatchPutOptions {
  /** Writes running at once (each one batch). */
  maxInFlight: number;
  /** A batch stops taking calls past this many bytes (DynamoDB allows 16 MB a request). */
  maxBatchBytes?: number;
  /** Said when DynamoDB keeps items unprocessed after every retry. */
  what: string;
  /** Milliseconds a batch waits for more calls before it is written (0: at once). */
  gatherMs?: number;
}

export class BatchPutCoalescer {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private gathering: NodeJS.Timeout | null = null;
  private readonly maxBatchBytes: number;

  constructor(
    private readonly table: Table,
    private readonly options: BatchPutOptions,
  ) {
    this.maxBatchBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
  }

  /** Resolves once every item is written. `bytes` is the items' rough size (for the batch cap). */
  put(items: Item[], bytes: number): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, bytes, resolve, reject });
      this.schedule();
    });
  }

  /** Pumps now, or once the gathering window has passed. */
  private schedule(): void {
    const gatherMs = this.options.gatherMs ?? 0;
    if (gatherMs <= 0) return this.pump();
    if (this.gathering) return;
    this.gathering = setTimeout(() => {
      this.gathering = null;
      this.pump();
    }, gatherMs);
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const calls: Waiting[] = [];
      let count = 0;
      let bytes = 0;
      // Whole calls only (the first one always, whatever its size; it is split below if needed).
      while (this.waiting.length > 0) {
        const next = this.waiting[0]!;
        if (calls.length > 0 && (count + next.items.length > 25 || bytes + next.bytes > this.maxBatchBytes)) break;
        calls.push(this.waiting.shift()!);
        count += next.items.length;
        bytes += next.bytes;
      }
      this.inFlight++;
      void this.write(calls).finally(() => {
        this.inFlight--;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async write(calls: Waiting[]): Promise<void> {
    const items = calls.flatMap((c) => c.items);
    try {
      for (let i = 0; i < items.length; i += 25) await this.putBatch(items.slice(i, i + 25));
      for (const c of calls) c.resolve();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const c of calls) c.reject(failure);
    }
  }

  private async putBatch(items: Item[]): Promise<void> {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`DynamoDB kept ${this.options.what} unprocessed; try again later.`);
      const out = await this.table.doc.send(new BatchWriteCommand({ RequestItems: { [this.table.name]: requests } }));
      requests = (out.UnprocessedItems?.[this.table.name] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
}
