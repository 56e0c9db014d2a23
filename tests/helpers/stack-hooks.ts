/**
 * The setup and teardown a test file repeats, as one call each (vitest hooks registered in the
 * calling describe block):
 *   - useBrowserStack: the web app built, served by a local stack, Chromium launched; every
 *     browser context the file opens (push it to `contexts`) is closed after, then Chromium,
 *     the stack and the build folder. Used by tests/browser.
 *   - useAccessStack: a local stack with an administrator signed in, closed after. Used by
 *     tests/access.
 *   - useSyncStack: a local stack and the stock y-websocket clients a test opens on it
 *     (`client(board, token)`), all destroyed after, then the stack. Used by tests/sync.
 * Each hands what it made to `ready` once made, so the test keeps its own variables.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { LocalStackOptions } from '@binhan/local';
import { buildWeb, createAdmin, launchChromium, startBrowserStack, type BrowserStack } from './browser';
import { startAccessStack } from './access';
import { connectClient, startTestStack, type SyncClient } from './sync-clients';
import type { LocalStack } from '@binhan/local';

export interface BrowserStackOptions {
  /** Options of the local stack (limits, throttle). */
  stack?: LocalStackOptions;
  /** Create the browser tests' administrator (BROWSER_ADMIN) in storage. */
  admin?: boolean;
  /** More setup on the stack before Chromium starts (seed boards, write files). */
  setup?: (bs: BrowserStack) => Promise<void>;
}

export function useBrowserStack(
  options: BrowserStackOptions,
  ready: (env: { bs: BrowserStack; browser: Browser }) => void,
): { contexts: BrowserContext[] } {
  const contexts: BrowserContext[] = [];
  let bs: BrowserStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const webRoot = await buildWeb();
    bs = await startBrowserStack(webRoot, options.stack);
    if (options.admin) await createAdmin(bs.stack);
    await options.setup?.(bs);
    browser = await launchChromium();
    ready({ bs, browser });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await bs?.close();
    if (bs?.webRoot) rmSync(bs.webRoot, { recursive: true, force: true });
  });
  return { contexts };
}

export function useAccessStack(ready: (env: Awaited<ReturnType<typeof startAccessStack>>) => void, options: LocalStackOptions = {}): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const env = await startAccessStack(options);
    close = () => env.stack.close();
    ready(env);
  });
  afterAll(async () => {
    await close?.();
  });
}

export function useSyncStack(options: LocalStackOptions = {}): {
  stack: () => LocalStack;
  client: (boardId: string, token: string, params?: Record<string, string>) => SyncClient;
} {
  let stack: LocalStack | undefined;
  const clients: SyncClient[] = [];
  beforeAll(async () => {
    stack = await startTestStack(options);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack?.close();
  });
  const started = () => {
    if (!stack) throw new Error('useSyncStack: the stack starts in beforeAll; use it inside a test.');
    return stack;
  };
  return {
    stack: started,
    client(boardId, token, params) {
      const c = connectClient(started(), boardId, token, undefined, params);
      clients.push(c);
      return c;
    },
  };
}
