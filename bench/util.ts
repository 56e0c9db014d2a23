/** Small timing helpers shared by the scenarios. Every wait is bounded. */
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits `ms` and no longer: a timer to about a millisecond before the deadline, then the event
 * loop's turns (setImmediate) until it. A bare setTimeout runs 0.5–1.5 ms late (libuv's
 * millisecond clock), which the AWS-latency scenario would count as latency of ours.
 *
 * All waits share one timer and one turn callback: the 100 posts of a 100-client fan-out wait
 * at once, and a turn callback each (100 per loop turn, in the process the clients share in the
 * in-process runs) cost CPU that AWS's waits, on other machines, never take from the server.
 */
export function sleepPrecisely(ms: number): Promise<void> {
  return new Promise((resolve) => precise.add(now() + ms, resolve));
}

/** The waits of sleepPrecisely, earliest deadline first, with one timer or one turn armed at a time. */
class PreciseWaits {
  private readonly waits: Array<{ deadline: number; resolve: () => void }> = [];
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private turning = false;

  add(deadline: number, resolve: () => void): void {
    let i = this.waits.length;
    while (i > 0 && this.waits[i - 1]!.deadline > deadline) i--;
    this.waits.splice(i, 0, { deadline, resolve });
    this.arm();
  }

  private readonly turn = (): void => {
    this.turning = false;
    const t = now();
    let due = 0;
    while (due < this.waits.length && this.waits[due]!.deadline <= t) due++;
    for (const w of this.waits.splice(0, due)) w.resolve();
    this.arm();
  };

  private arm(): void {
    const next = this.waits[0];
    if (!next || this.turning) return;
    const early = next.deadline - now() - 1;
    if (early <= 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.timerAt = Infinity;
      this.turning = true;
      setImmediate(this.turn);
      return;
    }
    if (this.timer && this.timerAt <= next.deadline) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next.deadline;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.arm();
    }, Math.floor(early));
  }
}

const precise = new PreciseWaits();

/** Polls `check` every `everyMs` until it holds; returns false (never throws) after `timeoutMs`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const deadline = now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** Rejects after `ms` (for promises that have no deadline of their own). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Nearest-rank percentile of an unsorted sample; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]): number => percentile(values, 50);
export const mean = (values: number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

let boardCounter = 0;
/** A fresh board id (letters, digits, '-'), unique within the run. */
export const freshBoardId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(boardCounter++).toString(36)}`;
