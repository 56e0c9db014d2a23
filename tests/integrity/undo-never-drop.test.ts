/**
 * "Undo, never drop", told as the staff member lived it: with the staff edit link (role editor)
 * a stock y-websocket client sets a nominee to "approved by the chairman". The server keeps the
 * client's structs and undoes the value with an update of its own: every client shows the
 * restored status within a second, no other client ever shows "approved", and everything the
 * same client does next still reaches the others and storage — also after a restart.
 */
import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addCard, readBoard, updateCard, type NomineeCard, type Role, type TaskCard } from '@binhan/core';
import { bootstrapAdmin } from '@binhan/functions';
import type { LocalStack } from '@binhan/local';
import { ADMIN, api, createBoard, login } from '../helpers/access';
import { connectClient, startTestStack, storedDoc, synced, waitFor, type SyncClient } from '../helpers/sync-clients';
import { joinBoard } from '../helpers/board-clients';
import { ctx, LIVE } from '../helpers/write-context';
import { expectEveryReadOk } from '../helpers/board-views';

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-undo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(): Promise<{ stack: LocalStack; cookie: string; call: ReturnType<typeof api> }> {
  const stack = await startTestStack({ dataDir });
  await bootstrapAdmin(stack.accounts, { ...ADMIN, allowGenerated: false });
  const call = api(stack);
  return { stack, call, cookie: await login(call, ADMIN.email, ADMIN.password) };
}

const statusIn = (doc: Y.Doc, id: string) => (readBoard(doc).cards.find((c) => c.id === id) as NomineeCard | undefined)?.reviewStatus;
const titleIn = (doc: Y.Doc, id: string) => (readBoard(doc).cards.find((c) => c.id === id) as TaskCard | undefined)?.title;

/** Every review status `doc` shows for card `id`, after every update it receives. */
function recordStatuses(doc: Y.Doc, id: string): string[] {
  const seen: string[] = [];
  doc.on('update', () => {
    const s = statusIn(doc, id);
    if (s !== undefined) seen.push(s);
  });
  return seen;
}

describe('a refused approval is undone, and the staff member is not cut off', () => {
  let boardId = '';

  it('undoes the approval everywhere within 1 s; the editor\'s later edits reach everyone and storage', async () => {
    const { stack, call, cookie } = await start();
    const clients: SyncClient[] = [];
    const join = (role: Role, subject: string) => joinBoard(stack, boardId, role, subject, clients);
    try {
      boardId = await createBoard(call, cookie);
      const leader = await join('leader', 'chu-tich');
      addCard(leader.doc, { kind: 'nominee', id: 'nominee-lan', unit: 'council', name: 'Bà Nguyễn Thị Lan', nomineeKind: 'individual', reviewStatus: 'council-reviewed' }, ctx('chu-tich', LIVE));
      const district = await join('viewer', 'huyen');
      await waitFor(() => statusIn(district.doc, 'nominee-lan') === 'council-reviewed', 'the district sees the nominee');
      const editor = await join('editor', 'can-bo-lan');
      const leaderSaw = recordStatuses(leader.doc, 'nominee-lan');
      const districtSaw = recordStatuses(district.doc, 'nominee-lan');

      // What the editor tried: set "approved by the chairman" with the ordinary core call.
      const sentAt = Date.now();
      updateCard(editor.doc, 'nominee-lan', { reviewStatus: 'approved' }, ctx('can-bo-lan', LIVE));
      expect(statusIn(editor.doc, 'nominee-lan')).toBe('approved'); // the editor's screen, before the answer
      await waitFor(() => statusIn(editor.doc, 'nominee-lan') === 'council-reviewed', 'the editor\'s own doc is restored', 1000);
      expect(Date.now() - sentAt).toBeLessThan(1000);
      await waitFor(() => editor.permissionDenied.length > 0, 'the editor is told why', 1000);
      expect(editor.permissionDenied[0]).toMatch(/Chỉ lãnh đạo mới được duyệt khen thưởng.*hoàn tác/);
      expect(editor.permissionDenied[0]).toMatch(/Only leaders may approve nominees.*undone/);
      expect(editor.serverErrors).toContainEqual(expect.objectContaining({ code: 'undone', entries: ['cards.nominee-lan'] }));

      // Its later edits are not cut off: a title, a new card, a move between allowed statuses.
      updateCard(editor.doc, 'task-iv-4-1', { title: 'Họp Hội đồng Thi đua – Khen thưởng xét danh sách' }, ctx('can-bo-lan', LIVE));
      addCard(editor.doc, { kind: 'task', id: 'task-after-refusal', unit: 'council', title: 'In giấy khen' }, ctx('can-bo-lan', LIVE));
      updateCard(editor.doc, 'nominee-lan', { reviewStatus: 'proposed' }, ctx('can-bo-lan', LIVE));
      for (const c of [leader, district]) {
        await waitFor(() => titleIn(c.doc, 'task-after-refusal') === 'In giấy khen' && statusIn(c.doc, 'nominee-lan') === 'proposed', 'later edits arrive');
        expect(titleIn(c.doc, 'task-iv-4-1')).toBe('Họp Hội đồng Thi đua – Khen thưởng xét danh sách');
      }
      // No other client ever showed the refused value, not even for one update.
      expect(leaderSaw).not.toContain('approved');
      expect(districtSaw).not.toContain('approved');
      expect(editor.permissionDenied).toHaveLength(1);

      await stack.gateway.idle();
      const stored = readBoard(await storedDoc(stack, boardId));
      expect(stored.cards.find((c) => c.id === 'nominee-lan')).toMatchObject({ reviewStatus: 'proposed' });
      expect(stored.cards.find((c) => c.id === 'task-after-refusal')).toMatchObject({ title: 'In giấy khen' });
      // The editor's client and storage agree entry by entry.
      expect(readBoard(editor.doc).cards).toEqual(stored.cards);
      await expectEveryReadOk(call, cookie, boardId);
    } finally {
      for (const c of clients) c.destroy();
      await stack.close();
    }
  });

  it('after a restart, storage holds the valid state and none of the refused value', async () => {
    const { stack, call, cookie } = await start();
    try {
      const fresh = connectClient(stack, boardId, stack.tokens.issue({ boardId, role: 'viewer', ttlSeconds: 600, subject: 'huyen' }));
      await synced(fresh);
      await waitFor(() => fresh.doc.getMap('cards').size > 0, 'the board arrives');
      const board = readBoard(fresh.doc);
      expect(board.cards.find((c) => c.id === 'nominee-lan')).toMatchObject({ reviewStatus: 'proposed' });
      expect(board.cards.find((c) => c.id === 'task-after-refusal')).toMatchObject({ title: 'In giấy khen' });
      expect(board.problems).toEqual([]);
      const http = await expectEveryReadOk(call, cookie, boardId);
      expect(http.cards.find((c) => c.id === 'nominee-lan')).toMatchObject({ reviewStatus: 'proposed' });
      fresh.destroy();
    } finally {
      await stack.close();
    }
  });
});
