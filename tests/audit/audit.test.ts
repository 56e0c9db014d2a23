/**
 * The audit log: who changed which card and when, per board and per card, newest first,
 * paginated. Stored in DynamoDB (dynalite) and written by the sync handler after the update is
 * durable and fanned out.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteCard, moveCard, purgeCard, readBoard, restoreCard, setFacts, updateCard } from '@binhan/core';
import { AuditLog, ensureTable, InvalidAuditCursorError, openTable, type AuditEntry, type Role, type Table } from '@binhan/functions';
import { startEmbeddedDynamo, type EmbeddedDynamo, type LocalStack } from '@binhan/local';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { createWebSocketPolyfill, type TextSocketConstructor } from '@binhan/transport';
import { connectClient, startTestStack, storedDoc, synced, waitFor, type SyncClient } from '../helpers/sync-clients';
import { buildBoard, FUND } from '../helpers/rights-board';
import { ctx, LIVE } from '../helpers/write-context';

describe('AuditLog storage', () => {
  let engine: EmbeddedDynamo;
  let table: Table;
  beforeAll(async () => {
    engine = await startEmbeddedDynamo();
    table = openTable({ tableName: 'audit', endpoint: engine.endpoint });
    await ensureTable(table);
  });
  afterAll(async () => {
    table.raw.destroy();
    await engine.close();
  });

  const entry = (i: number, cardId: string, actor = 'lan'): AuditEntry => ({
    boardId: 'b1', cardId, actor, at: new Date(Date.UTC(2025, 1, 1, 0, 0, i)).toISOString(), action: 'updated', fields: [`f${i}`],
  });

  it('lists a board\'s and a card\'s entries newest first, page by page', async () => {
    const log = new AuditLog(table);
    const all = Array.from({ length: 7 }, (_, i) => entry(i, i % 2 === 0 ? 'card-a' : 'card#b'));
    for (const e of all) await log.record([e]);
    await log.record([{ ...entry(8, ''), fields: ['facts.funds'] }]); // board-level
    await log.record([{ ...entry(1, 'x'), boardId: 'other-board' }]);

    const pages: AuditEntry[][] = [];
    let cursor: string | undefined;
    do {
      const page = await log.listBoard('b1', { limit: 3, ...(cursor ? { cursor } : {}) });
      pages.push(page.entries);
      cursor = page.cursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    const flat = pages.flat();
    expect(flat.map((e) => e.fields[0])).toEqual(['facts.funds', 'f6', 'f5', 'f4', 'f3', 'f2', 'f1', 'f0']);

    const cardA = await log.listCard('b1', 'card-a');
    expect(cardA.entries.map((e) => e.fields[0])).toEqual(['f6', 'f4', 'f2', 'f0']);
    expect(cardA.cursor).toBeUndefined();
    const cardB = await log.listCard('b1', 'card#b', { limit: 2 });
    expect(cardB.entries.map((e) => e.fields[0])).toEqual(['f5', 'f3']);
    const cardB2 = await log.listCard('b1', 'card#b', { limit: 2, cursor: cardB.cursor! });
    expect(cardB2.entries.map((e) => e.fields[0])).toEqual(['f1']);
    expect(cardB2.cursor).toBeUndefined();
    expect((await log.listCard('b1', 'card')).entries).toEqual([]); // a prefix of another id is another card

    await expect(log.listBoard('b1', { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidAuditCursorError);
    await expect(log.listBoard('b1', { cursor: cardB.cursor! })).rejects.toBeInstanceOf(InvalidAuditCursorError); // a card cursor is not a board cursor
  });

  it('stores a large batch (an import) in full', async () => {
    const log = new AuditLog(table);
    const many = Array.from({ length: 130 }, (_, i) => ({ ...entry(0, `c${i}`), boardId: 'big' }));
    await log.record(many);
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await log.listBoard('big', { limit: 200, ...(cursor ? { cursor } : {}) });
      n += page.entries.length;
      cursor = page.cursor;
    } while (cursor);
    expect(n).toBe(130);
  });
});

describe('audit through the sync path', () => {
  let stack: LocalStack;
  const clients: SyncClient[] = [];
  const BOARD = 'audited';
  const client = async (role: Role, subject: string) => {
    const c = connectClient(stack, BOARD, stack.tokens.issue({ boardId: BOARD, role, ttlSeconds: 3600, subject }));
    clients.push(c);
    await synced(c);
    return c;
  };
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  it('records who created, updated, moved, deleted and restored which card, newest first, with fields', async () => {
    const leader = await client('leader', 'chu-tich');
    const editor = await client('editor', 'can-bo-lan');
    const settle = async () => {
      await stack.gateway.idle();
      await new Promise((r) => setTimeout(r, 5)); // distinct milliseconds between steps
    };
    buildBoard(leader.doc, BOARD);
    await waitFor(() => editor.doc.getMap('cards').size === 6, 'editor has the board');
    await settle();
    updateCard(editor.doc, 't1', { title: 'Chuẩn bị hội trường, khánh tiết', assignee: 'Chị Lan' }, ctx('can-bo-lan', LIVE));
    await settle();
    await waitFor(() => (leader.doc.getMap('cards').get('t1') as Y.Map<unknown>).get('assignee') === 'Chị Lan', 'leader sees the edit');
    moveCard(leader.doc, 't1', { unit: 'council' }, ctx('chu-tich', LIVE));
    await settle();
    await waitFor(() => readBoard(editor.doc).cards.find((c) => c.id === 't1')?.unit === 'council', 'editor sees the move');
    deleteCard(editor.doc, 'n2', ctx('can-bo-lan', LIVE));
    await settle();
    await waitFor(() => Boolean((leader.doc.getMap('cards').get('n2') as Y.Map<unknown>).get('deletedAt')), 'leader sees the deletion');
    restoreCard(leader.doc, 'n2', ctx('chu-tich', LIVE));
    await settle();
    setFacts(leader.doc, { funds: [{ ...FUND, amount: 60_000_000 }] }, ctx('chu-tich', LIVE));
    updateCard(editor.doc, 'n1', { reviewStatus: 'approved' }, ctx('can-bo-lan', LIVE)); // refused: not audited
    await waitFor(() => editor.permissionDenied.length > 0, 'refusal');
    await settle();
    expect(readBoard(await storedDoc(stack, BOARD)).cards.find((c) => c.id === 't1')?.unit).toBe('council');

    const board = await stack.deps.audit.listBoard(BOARD, { limit: 200 });
    const summary = board.entries.map((e) => `${e.actor} ${e.action} ${e.cardId || '(board)'} ${e.fields.join(',')}`);
    expect(summary.slice(0, 5)).toEqual([
      'chu-tich updated (board) facts.funds',
      'chu-tich restored n2 ',
      'can-bo-lan deleted n2 ',
      'chu-tich moved t1 pos',
      'can-bo-lan updated t1 assignee,title',
    ]);
    // The fund's change keeps its old → new value (the facts panel's history shows it).
    expect(board.entries[0]!.changes).toEqual([{ field: 'facts.funds', old: [FUND], new: [{ ...FUND, amount: 60_000_000 }] }]);
    // The board's creation: every card created by the leader, plus the board-level parts.
    const created = board.entries.filter((e) => e.action === 'created');
    expect(created.map((e) => e.cardId).sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 't1']);
    expect(created.every((e) => e.actor === 'chu-tich')).toBe(true);
    expect(board.entries.some((e) => e.cardId === 'n1' && e.action === 'updated')).toBe(false); // the refused approval
    for (let i = 1; i < board.entries.length; i++) expect(board.entries[i - 1]!.at >= board.entries[i]!.at).toBe(true);

    const t1 = await stack.deps.audit.listCard(BOARD, 't1');
    expect(t1.entries.map((e) => [e.actor, e.action, e.fields])).toEqual([
      ['chu-tich', 'moved', ['pos']],
      ['can-bo-lan', 'updated', ['assignee', 'title']],
      ['chu-tich', 'created', expect.arrayContaining(['title', 'kind'])],
    ]);
    expect(t1.entries.every((e) => e.boardId === BOARD && !Number.isNaN(Date.parse(e.at)))).toBe(true);

    // Pagination over the board log returns the same entries in the same order.
    const paged: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await stack.deps.audit.listBoard(BOARD, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(2);
      paged.push(...page.entries);
      cursor = page.cursor;
    } while (cursor);
    expect(paged).toEqual(board.entries);
  });

  it('keeps old → new values and the self-declared name the connection sent; a purge is "purged" with the card\'s name', async () => {
    const boardId = 'audited-values';
    const admin = connectClient(stack, boardId, stack.tokens.issue({ boardId, role: 'admin', ttlSeconds: 3600, subject: 'quan-tri' }));
    clients.push(admin);
    await synced(admin);
    buildBoard(admin.doc, boardId);
    // A stock y-websocket client whose page sent the presence name: control characters and
    // bidi marks are removed, spaces squashed, at most 60 characters kept.
    const declared = 'Chị\u0007 Lan\u202e   ' + 'x'.repeat(80);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${stack.gateway.wsUrl}/sync`, boardId, doc, {
      params: { token: stack.tokens.issue({ boardId, role: 'editor', ttlSeconds: 3600, subject: 'link:staff-1' }), name: declared },
      WebSocketPolyfill: createWebSocketPolyfill({ WebSocket: WebSocket as unknown as TextSocketConstructor }) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    clients.push({ doc, provider, serverErrors: [], permissionDenied: [], destroy: () => { provider.destroy(); doc.destroy(); } });
    await waitFor(() => provider.synced && doc.getMap('cards').size === 6, 'staff synced');
    const before = readBoard(doc).cards.find((c) => c.id === 't1')!;
    updateCard(doc, 't1', { title: 'Hội trường mới', due: '2025-03-15' }, ctx('Chị Lan', LIVE));
    deleteCard(doc, 'n2', ctx('Chị Lan', LIVE));
    await waitFor(async () => (await stack.deps.audit.listCard(boardId, 'n2')).entries.some((e) => e.action === 'deleted'), 'audited');
    await waitFor(() => Boolean((admin.doc.getMap('cards').get('n2') as Y.Map<unknown>).get('deletedAt')), 'admin sees the bin');
    purgeCard(admin.doc, 'n2', ctx('quan-tri', LIVE));
    await waitFor(async () => (await stack.deps.audit.listCard(boardId, 'n2')).entries.some((e) => e.action === 'purged'), 'purge audited');

    const [edit] = (await stack.deps.audit.listCard(boardId, 't1')).entries;
    const name = 'Chị Lan ' + 'x'.repeat(52);
    expect(edit).toMatchObject({ actor: 'link:staff-1', action: 'updated', fields: ['due', 'title'], declaredName: name });
    expect(edit!.changes).toEqual([
      { field: 'due', old: before.kind === 'task' ? before.due : null, new: '2025-03-15' },
      { field: 'title', old: before.kind === 'task' ? before.title : null, new: 'Hội trường mới' },
    ]);
    const n2 = (await stack.deps.audit.listCard(boardId, 'n2')).entries;
    expect(n2.map((e) => e.action)).toEqual(['purged', 'deleted', 'created']);
    expect(n2[0]).toMatchObject({ actor: 'quan-tri', changes: [{ field: 'name', new: null }] });
    expect(n2[0]!.declaredName).toBeUndefined(); // the admin's client sent no name
    expect(n2[1]!.declaredName).toBe(name);
    expect((await storedDoc(stack, boardId)).getMap('cards').has('n2')).toBe(false);
  });
});
