/**
 * Columns (units) are written by admins only — added, renamed (vi and en), reordered and
 * removed, as the app's column manager does it — with stock y-websocket clients over real
 * sockets. For each write and each role: admins' valid writes stand; an editor's or a
 * leader's are undone everywhere (storage, watcher, author), with the reason, and the refused
 * client's next edit still arrives; a view link's write is dropped whole. Invalid values (a
 * Y.Text name, a numeric order, an unknown key) are undone for every role. Removing a column
 * that holds cards moves them in the same update, and no card is ever lost.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUnit, moveUnit, readBoard, removeUnit, renameUnit, updateCard, type Role } from '@binhan/core';
import type { LocalStack } from '@binhan/local';
import { createBoard, startAccessStack, type Call } from '../helpers/access';
import { storedDoc, waitFor, type SyncClient } from '../helpers/sync-clients';
import { agreeWithStorage, joinBoard } from '../helpers/board-clients';
import { ctx, LIVE } from '../helpers/write-context';
import { viewOf } from '../helpers/board-views';

const ROLES: Role[] = ['editor', 'leader', 'admin'];
const unit = (d: Y.Doc, id: string) => d.getMap<Y.Map<unknown>>('units').get(id)!;

interface Case {
  name: string;
  valid: boolean;
  write: (doc: Y.Doc, role: Role, n: number) => void;
}

const CASES: Case[] = [
  { name: 'a column added', valid: true, write: (d, role, n) => { addUnit(d, { nameVi: `Trạm Y tế ${n}`, nameEn: `Health station ${n}` }, ctx(role, LIVE)); } },
  { name: 'a column renamed (vi and en)', valid: true, write: (d, role, n) => { renameUnit(d, 'front', { nameVi: `Mặt trận ${n}`, nameEn: `Front ${n}` }, ctx(role, LIVE)); } },
  { name: 'a column moved first', valid: true, write: (d, role) => {
    const first = readBoard(d).units[0]!.id;
    moveUnit(d, first === 'front' ? 'council' : 'front', 0, ctx(role, LIVE));
  } },
  { name: 'a column with cards removed, its cards to "Chưa phân công"', valid: true, write: (d, role) => {
    const victim = readBoard(d).units.find((u) => u.id !== 'unassigned' && readBoard(d).cards.some((c) => c.unit === u.id))!.id;
    removeUnit(d, victim, ctx(role, LIVE), { moveCardsTo: 'unassigned' });
  } },
  { name: 'a column name as a Y.Text', valid: false, write: (d) => unit(d, 'front').set('nameVi', new Y.Text('Mặt trận')) },
  { name: 'a column order as a number', valid: false, write: (d) => unit(d, 'front').set('order', 3) },
  { name: 'a column with an unknown key', valid: false, write: (d) => unit(d, 'front').set('color', 'red') },
  { name: 'a column "removed" as a string', valid: false, write: (d) => unit(d, 'front').set('removed', 'yes') },
];

describe('columns: admins only, every role, with stock y-websocket clients', () => {
  let stack: LocalStack;
  let call: Call;
  let adminCookie: string;
  let boardId: string;
  const clients: SyncClient[] = [];
  const by = {} as Record<Role, SyncClient>;
  let watcher: SyncClient;
  let cardTotal = 0;
  let n = 0;

  const join = (role: Role, subject: string) => joinBoard(stack, boardId, role, subject, clients);
  const converged = (author: SyncClient) => agreeWithStorage(stack, boardId, [author, watcher]);
  const total = (d: Y.Doc) => { const b = readBoard(d); return b.cards.length + b.deletedCards.length; };

  beforeAll(async () => {
    ({ stack, call, adminCookie } = await startAccessStack());
    boardId = await createBoard(call, adminCookie);
    watcher = await join('viewer', 'huyen');
    for (const role of ROLES) by[role] = await join(role, `${role}-1`);
    cardTotal = total(watcher.doc);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.valid ? 'stands for admins only' : 'undone for every role (invalid)'}`, async () => {
      for (const role of ROLES) {
        const author = by[role];
        await converged(author);
        const before = viewOf(author.doc, 'units');
        const denied = author.permissionDenied.length;
        c.write(author.doc, role, ++n);
        const intended = viewOf(author.doc, 'units');
        const what = `${role}: ${c.name}`;
        expect(intended, `${what}: the write changed something`).not.toBe(before);
        const allowed = c.valid && role === 'admin';
        if (!allowed) await waitFor(() => author.permissionDenied.length > denied, `${what}: told`, 5000);
        await converged(author);
        const stored = await storedDoc(stack, boardId);
        expect(viewOf(stored, 'units'), what).toBe(allowed ? intended : before);
        expect(viewOf(watcher.doc, 'units'), what).toBe(allowed ? intended : before);
        if (!allowed) expect(author.permissionDenied.at(-1), what).toMatch(/Chỉ quản trị viên mới được thêm, sửa hoặc xóa cột|Giá trị không hợp lệ/);
        else expect(author.permissionDenied.length, what).toBe(denied);
        // No card is ever lost, and every card shows in a column of the board.
        const board = readBoard(stored);
        expect(total(stored), what).toBe(cardTotal);
        const shown = new Set(board.units.map((u) => u.id));
        expect(board.cards.every((x) => shown.has(x.unit)), what).toBe(true);
        expect(board.problems, what).toEqual([]);
        // The refused (or not) client's next edit arrives.
        const live = board.cards[0]!;
        const title = `Sau ${n} (${role})`;
        updateCard(author.doc, live.id, { title }, ctx(role, LIVE));
        await waitFor(() => (readBoard(watcher.doc).cards.find((x) => x.id === live.id) as { title?: string } | undefined)?.title === title, `${what}: next edit arrives`);
      }
    });
  }

  it('a view link\'s column is dropped whole', async () => {
    await converged(by.admin);
    const before = viewOf(await storedDoc(stack, boardId), 'units');
    const denied = watcher.permissionDenied.length;
    addUnit(watcher.doc, { nameVi: 'Cột của huyện' }, ctx('huyen', LIVE));
    await waitFor(() => watcher.permissionDenied.length > denied, 'the viewer is told', 5000);
    await stack.gateway.idle();
    expect(viewOf(await storedDoc(stack, boardId), 'units')).toBe(before);
    expect(readBoard(by.admin.doc).units.some((u) => u.nameVi === 'Cột của huyện')).toBe(false);
  });
});
