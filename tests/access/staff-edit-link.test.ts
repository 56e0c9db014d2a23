/**
 * The staff edit link that `npm start` prints is a link of the board like the district's view
 * link: the administrator sees it in the board's links (role editor, 30 days), and revoking it
 * refuses it at once and closes the sockets open on it with 4403. The next start makes a fresh
 * one; an unrevoked one is reused.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { EDIT_LINK_DAYS, startLinks, type LocalStack } from '@binhan/local';
import { createBoard, openRawSync, type Call } from '../helpers/access';
import { useAccessStack } from '../helpers/stack-hooks';
import { connectClient, storedDoc, synced, waitFor } from '../helpers/sync-clients';
import { notes } from '../helpers/board-notes';

describe('the staff edit link of npm start', () => {
  let stack: LocalStack;
  let call: Call;
  let admin: string;

  useAccessStack((env) => ({ stack, call, adminCookie: admin } = env));

  it('is listed with the view link, edits live, and revoking it closes its sockets (4403) and refuses it', async () => {
    const boardId = await createBoard(call, admin);
    const printed = await startLinks(stack.table, stack.tokens, boardId);
    const listed = (await call('GET', `/api/boards/${boardId}/links`, { cookie: admin })).json.links as { linkId: string; role: string; state: string; label: string; expiresAt: string }[];
    const edit = listed.find((l) => l.linkId === printed.edit.link.linkId)!;
    expect(edit).toMatchObject({ role: 'editor', state: 'active', label: 'Cán bộ (liên kết sửa) / Staff (edit link)' });
    const days = (Date.parse(edit.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(EDIT_LINK_DAYS - 0.01);
    expect(listed.find((l) => l.linkId === printed.view.link.linkId)).toMatchObject({ role: 'viewer', state: 'active' });

    // The edit link edits.
    const staff = connectClient(stack, boardId, printed.edit.token);
    await synced(staff);
    notes(staff.doc).set('by-staff-link', 'Sửa qua liên kết cán bộ');
    await waitFor(async () => notes(await storedDoc(stack, boardId)).get('by-staff-link') === 'Sửa qua liên kết cán bộ', 'edit stored');
    staff.destroy();

    const raw = await openRawSync(stack, boardId, printed.edit.token);
    if (!('socket' in raw)) throw new Error('edit link refused');
    const revoked = await call('DELETE', `/api/boards/${boardId}/links/${printed.edit.link.linkId}`, { cookie: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.json.disconnected).toBeGreaterThanOrEqual(1);
    await raw.closed;
    // The gateway cannot choose close codes: the server announces 4403 in a control frame first.
    expect(raw.frames.map((f) => (f.startsWith('{') ? (JSON.parse(f) as { type: string; code: number }) : null)).filter((f) => f?.type === 'close')).toEqual([
      expect.objectContaining({ type: 'close', code: 4403 }),
    ]);
    const again = await openRawSync(stack, boardId, printed.edit.token);
    expect(again).toMatchObject({ status: 403 });
    // Nothing more from it reaches storage.
    const before = Y.encodeStateVector(await storedDoc(stack, boardId));
    expect(Y.encodeStateVector(await storedDoc(stack, boardId))).toEqual(before);

    // The next start: a fresh edit link; the (unrevoked) view link is reused.
    const next = await startLinks(stack.table, stack.tokens, boardId);
    expect(next.edit.link.linkId).not.toBe(printed.edit.link.linkId);
    expect(next.view.link.linkId).toBe(printed.view.link.linkId);
    expect('socket' in (await openRawSync(stack, boardId, next.edit.token))).toBe(true);
  });
});
