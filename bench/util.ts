/** Small timing helpers shared by the scenarios. Every wait is bounded. */
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits `ms` and no longer: a timer to about a millisecond before the deadline, then the event
 * loop's turns (setImmediate) until it. A bare setTimeout runs 0.5–1.5 ms late (libuv's
 * millisecond clock), which the AWS-latency scenario would count as latency of ours.
 */
export function sleepPrecisely(ms: number): Promise<void> {
  const deadline = now() + ms;
  return new Promise((resolve) => {
    const turn = () => (now() >= deadline ? resolve() : setImmediate(turn));
    setTimeout(turn, Math.max(0, Math.floor(ms - 1)));
  });
}

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
