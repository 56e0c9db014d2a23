/**
 * `npm start` as a new colleague runs it: a fresh data folder, the seeded plan-27 board created
 * on first start, edit and view links printed; a restart keeps the board and what was edited;
 * a second start on a folder already in use stops with a message that says what to do, and the
 * first keeps serving.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, describe, expect, it } from 'vitest';
import { readBoard } from '@binhan/core';
import { notes } from '../helpers/board-notes';
import { createWebSocketPolyfill, type TextSocketConstructor } from '@binhan/transport';
import { waitFor } from '../helpers/sync-clients';

interface Started {
  child: ChildProcess;
  output: string;
  editLink: URL;
  viewLink: URL;
}

/** `npm start`'s process on a data folder, with what it prints so far. */
function spawnProduct(dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/local/src/main.ts'], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function startProduct(dataDir: string): Promise<Started> {
  const { child, output } = spawnProduct(dataDir);
  await waitFor(() => /Press Ctrl\+C/.test(output()) || child.exitCode !== null, 'npm start printed its links', 30_000);
  const links = [...output().matchAll(/(http:\/\/localhost:\d+\/\?board=[^\s]+)/g)].map((m) => new URL(m[1]!));
  expect(links).toHaveLength(2);
  return { child, output: output(), editLink: links[0]!, viewLink: links[1]! };
}

async function stop(started: Started): Promise<void> {
  if (started.child.exitCode !== null) return;
  started.child.kill('SIGTERM');
  await new Promise((r) => started.child.once('exit', r));
}

function open(link: URL): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const Polyfill = createWebSocketPolyfill({ WebSocket: WebSocket as unknown as TextSocketConstructor, onServerError: () => {} });
  const provider = new WebsocketProvider(`ws://${link.host}/sync`, link.searchParams.get('board')!, doc, {
    params: { token: link.searchParams.get('token')! },
    WebSocketPolyfill: Polyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return { doc, provider };
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the plan-27 board on first start, prints working edit and view links, and keeps the board across a restart', async () => {
    const first = await startProduct(dataDir);
    try {
      expect(first.output).toMatch(/Created board "binh-an-27" from plan 27\/KH-UBND: 5 units/);
      expect(first.editLink.searchParams.get('board')).toBe('binh-an-27');

      const staff = open(first.editLink);
      await waitFor(() => staff.provider.synced, 'staff synced');
      const board = readBoard(staff.doc);
      expect(board.units.map((u) => u.id)).toEqual(['office-statistics', 'finance', 'culture-society', 'council', 'front']);
      const clauses = board.cards.filter((c) => c.kind === 'task').map((c) => (c as { clause?: string }).clause);
      expect(clauses).toEqual(expect.arrayContaining(['II.1', 'IV.1', 'IV.2', 'IV.3', 'IV.4', 'IV.5']));
      expect(board.agenda[0]).toMatchObject({ text: expect.stringMatching(/Chào cờ/) });
      // The leaders' dashboard says who set the plan's facts: the committee, not an internal name.
      expect(board.facts.updatedBy).toBe('UBND xã Bình An');

      // The district's link sees the staff's edit live and cannot write.
      const district = open(first.viewLink);
      await waitFor(() => district.provider.synced, 'district synced');
      notes(staff.doc).set('restart-note', 'Họp Hội đồng ngày 05/03/2025');
      await waitFor(() => notes(district.doc).get('restart-note') !== undefined, 'district sees the edit');
      notes(district.doc).set('restart-note', 'changed by the district');
      await new Promise((r) => setTimeout(r, 300));
      expect(notes(staff.doc).get('restart-note')).toBe('Họp Hội đồng ngày 05/03/2025');
      staff.provider.destroy();
      district.provider.destroy();
    } finally {
      await stop(first);
    }

    const second = await startProduct(dataDir);
    try {
      expect(second.output).toMatch(/Board "binh-an-27" loaded from disk/);
      const again = open(second.editLink);
      await waitFor(() => again.provider.synced, 'synced after restart');
      expect(notes(again.doc).get('restart-note')).toBe('Họp Hội đồng ngày 05/03/2025');
      expect(readBoard(again.doc).cards.length).toBeGreaterThanOrEqual(12);
      again.provider.destroy();
    } finally {
      await stop(second);
    }
  });

  it('refuses a second npm start on the same data folder with a clear message; the first keeps serving', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'binhan-start-twice-'));
    const first = await startProduct(folder);
    try {
      const { child: second, output: printed } = spawnProduct(folder);
      const code = await new Promise<number | null>((r) => second.once('exit', r));
      const output = printed();
      expect(code).toBe(1);
      expect(output).toContain(`The data folder ${folder} is in use by another npm start (process ${first.child.pid})`);
      expect(output).toMatch(/DATA_DIR=<folder>/);
      expect(output).not.toMatch(/Database is closed/);
      const staff = open(first.editLink);
      await waitFor(() => staff.provider.synced, 'the first npm start still serves');
      expect(readBoard(staff.doc).units).toHaveLength(5);
      staff.provider.destroy();
    } finally {
      await stop(first);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
