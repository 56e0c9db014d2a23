/**
 * Retrying assertions on what a page shows (playwright-core has no `expect`): each polls the
 * locator until it holds or the timeout passes, through vitest's expect.poll.
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

const text = async (loc: Locator): Promise<string> => ((await loc.count()) ? ((await loc.first().textContent()) ?? '') : '');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function see(loc: Locator, opts: { timeout?: number } = {}) {
  const poll = <T>(what: string, f: () => Promise<T>) =>
    expect.poll(async () => {
      try {
        return await f();
      } catch {
        return undefined;
      }
    }, { timeout: opts.timeout ?? 10_000, interval: 50, message: `${loc.toString()}: ${what}` });
  return {
    toBeVisible: () => poll('visible', async () => (await loc.count()) > 0 && (await loc.first().isVisible())).toBe(true),
    toBeHidden: () => poll('hidden', async () => (await loc.count()) === 0 || !(await loc.first().isVisible())).toBe(true),
    toContainText: (s: string) => poll(`contains "${s}"`, async () => squash(await text(loc))).toContain(s),
    toHaveText: (s: string | RegExp) =>
      typeof s === 'string'
        ? poll(`text "${s}"`, async () => squash(await text(loc))).toBe(s)
        : poll(`text ${String(s)}`, async () => squash(await text(loc))).toMatch(s),
    toBeDisabled: () => poll('disabled', async () => (await loc.count()) > 0 && (await loc.first().isDisabled())).toBe(true),
    toHaveCount: (n: number) => poll(`count ${n}`, () => loc.count()).toBe(n),
    toHaveAttribute: (name: string, value: string) => poll(`${name}=${value}`, async () => (await loc.count()) ? loc.first().getAttribute(name) : null).toBe(value),
    not: {
      toContainText: (s: string) => poll(`does not contain "${s}"`, async () => squash(await text(loc)).includes(s)).toBe(false),
    },
  };
}
