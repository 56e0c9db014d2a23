/**
 * Measures (prints, asserts nothing about time) what the rights check costs per accepted editor
 * update on a board of 2,000 cards: warm cache vs cold cache, the check alone and the whole
 * $default invocation (dynalite underneath).
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, updateCard } from '@binhan/core';
import { BoardWriteChecker, boardSource, BoardUpdates, createWsDeps, createWsHandler, ensureTable, openTable, SyncTokens, updateMessage, type Table } from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '@binhan/local';
import { encodeBase64 } from '@binhan/transport';
import { buildBoard, captureUpdate, recordingPoster, wsEvent } from '../helpers/rights-board';
import { ctx, LIVE } from '../helpers/write-context';

const SECRET = 'cost-secret-cost-secret-cost-secret-cost';
const BOARD = 'big';
const CARDS = 2000;

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return `median ${q(0.5)} ms, p90 ${q(0.9)} ms, n=${s.length}`;
}

describe('cost of the rights check on a 2,000-card board', () => {
  let engine: EmbeddedDynamo;
  let table: Table;
  let editorDoc: Y.Doc;
  let stateBytes = 0;

  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    table = openTable({ tableName: 'cost', endpoint: engine.endpoint });
    await ensureTable(table);
    const author = new Y.Doc();
    buildBoard(author, BOARD);
    author.transact(() => {
      for (let i = 0; i < CARDS - 6; i++) {
        if (i % 3 === 2) addCard(author, { kind: 'nominee', id: `n-${i}`, unit: 'council', name: `Người ${i}`, nomineeKind: 'individual', achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2024' }, ctx('chu-tich', LIVE));
        else addCard(author, { kind: 'task', id: `t-${i}`, unit: 'office', title: `Nhiệm vụ ${i}`, description: 'Theo kế hoạch 27/KH-UBND', checklist: [{ text: 'Bước 1' }, { text: 'Bước 2' }] }, ctx('chu-tich', LIVE));
      }
    });
    const state = Y.encodeStateAsUpdate(author);
    stateBytes = state.byteLength;
    const updates = new BoardUpdates(table);
    await updates.append(BOARD, state);
    await updates.compact(BOARD);
    editorDoc = new Y.Doc();
    Y.applyUpdate(editorDoc, state);
  }, 120_000);
  afterAll(async () => {
    table.raw.destroy();
    await engine.close();
  });

  it('prints warm vs cold timings', async () => {
    const updates = new BoardUpdates(table);
    const cache = new BoardWriteChecker(boardSource(updates));
    const edit = (i: number) => captureUpdate(editorDoc, () => updateCard(editorDoc, `t-${i * 3}`, { title: `Nhiệm vụ đã sửa ${i}` }, ctx('can-bo-lan', LIVE)));

    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      cache.evict(BOARD);
      const u = edit(i);
      const t = performance.now();
      expect((await cache.checkWrite(BOARD, u, 'editor')).ok).toBe(true);
      cold.push(performance.now() - t);
      await updates.append(BOARD, u); // as the handler does: accepted updates are stored
    }
    const warm: number[] = [];
    for (let i = 10; i < 210; i++) {
      const u = edit(i);
      const t = performance.now();
      expect((await cache.checkWrite(BOARD, u, 'editor')).ok).toBe(true);
      warm.push(performance.now() - t);
      await updates.append(BOARD, u);
    }
    const guarded: number[] = [];
    for (let i = 0; i < 10; i++) {
      const u = captureUpdate(editorDoc, () => updateCard(editorDoc, `n-${i * 3 + 2}`, { reviewStatus: 'council-reviewed' }, ctx('can-bo-lan', LIVE)));
      const t = performance.now();
      expect((await cache.checkWrite(BOARD, u, 'editor')).ok).toBe(true);
      guarded.push(performance.now() - t);
      await updates.append(BOARD, u);
    }
    const created: number[] = [];
    for (let i = 0; i < 10; i++) {
      const u = captureUpdate(editorDoc, () => addCard(editorDoc, { kind: 'task', unit: 'office', title: `Việc mới ${i}` }, ctx('can-bo-lan', LIVE)));
      const t = performance.now();
      expect((await cache.checkWrite(BOARD, u, 'editor')).ok).toBe(true);
      created.push(performance.now() - t);
      await updates.append(BOARD, u);
    }
    console.log(`[cost] board: ${CARDS} cards, stored state ${(stateBytes / 1024).toFixed(0)} KB`);
    console.log(`[cost] check, cold cache (load from dynalite + apply + index): ${stats(cold)}`);
    console.log(`[cost] check, warm cache, ordinary field edit: ${stats(warm)}`);
    console.log(`[cost] check, warm cache, editor review-status change (guarded key: re-decided on state read from storage): ${stats(guarded)}`);
    console.log(`[cost] check, warm cache, editor creating a card (card entry: re-decided on state read from storage): ${stats(created)}`);
  }, 120_000);

  it('prints the whole $default invocation, warm vs cold (store + fan-out to 1 + audit)', async () => {
    const poster = recordingPoster();
    const deps = createWsDeps({ table, syncTokenSecret: SECRET, posterFor: () => poster, compactEvery: 1_000_000 });
    const handler = createWsHandler(deps);
    const tokens = new SyncTokens(SECRET);
    for (const [id, role] of [['ed', 'editor'], ['watch', 'viewer']] as const) {
      await handler(wsEvent('$connect', id, { queryStringParameters: { board: BOARD, token: tokens.issue({ boardId: BOARD, role, ttlSeconds: 600, subject: id }) } }));
    }
    const send = async (u: Uint8Array) => {
      const t = performance.now();
      const res = await handler(wsEvent('$default', 'ed', { body: encodeBase64(updateMessage(u)) }));
      expect(res.statusCode).toBe(200);
      return performance.now() - t;
    };
    const edit = (i: number) => captureUpdate(editorDoc, () => updateCard(editorDoc, `t-${i * 3}`, { title: `Qua handler ${i}` }, ctx('can-bo-lan', LIVE)));
    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      deps.boardDocs.evict(BOARD);
      cold.push(await send(edit(i)));
    }
    const warm: number[] = [];
    for (let i = 10; i < 110; i++) warm.push(await send(edit(i)));
    console.log(`[cost] $default invocation, cold cache: ${stats(cold)}`);
    console.log(`[cost] $default invocation, warm cache: ${stats(warm)}`);
  }, 120_000);
});
