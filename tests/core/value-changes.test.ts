/**
 * What the audit records of a change to a list of items (packages/core/src/board/value-changes.ts):
 * only the items the change added, removed or altered, before and after — not the whole list
 * twice. Tried on a real card map with a 200-item checklist (the schema's most): ticking one box,
 * adding an item, removing one, renaming one with a title change beside it, a comment added, and
 * a change that touches no item (no list entry at all). Other fields keep old → new as before.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { copyEntry, type EntryCopy } from '../../packages/core/src/board/entry-snapshot';
import { NESTED_CARD_KEYS } from '../../packages/core/src/board/entry-checks';
import { cardValueChanges } from '../../packages/core/src/board/value-changes';

function cardWith(items: number): { doc: Y.Doc; card: Y.Map<unknown>; list: Y.Map<unknown> } {
  const doc = new Y.Doc();
  const card = new Y.Map<unknown>();
  doc.getMap('cards').set('t1', card);
  card.set('title', 'Chuẩn bị hội trường');
  const list = new Y.Map<unknown>();
  card.set('checklist', list);
  for (let i = 0; i < items; i++) list.set(`i${i}`, { text: `Việc số ${i + 1}`, done: false, order: i });
  card.set('comments', new Y.Map());
  return { doc, card, list };
}
const copy = (card: Y.Map<unknown>): EntryCopy => copyEntry(card, NESTED_CARD_KEYS);

describe('the audit of a list of items records only the items a change touched', () => {
  it('ticking one box of a 200-item checklist records that box, before and after', () => {
    const { card, list } = cardWith(200);
    const before = copy(card);
    list.set('i57', { text: 'Việc số 58', done: true, order: 57 });
    const changes = cardValueChanges(before, copy(card));
    expect(changes).toEqual([{ field: 'checklist', old: [{ text: 'Việc số 58', done: false }], new: [{ text: 'Việc số 58', done: true }], itemsChanged: true }]);
    expect(JSON.stringify(changes).length).toBeLessThan(150); // the whole list twice was 14,222 characters
  });

  it('removing the first of 200 items through the editor (the rest renumbered) records that item only', () => {
    const { doc, card, list } = cardWith(200);
    const before = copy(card);
    doc.transact(() => {
      list.delete('i0');
      for (let i = 1; i < 200; i++) list.set(`i${i}`, { text: `Việc số ${i + 1}`, done: false, order: i - 1 });
    });
    expect(cardValueChanges(before, copy(card))).toEqual([{ field: 'checklist', old: [{ text: 'Việc số 1', done: false }], new: [], itemsChanged: true }]);
  });

  it('an added item is on the new side only, a removed one on the old side only', () => {
    const { card, list } = cardWith(3);
    let before = copy(card);
    list.set('n1', { text: 'Gửi giấy mời', done: false, order: 3 });
    expect(cardValueChanges(before, copy(card))).toEqual([{ field: 'checklist', old: [], new: [{ text: 'Gửi giấy mời', done: false }], itemsChanged: true }]);
    before = copy(card);
    list.delete('i0');
    expect(cardValueChanges(before, copy(card))).toEqual([{ field: 'checklist', old: [{ text: 'Việc số 1', done: false }], new: [], itemsChanged: true }]);
  });

  it('a renamed item beside a title change: the title old → new, the item as it was and is', () => {
    const { doc, card, list } = cardWith(5);
    const before = copy(card);
    doc.transact(() => {
      card.set('title', 'Chuẩn bị hội trường và âm thanh');
      list.set('i2', { text: 'Việc số 3 (sửa)', done: false, order: 2 });
      list.set('i4', { text: 'Việc số 5', done: false, order: 0.5 }); // moved up
    });
    // The move is item 5's alone (items 2–4 slid down a place, and are not listed).
    expect(cardValueChanges(before, copy(card))).toEqual([
      { field: 'checklist', old: [{ text: 'Việc số 3', done: false }, { text: 'Việc số 5', done: false }], new: [{ text: 'Việc số 5', done: false }, { text: 'Việc số 3 (sửa)', done: false }], itemsChanged: true },
      { field: 'title', old: 'Chuẩn bị hội trường', new: 'Chuẩn bị hội trường và âm thanh' },
    ]);
  });

  it('a comment added is that comment; a change that touches no item leaves the lists out', () => {
    const { card } = cardWith(2);
    let before = copy(card);
    (card.get('comments') as Y.Map<unknown>).set('c1', { text: 'Đã liên hệ nhà văn hóa', by: 'chi-lan', at: '2026-03-02T08:00:00.000Z' });
    expect(cardValueChanges(before, copy(card))).toEqual([{ field: 'comments', old: [], new: [{ text: 'Đã liên hệ nhà văn hóa', done: false }], itemsChanged: true }]);
    before = copy(card);
    card.set('title', 'Hội trường');
    expect(cardValueChanges(before, copy(card))).toEqual([{ field: 'title', old: 'Chuẩn bị hội trường', new: 'Hội trường' }]);
  });

  it('a new card with a checklist lists its items on the new side', () => {
    const { card } = cardWith(2);
    const changes = cardValueChanges(null, copy(card));
    expect(changes.find((c) => c.field === 'checklist')).toEqual({ field: 'checklist', old: [], new: [{ text: 'Việc số 1', done: false }, { text: 'Việc số 2', done: false }], itemsChanged: true });
    expect(changes.find((c) => c.field === 'comments')).toBeUndefined();
    expect(changes.find((c) => c.field === 'title')).toEqual({ field: 'title', old: null, new: 'Chuẩn bị hội trường' });
  });
});
