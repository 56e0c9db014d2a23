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

/** A board, the server's guard holding it, and an editor's doc holding the same. */
function guardAndEditor(boardId: string): { server: BoardWriteGuard; editor: Y.Doc } {
  const origin = new Y.Doc();
  buildBoard(origin, boardId);
  const server = new BoardWriteGuard(new Y.Doc());
  server.applyTrusted(Y.encodeStateAsUpdate(origin));
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(origin));
  return { server, editor };
}

describe('the write guard and the agenda', () => {
  it('removes only the bad values, keeping a good item Yjs merged them with', () => {
    const { server, editor } = guardAndEditor('agenda');
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

describe("the write guard takes what an update did not change of a card from the card's last copy", () => {
  /**
   * What was tried: a nominee's dossier and comments edited in every way a copy could go stale
   * (a dossier added, items added, ticked, removed, the dossier replaced by a new map, a
   * comment, the card's name alone), each accepted; after each, an editor approves the nominee
   * and ticks a new item in the same update. That is refused, and the card is put back from its
   * copy: it must be exactly as it stood, on the server and for the editor.
   */
  it('puts a refused card back exactly as it stood after each kind of edit before it', () => {
    const { server, editor } = guardAndEditor('copies');
    const card = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('n1')!;
    const dossier = (d: Y.Doc) => card(d).get('dossier') as Y.Map<unknown>;
    const item = (text: string, done: boolean, order: number) => ({ text, done, order });
    const steps: [string, (d: Y.Doc) => void][] = [
      ['a dossier added', (d) => card(d).set('dossier', new Y.Map())],
      ['an item added', (d) => dossier(d).set('d1', item('Bản thành tích', false, 1))],
      ['a second item added', (d) => dossier(d).set('d2', item('Biên bản họp xét', false, 2))],
      ['the first item ticked', (d) => dossier(d).set('d1', item('Bản thành tích', true, 1))],
      ["the card's name changed, the dossier untouched", (d) => card(d).set('name', 'Bà Nguyễn Thị Lan')],
      ['an item removed', (d) => dossier(d).delete('d2')],
      ['the dossier replaced by a new one', (d) => {
        const fresh = new Y.Map<unknown>();
        fresh.set('e1', item('Tờ trình', false, 1));
        card(d).set('dossier', fresh);
      }],
      ['an item of the new dossier ticked', (d) => dossier(d).set('e1', item('Tờ trình', true, 1))],
      ['a second item and the name in one update', (d) => {
        dossier(d).set('e2', item('Sơ yếu lý lịch', false, 2));
        card(d).set('name', 'Bà Lan');
      }],
    ];
    for (const [what, step] of steps) {
      const accepted = server.check(captureUpdate(editor, () => step(editor)), 'editor', undefined, 'editor-1');
      expect(accepted.refusals, what).toEqual([]);
      const stood = card(server.doc).toJSON();
      const probe = captureUpdate(editor, () => {
        card(editor).set('reviewStatus', 'approved');
        dossier(editor).set('zz', item('Mục chen vào', true, 99));
      });
      const refused = server.check(probe, 'editor', undefined, 'editor-1');
      expect(refused.refusals.map((r) => r.code), what).toEqual(['approve-nominee']);
      Y.applyUpdate(editor, refused.compensation!);
      expect(card(server.doc).toJSON(), what).toEqual(stood);
      expect(card(editor).toJSON(), what).toEqual(stood);
    }
    expect(card(server.doc).get('reviewStatus')).toBe('proposed');
    expect(Object.keys(dossier(server.doc).toJSON()).sort()).toEqual(['e1', 'e2']);
  });
});
