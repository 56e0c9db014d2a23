/**
 * Step timings for our stack, taken from outside the packages: the DynamoDB document client's
 * `send` (GetItem of the connection, PutItem of the update, Query of the board's connections,
 * UpdateItem of the pending counter, ...) and the gateway's `management.post`. Recording is off
 * until `start()`, so only the window a scenario chooses is counted.
 */
import { mean, now, percentile, round } from './util';

export interface OpStats {
  op: string;
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  totalMs: number;
}

export class OpProfiler {
  /** Calls recorded: their label function and arguments, start and end. Labelled at stop(). */
  private calls: { label: (args: unknown[]) => string; args: unknown[]; t0: number; t1: number }[] = [];
  private recording = false;

  start(): void {
    this.calls = [];
    this.recording = true;
  }

  stop(): OpStats[] {
    this.recording = false;
    const samples = new Map<string, number[]>();
    for (const call of this.calls) {
      const key = call.label(call.args);
      let list = samples.get(key);
      if (!list) samples.set(key, (list = []));
      list.push(call.t1 - call.t0);
    }
    this.calls = [];
    return [...samples.entries()]
      .map(([op, values]) => ({
        op,
        count: values.length,
        meanMs: round(mean(values), 2),
        p50Ms: round(percentile(values, 50), 2),
        p99Ms: round(percentile(values, 99), 2),
        totalMs: round(values.reduce((a, b) => a + b, 0), 0),
      }))
      .sort((a, b) => b.totalMs - a.totalMs);
  }

  /**
   * Wraps `target[method]` (an async function) so each call's duration is recorded as `label(args)`.
   * The caller gets the original promise back (no extra promise turns on the measured path), and
   * the label is computed at stop(), not on the path.
   */
  wrap<T extends object>(target: T, method: keyof T & string, label: (args: unknown[]) => string): void {
    const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
    const bound = original.bind(target);
    const wrapped = (...args: unknown[]): Promise<unknown> => {
      if (!this.recording) return bound(...args);
      const t0 = now();
      const result = bound(...args);
      const calls = this.calls;
      const record = () => {
        calls.push({ label, args, t0, t1: now() });
      };
      result.then(record, record);
      return result;
    };
    (target as Record<string, unknown>)[method] = wrapped;
  }
}

const KINDS: Record<string, string> = { K: 'connection', U: 'update', S: 'head', A: 'awareness', C: 'chunk', F: 'fragment', G: 'fragment-counter', M: 'meta' };

/** A DynamoDB command's short name plus what it touches: e.g. "Get connection", "Put update", "Query connection". */
/** Storage calls by the name describeCommand gives them: which write, which read. */
export const STORAGE_WRITE = /^(Put|Update|BatchWrite|Delete)/;
export const STORAGE_READ = /^(Get|Query|BatchGet|Scan)/;

export function describeCommand(args: unknown[]): string {
  const cmd = args[0] as { constructor?: { name?: string }; input?: Record<string, unknown> } | undefined;
  const name = cmd?.constructor?.name ?? 'Command';
  const input = cmd?.input ?? {};
  // A batch write is named by its first item's kind ("BatchWrite update", "BatchWrite audit").
  const batch = input.RequestItems as Record<string, Array<{ PutRequest?: { Item?: Record<string, unknown> } }>> | undefined;
  const firstOfBatch = batch ? Object.values(batch)[0]?.[0]?.PutRequest?.Item : undefined;
  const key = (input.Key ?? input.Item ?? firstOfBatch) as Record<string, unknown> | undefined;
  const sk = typeof key?.sk === 'string' ? key.sk : undefined;
  const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
  const prefix = typeof values?.[':k'] === 'string' ? values[':k'] : typeof values?.[':u'] === 'string' ? values[':u'] : typeof values?.[':c'] === 'string' ? values[':c'] : undefined;
  const what = sk ?? (prefix as string | undefined) ?? '';
  // Keep the kind of key (letters up to the first '#'), not the id.
  const kind = KINDS[what.split('#')[0] ?? ''] ?? what.split('#')[0] ?? '';
  return kind ? `${name.replace(/Command$/, '')} ${kind}` : name.replace(/Command$/, '');
}
