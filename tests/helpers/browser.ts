/**
 * The web app in real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * build web/ once into a folder of its own, serve it from a local stack, seed a board, open
 * pages with edit or view links. Used by tests/browser and bench/browser.ts.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type WriteContext } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { SEED_AUTHOR, startLocalStack, type LocalStack, type LocalStackOptions } from '@binhan/local';
import { bootstrapAdmin } from '@binhan/functions';
import { CHROMIUM_PATH } from './tools';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(REPO_ROOT, 'web');
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Builds the web app with Vite into a fresh folder (never web/dist, which `npm start` may be
 * serving, and never shared with a concurrent test file). Returns the folder.
 */
export async function buildWeb(outDir = mkdtempSync(join(tmpdir(), 'binhan-web-'))): Promise<string> {
  const { build } = await import('vite');
  await build({ root: WEB_ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface BrowserStack {
  stack: LocalStack;
  webRoot: string;
  close(): Promise<void>;
}

export async function startBrowserStack(webRoot: string, options: LocalStackOptions = {}): Promise<BrowserStack> {
  const stack = await startLocalStack({ port: 0, syncTokenSecret: 'x'.repeat(40), webRoot, ...options });
  return { stack, webRoot, close: () => stack.close() };
}

/** Creates a board in storage from a doc prepared by `prepare` (default: the plan 27 board). */
export async function createBoard(
  stack: LocalStack,
  boardId: string,
  prepare: (doc: Y.Doc, ctx: WriteContext) => void = (doc, ctx) => void seedPlan27Board(doc, { boardId, ...ctx }),
): Promise<void> {
  const doc = new Y.Doc();
  // Written as npm start's seed writes it, so the pages (and their screenshots) show what users see.
  const ctx: WriteContext = { actor: SEED_AUTHOR, now: new Date() };
  prepare(doc, ctx);
  await stack.boards.create({ boardId, title: 'test board', createdAt: new Date().toISOString(), createdBy: 'seed' }, Y.encodeStateAsUpdate(doc));
  doc.destroy();
}

export function boardUrl(stack: LocalStack, boardId: string, right: 'edit' | 'view', hash = ''): string {
  const token = stack.tokens.issue({ boardId, right, ttlSeconds: 3600, subject: right === 'edit' ? 'staff' : 'district' });
  return `${stack.gateway.httpUrl}/?board=${encodeURIComponent(boardId)}&token=${encodeURIComponent(token)}${hash}`;
}

export interface OpenOptions {
  /** Display name stored before the page loads (skips the name dialog). */
  name?: string;
  viewport?: { width: number; height: number };
  hash?: string;
  /** Called with the page before it loads (e.g. to listen to its WebSocket frames from the start). */
  beforeLoad?: (page: Page) => void;
}

export async function openBoard(
  browser: Browser,
  stack: LocalStack,
  boardId: string,
  right: 'edit' | 'view',
  options: OpenOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  return openPage(browser, boardUrl(stack, boardId, right, options.hash ?? ''), { ...options, label: right });
}

export function screenshotPath(name: string): string {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

/** The administrator the access browser tests sign in as (made in storage, as `npm start` does). */
export const BROWSER_ADMIN = { email: 'quantri@binhan.gov.vn', password: 'mat-khau-quan-tri-2025' };

export async function createAdmin(stack: LocalStack, account = BROWSER_ADMIN): Promise<string> {
  const made = await bootstrapAdmin(stack.accounts, { ...account, allowGenerated: false });
  if (!made) throw new Error('administrator not created');
  return made.userId;
}

/** A fresh browser context as the others (Vietnamese, Vietnam's time zone), on any address. */
export async function openPage(
  browser: Browser,
  url: string,
  options: OpenOptions & { label?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  if (options.name) {
    const name = options.name;
    await context.addInitScript((n) => {
      if (!localStorage.getItem('binhan:name')) localStorage.setItem('binhan:name', n);
    }, name);
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page ${options.label ?? url}] ${e.message}`));
  options.beforeLoad?.(page);
  await page.goto(url);
  return { context, page };
}
