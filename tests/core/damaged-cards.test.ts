/**
 * Cards the board cannot show (stored before the write guard, by a foreign client): listed with
 * why, and cleared away by any writer — the guard lets an editor remove a damaged card, while a
 * readable card stays an administrator's to remove for good.
 *
 * Tried, on plan 27's board stored with four damaged entries written straight into the doc (as
 * an old board holds them): a budget line whose amount is text, a task whose title is a Y.Text,
 * a nominee whose review status is unknown, a card entry that is a number. Then an editor's
 * update that clears them (accepted, the rest of the board untouched) and an editor's update
 * that also removes a readable card (that removal is undone, the damaged ones still go).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardWriteGuard, clearDamagedCards, damagedCards, readBoard } from '@binhan/core';
import { seedPlan27Board } from '@binhan/core/plan-27';
import { captureUpdate } from '../helpers/rights-board';
import { addDamagedCards } from '../helpers/damaged-board';

const ctx = { actor: 'Văn phòng', now: new Date('2026-12-01T08:00:00Z') };

function damagedBoard(): Y.Doc {
  const doc = new Y.Doc();
  seedPlan27Board(doc, { boardId: 'damaged', ...ctx });
  addDamagedCards(doc);
  return doc;
}

describe('damaged cards', () => {
  it('are listed with their readable name and why, and the board still reads without them', () => {
    const doc = damagedBoard();
    const board = readBoard(doc);
    expect(board.cards).toHaveLength(18);
    expect(board.problems.map((p) => p.path).filter((p) => p.startsWith('cards.'))).toHaveLength(4);
    const damaged = damagedCards(doc);
    expect(damaged.map((d) => [d.cardId, d.label])).toEqual([
      ['bad-budget', 'Thuê âm thanh'],
      ['bad-nominee', 'Bà Phạm Thị Hoa'],
      ['bad-number', null],
      ['bad-task', 'Trang trí hội trường'], // its title a Y.Text: unreadable as a card, but its text names it
    ]);
    expect(damaged[0]!.problem.vi).toBe('Thẻ bad-budget: "amount" phải là số; đã bỏ qua');
  });

  it('are cleared in one update, readable cards untouched', () => {
    const doc = damagedBoard();
    const before = readBoard(doc).cards;
    let updates = 0;
    doc.on('update', () => updates++);
    expect(clearDamagedCards(doc)).toEqual(['bad-budget', 'bad-nominee', 'bad-number', 'bad-task']);
    expect(updates).toBe(1);
    expect(damagedCards(doc)).toEqual([]);
    expect(readBoard(doc).problems).toEqual([]);
    expect(readBoard(doc).cards).toEqual(before);
    expect(clearDamagedCards(doc)).toEqual([]); // nothing left: no update
    expect(updates).toBe(1);
  });

  it("an editor's clearing is accepted by the write guard; a readable card removed with it is put back", () => {
    const stored = damagedBoard();
    const server = new BoardWriteGuard(new Y.Doc());
    server.applyTrusted(Y.encodeStateAsUpdate(stored));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(stored));

    const clear = captureUpdate(editor, () => clearDamagedCards(editor));
    const out = server.check(clear, 'editor');
    expect(out.refusals).toEqual([]);
    expect(out.compensation).toBeNull();
    expect(damagedCards(server.doc)).toEqual([]);
    expect(readBoard(server.doc).cards).toHaveLength(18);

    // A second damaged board: the editor also removes a readable task in the same update.
    const again = damagedBoard();
    const guard = new BoardWriteGuard(new Y.Doc());
    guard.applyTrusted(Y.encodeStateAsUpdate(again));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(again));
    const readableId = readBoard(other).cards[0]!.id;
    const both = captureUpdate(other, () => {
      clearDamagedCards(other);
      other.getMap('cards').delete(readableId);
    });
    const refused = guard.check(both, 'editor');
    expect(refused.refusals.map((r) => r.code)).toEqual(['purge-card']);
    expect(damagedCards(guard.doc)).toEqual([]);
    expect(readBoard(guard.doc).cards.map((c) => c.id)).toContain(readableId);
  });
});
