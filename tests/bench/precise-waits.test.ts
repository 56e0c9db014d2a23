/**
 * The bench's AWS-latency waits (bench/util.ts sleepPrecisely): all waits share one timer and one
 * turn callback. What a broken queue would do to the figures — a wait cut short, or waits out of
 * order — is checked here; how late a wait may be depends on the machine and is not asserted.
 */
import { describe, expect, it } from 'vitest';
import { now, sleepPrecisely } from '../../bench/util';

describe('sleepPrecisely (the AWS-latency scenario’s waits)', () => {
  it('200 waits of 0.5–10 ms started together: none ends before its deadline, and they end in deadline order', async () => {
    const lengths = Array.from({ length: 200 }, (_, i) => [10, 3, 6, 0.5, 2.2, 0][i % 6]!);
    const ended: Array<{ deadline: number; at: number }> = [];
    await Promise.all(
      lengths.map(async (ms) => {
        const deadline = now() + ms;
        await sleepPrecisely(ms);
        ended.push({ deadline, at: now() });
      }),
    );
    expect(ended).toHaveLength(200);
    for (const e of ended) expect(e.at).toBeGreaterThanOrEqual(e.deadline);
    // In deadline order: the deadline noted here is a few µs before the one the wait takes, so two
    // waits whose deadlines are that close may swap; none may pass one due 0.1 ms before it.
    for (let i = 1; i < ended.length; i++) expect(ended[i]!.deadline).toBeGreaterThanOrEqual(ended[i - 1]!.deadline - 0.1);
  });

  it('a shorter wait added while a longer one is armed ends on its own deadline, not with the longer one', async () => {
    const longDeadline = now() + 200;
    let shortEnded = Infinity;
    const long = sleepPrecisely(200);
    await sleepPrecisely(2);
    const t = now();
    await sleepPrecisely(5);
    shortEnded = now();
    await long;
    expect(shortEnded - t).toBeGreaterThanOrEqual(5);
    // Left to the longer wait's timer it would end after 200 ms (the 190 ms margin is for a loaded machine).
    expect(shortEnded).toBeLessThan(longDeadline - 10);
    expect(now()).toBeGreaterThanOrEqual(longDeadline);
  });
});
