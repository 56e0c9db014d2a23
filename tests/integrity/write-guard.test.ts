/**
 * The write guard on its own (pure, the code the handler runs): the agenda is checked on what an
 * update inserts only, and a bad value that Yjs merged into the same item as the client's
 * earlier good one is split out and removed alone. What was tried: an editor pushing a valid
 * item, then a number and a Y.Map right after it (consecutive clocks, the same parent).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardWriteGuard, readBoard } from '@binhan/core';
import { buildBoard, captureUpdate } from '../helpers/rights-board';

describe('the write guard and the agenda', () => {
  it('removes only the bad values, keeping a good item Yjs merged them with', () => {
    const origin = new Y.Doc();
    buildBoard(origin, 'agenda');
    const server = new BoardWriteGuard(new Y.Doc());
    server.applyTrusted(Y.encodeStateAsUpdate(origin));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(origin));
    const agenda = editor.getArray<unknown>('agenda');

    const good = captureUpdate(editor, () => agenda.push([{ id: 'a1', text: 'Khai mạc' }]));
    expect(server.check(good, 'editor').refusals).toEqual([]);
    const bad = captureUpdate(editor, () => agenda.push([42, { id: 'a2', text: 'Tổng kết' }]));
    const out = server.check(bad, 'editor');
    expect(out.refusals).toMatchObject([{ code: 'invalid-value', entry: 'agenda' }]);
    Y.applyUpdate(editor, out.compensation!);
    expect(readBoard(server.doc).agenda.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(server.doc.getArray('agenda').toJSON()).toEqual([{ id: 'a1', text: 'Khai mạc' }, { id: 'a2', text: 'Tổng kết' }]);
    expect(editor.getArray('agenda').toJSON()).toEqual(server.doc.getArray('agenda').toJSON());

    const map = captureUpdate(editor, () => {
      const m = new Y.Map<unknown>();
      m.set('id', 'a3');
      agenda.push([m]);
    });
    Y.applyUpdate(editor, server.check(map, 'editor').compensation!);
    expect(server.doc.getArray('agenda').length).toBe(2);
    expect(editor.getArray('agenda').length).toBe(2);
  });
});
