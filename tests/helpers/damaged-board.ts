/**
 * Damaged card entries written straight into a board's doc, as a board stored before the write
 * guard (issue 9) may hold them: a budget line whose amount is text, a task whose title is a
 * Y.Text, a nominee whose review status is unknown, a card entry that is a number.
 */
import * as Y from 'yjs';

export const DAMAGED_CARD_IDS = ['bad-budget', 'bad-nominee', 'bad-number', 'bad-task'] as const;

export function addDamagedCards(doc: Y.Doc): void {
  const cards = doc.getMap<unknown>('cards');
  doc.transact(() => {
    cards.set('bad-budget', new Y.Map<unknown>([['kind', 'budget'], ['unit', 'finance'], ['line', 'Thuê âm thanh'], ['quantity', 1], ['unitPrice', 3_000_000], ['amount', '3 triệu']]));
    cards.set('bad-task', new Y.Map<unknown>([['kind', 'task'], ['unit', 'culture-society'], ['title', new Y.Text('Trang trí hội trường')]]));
    cards.set('bad-nominee', new Y.Map<unknown>([['kind', 'nominee'], ['unit', 'council'], ['name', 'Bà Phạm Thị Hoa'], ['reviewStatus', 'awarded-twice']]));
    cards.set('bad-number', 42);
  });
}
