/**
 * Rights in the sync path, through the local gateway with real y-websocket clients: editors edit,
 * but only leaders and admins approve nominees or change the fund. A refused update is neither
 * stored nor fanned out, and the decision holds when this process's cached doc is stale.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard, setFacts, updateCard, type Card, type NomineeCard } from '@binhan/core';
import { createWsDeps, createWsHandler, updateMessage, type Role } from '@binhan/functions';
import { encodeBase64 } from '@binhan/transport';
import type { LocalStack } from '@binhan/local';
import { connectClient, startTestStack, storedDoc, synced, waitFor, type SyncClient } from '../helpers/sync-clients';
import { buildBoard, captureUpdate, FUND, recordingPoster, wsEvent } from '../helpers/rights-board';
import { ctx, LIVE } from '../helpers/write-context';

const SECRET = 'test-secret-test-secret-test-secret-!!';
const BOARD = 'rights';

const nominee = (doc: Y.Doc, id: string) => readBoard(doc).cards.find((c: Card) => c.id === id) as NomineeCard | undefined;
const status = (doc: Y.Doc, id: string) => nominee(doc, id)?.reviewStatus;
const fundAmount = (doc: Y.Doc) => readBoard(doc).facts.funds.find((f) => f.id === FUND.id)?.amount;

describe('rights in the sync path', () => {
  let stack: LocalStack;
  const clients: SyncClient[] = [];
  const token = (role: Role, subject: string) => stack.tokens.issue({ boardId: BOARD, role, ttlSeconds: 3600, subject });
  const client = async (role: Role, subject: string) => {
    const c = connectClient(stack, BOARD, token(role, subject));
    clients.push(c);
    await synced(c);
    await waitFor(() => c.doc.getMap('cards').size > 0, `${subject} has the board`);
    return c;
  };
  let watcher: SyncClient;

  beforeAll(async () => {
    stack = await startTestStack({ syncTokenSecret: SECRET });
    const leader = connectClient(stack, BOARD, stack.tokens.issue({ boardId: BOARD, role: 'leader', ttlSeconds: 3600, subject: 'chu-tich' }));
    clients.push(leader);
    await synced(leader);
    buildBoard(leader.doc, BOARD);
    await stack.gateway.idle();
    await waitFor(async () => (await storedDoc(stack, BOARD)).getMap('cards').size === 6, 'board stored');
    watcher = await client('editor', 'can-bo-theo-doi');
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await stack.close();
  });

  it('undoes an editor approving a nominee: storage and peers keep the old status, the board keeps serving', async () => {
    const editor = await client('editor', 'can-bo-lan');
    updateCard(editor.doc, 'n1', { reviewStatus: 'approved' }, ctx('can-bo-lan', LIVE));
    await waitFor(() => editor.permissionDenied.length > 0, 'permission-denied for the editor');
    expect(editor.permissionDenied[0]).toMatch(/Chỉ lãnh đạo mới được duyệt khen thưởng/);
    expect(editor.permissionDenied[0]).toMatch(/Only leaders may approve nominees/);
    await stack.gateway.idle();
    expect(status(await storedDoc(stack, BOARD), 'n1')).toBe('proposed');
    expect(status(watcher.doc, 'n1')).toBe('proposed');
    // The system keeps serving: another editor's ordinary edit goes through.
    const other = await client('editor', 'can-bo-hoa');
    updateCard(other.doc, 't1', { title: 'Chuẩn bị hội trường và khánh tiết' }, ctx('can-bo-hoa', LIVE));
    await waitFor(() => (readBoard(watcher.doc).cards.find((c) => c.id === 't1') as { title?: string }).title === 'Chuẩn bị hội trường và khánh tiết', 'watcher sees the title');
    expect(status(watcher.doc, 'n1')).toBe('proposed');
  });

  it('refuses an editor taking a nominee out of "approved" and an editor creating one approved', async () => {
    const leader = await client('leader', 'chu-tich');
    updateCard(leader.doc, 'n2', { reviewStatus: 'approved' }, ctx('chu-tich', LIVE));
    await waitFor(() => status(watcher.doc, 'n2') === 'approved', 'watcher sees n2 approved');
    const editor = await client('editor', 'can-bo-minh');
    updateCard(editor.doc, 'n2', { reviewStatus: 'proposed' }, ctx('can-bo-minh', LIVE));
    await waitFor(() => editor.permissionDenied.length > 0, 'permission-denied');
    await stack.gateway.idle();
    expect(status(await storedDoc(stack, BOARD), 'n2')).toBe('approved');
    expect(status(watcher.doc, 'n2')).toBe('approved');

    const creator = await client('editor', 'can-bo-tuan');
    const { addCard } = await import('@binhan/core');
    addCard(creator.doc, { kind: 'nominee', id: 'n-sneaky', unit: 'council', name: 'Bà X', nomineeKind: 'individual', reviewStatus: 'awarded' }, ctx('can-bo-tuan', LIVE));
    await waitFor(() => creator.permissionDenied.length > 0, 'permission-denied on create');
    await stack.gateway.idle();
    expect(nominee(await storedDoc(stack, BOARD), 'n-sneaky')).toBeUndefined();
  });

  it('accepts a leader approving a nominee: everyone sees it, storage holds it', async () => {
    const leader = await client('leader', 'chu-tich');
    const editor = await client('editor', 'can-bo-lan-2');
    updateCard(leader.doc, 'n1', { reviewStatus: 'approved', decisionDate: '2025-03-01' }, ctx('chu-tich', LIVE));
    await waitFor(() => status(watcher.doc, 'n1') === 'approved' && status(editor.doc, 'n1') === 'approved', 'everyone sees n1 approved');
    await stack.gateway.idle();
    expect(status(await storedDoc(stack, BOARD), 'n1')).toBe('approved');
    expect(leader.permissionDenied).toEqual([]);
  });

  it('accepts an admin changing the fund and refuses an editor doing it', async () => {
    const admin = await client('admin', 'quan-tri');
    setFacts(admin.doc, { funds: [{ ...FUND, amount: 80_000_000 }] }, ctx('quan-tri', LIVE));
    await waitFor(() => fundAmount(watcher.doc) === 80_000_000, 'watcher sees the new fund amount');
    await stack.gateway.idle();
    expect(fundAmount(await storedDoc(stack, BOARD))).toBe(80_000_000);
    expect(admin.permissionDenied).toEqual([]);

    const editor = await client('editor', 'can-bo-ke-toan');
    setFacts(editor.doc, { funds: [{ ...FUND, amount: 999_000_000 }] }, ctx('can-bo-ke-toan', LIVE));
    await waitFor(() => editor.permissionDenied.length > 0, 'permission-denied on the fund');
    expect(editor.permissionDenied[0]).toMatch(/Chỉ lãnh đạo mới được sửa thông tin kế hoạch và quỹ/);
    expect(editor.permissionDenied[0]).toMatch(/Only leaders may change the plan's facts and funds/);
    await stack.gateway.idle();
    expect(fundAmount(await storedDoc(stack, BOARD))).toBe(80_000_000);
    expect(fundAmount(watcher.doc)).toBe(80_000_000);

    const other = await client('editor', 'can-bo-ke-toan-2');
    setFacts(other.doc, { awardFundId: null }, ctx('can-bo-ke-toan-2', LIVE));
    await waitFor(() => other.permissionDenied.length > 0, 'permission-denied on the award fund');
    await stack.gateway.idle();
    expect(readBoard(await storedDoc(stack, BOARD)).facts.awardFundId).toBe(FUND.id);
  });

  it('accepts an editor editing ordinary fields and moving between non-guarded statuses (no false refusal); facts are the leaders\'', async () => {
    const editor = await client('editor', 'can-bo-an');
    updateCard(editor.doc, 't1', { status: 'in-progress', assignee: 'Chị An', due: '2025-03-10', checklist: [{ text: 'Thuê âm thanh' }] }, ctx('can-bo-an', LIVE));
    updateCard(editor.doc, 'n3', { reviewStatus: 'council-reviewed', achievement: 'Hoàn thành xuất sắc nhiệm vụ' }, ctx('can-bo-an', LIVE));
    updateCard(editor.doc, 'n1', { achievement: 'Đã được duyệt; bổ sung hồ sơ' }, ctx('can-bo-an', LIVE)); // an approved nominee's other field
    await waitFor(() => status(watcher.doc, 'n3') === 'council-reviewed', 'watcher sees the edits');
    expect(editor.permissionDenied).toEqual([]);
    const leader = await client('leader', 'pho-chu-tich');
    setFacts(leader.doc, { delegateCap: 150, fundingText: 'Quỹ thi đua khen thưởng xã' }, ctx('pho-chu-tich', LIVE));
    await waitFor(() => readBoard(watcher.doc).facts.delegateCap === 150, 'watcher sees the leader\'s facts');
    await stack.gateway.idle();
    const stored = readBoard(await storedDoc(stack, BOARD));
    expect(stored.cards.find((c) => c.id === 't1')).toMatchObject({ status: 'in-progress', assignee: 'Chị An' });
    expect(stored.cards.find((c) => c.id === 'n1')).toMatchObject({ reviewStatus: 'approved', achievement: 'Đã được duyệt; bổ sung hồ sơ' });
    expect(stored.facts.delegateCap).toBe(150);
    expect(editor.permissionDenied).toEqual([]);
  });

  describe('with this process\'s cached doc stale (edits stored by another handler instance)', () => {
    const other = recordingPoster();
    const otherHandler = () => createWsHandler(createWsDeps({ table: stack.table, syncTokenSecret: SECRET, posterFor: () => other }));
    /** A leader edits through ANOTHER deps object (its own cache) on the same table. */
    async function leaderElsewhere(edit: (doc: Y.Doc) => void, clientID?: number): Promise<void> {
      const handler = otherHandler();
      const conn = `elsewhere-${Math.random().toString(36).slice(2)}`;
      expect((await handler(wsEvent('$connect', conn, { queryStringParameters: { board: BOARD, token: token('leader', 'pho-chu-tich') } }))).statusCode).toBe(200);
      const doc = new Y.Doc();
      if (clientID !== undefined) doc.clientID = clientID;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(await storedDoc(stack, BOARD)));
      const update = captureUpdate(doc, () => edit(doc));
      expect((await handler(wsEvent('$default', conn, { body: encodeBase64(updateMessage(update)) }))).statusCode).toBe(200);
    }

    it('refuses an editor reverting an approval this process never saw (the update depends on it)', async () => {
      expect(stack.deps.boardDocs.has(BOARD)).toBe(true);
      await leaderElsewhere((doc) => updateCard(doc, 'n3', { reviewStatus: 'approved' }, ctx('pho-chu-tich', LIVE)));
      expect(status(await storedDoc(stack, BOARD), 'n3')).toBe('approved');
      expect(stack.deps.boardDocs.has(BOARD)).toBe(true); // still the old doc: n3 council-reviewed there
      const editor = await client('editor', 'can-bo-stale'); // joins from storage: sees n3 approved
      expect(status(editor.doc, 'n3')).toBe('approved');
      updateCard(editor.doc, 'n3', { reviewStatus: 'council-reviewed' }, ctx('can-bo-stale', LIVE));
      await waitFor(() => editor.permissionDenied.length > 0, 'permission-denied despite the stale cache');
      await stack.gateway.idle();
      expect(status(await storedDoc(stack, BOARD), 'n3')).toBe('approved');
    });

    it('accepts an editor editing an ordinary field of a card approved elsewhere', async () => {
      await leaderElsewhere((doc) => updateCard(doc, 'n4', { reviewStatus: 'approved' }, ctx('pho-chu-tich', LIVE)));
      const editor = await client('editor', 'can-bo-stale-2');
      updateCard(editor.doc, 'n4', { achievement: 'Gương người tốt việc tốt' }, ctx('can-bo-stale-2', LIVE));
      await waitFor(() => (nominee(watcher.doc, 'n4')?.achievement ?? '') === 'Gương người tốt việc tốt', 'watcher sees the edit');
      await stack.gateway.idle();
      expect(nominee(await storedDoc(stack, BOARD), 'n4')).toMatchObject({ reviewStatus: 'approved', achievement: 'Gương người tốt việc tốt' });
      expect(editor.permissionDenied).toEqual([]);
    });

    it('refuses a concurrent editor write that would override an approval stored elsewhere (decided on fresh state)', async () => {
      const before = await storedDoc(stack, BOARD);
      expect(status(before, 'n5')).toBe('proposed');
      await stack.gateway.idle();
      expect(stack.deps.boardDocs.has(BOARD)).toBe(true); // this process's doc: n5 proposed
      await leaderElsewhere((doc) => updateCard(doc, 'n5', { reviewStatus: 'approved' }, ctx('pho-chu-tich', LIVE)), 1000);
      // The editor wrote concurrently, from the state BEFORE the approval (so its update does not
      // depend on it), with a client id that wins the key on every replica.
      const editorDoc = new Y.Doc();
      editorDoc.clientID = 0x7ffffff0;
      Y.applyUpdate(editorDoc, Y.encodeStateAsUpdate(before));
      const update = captureUpdate(editorDoc, () => updateCard(editorDoc, 'n5', { reviewStatus: 'council-reviewed' }, ctx('can-bo-dong-thoi', LIVE)));
      // What is at stake: on the stale doc it looks like proposed → council-reviewed; stored, it
      // would overturn the approval.
      const merged = await storedDoc(stack, BOARD);
      Y.applyUpdate(merged, update);
      expect(status(merged, 'n5')).toBe('council-reviewed');

      const rec = recordingPoster();
      const here = createWsHandler({ ...stack.deps, posterFor: () => rec }); // same process: same cache
      const reloads = stack.deps.boardDocs.stats.reloads;
      expect((await here(wsEvent('$connect', 'concurrent-editor', { queryStringParameters: { board: BOARD, token: token('editor', 'can-bo-dong-thoi') } }))).statusCode).toBe(200);
      const res = await here(wsEvent('$default', 'concurrent-editor', { body: encodeBase64(updateMessage(update)) }));
      expect(res.statusCode).toBe(403);
      expect(rec.denied('concurrent-editor')[0]).toMatch(/Only leaders may approve nominees/);
      expect(stack.deps.boardDocs.stats.reloads).toBeGreaterThan(reloads);
      expect(status(await storedDoc(stack, BOARD), 'n5')).toBe('approved');
    });
  });
});
