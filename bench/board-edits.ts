/**
 * The edit every bench client makes: one agenda item {id, text}. It is a valid board value any
 * editor may write (the server undoes anything outside the board's layout) and one Yjs struct,
 * as light as the map key the reference servers' own benchmarks set, so all servers carry the
 * same bytes.
 */
import * as Y from 'yjs';

interface Item {
  id: string;
  text: string;
}

export function pushItem(doc: Y.Doc, id: string, text: string): void {
  doc.getArray<Item>('agenda').push([{ id, text }]);
}

/** Calls `onIds` with the ids of the items each change adds to `doc`. */
export function observeItems(doc: Y.Doc, onIds: (ids: string[]) => void): void {
  doc.getArray<Item>('agenda').observe((event) => {
    const ids: string[] = [];
    event.changes.added.forEach((item) => {
      for (const v of item.content.getContent() as Item[]) if (v && typeof v.id === 'string') ids.push(v.id);
    });
    if (ids.length) onIds(ids);
  });
}

/** id → text of every item in `doc`. */
export function itemTexts(doc: Y.Doc): Map<string, string> {
  return new Map(doc.getArray<Item>('agenda').toArray().map((i) => [i.id, i.text]));
}

/** A valid task card written raw (the bench clients have no board loaded). */
export function addBenchCard(doc: Y.Doc, id: string, title: string): void {
  const at = new Date().toISOString();
  const m = new Y.Map<unknown>();
  const values: Record<string, unknown> = {
    id, kind: 'task', pos: { unit: 'office-statistics', order: 'V' }, title, clause: null, description: '', assignee: null, due: null,
    status: 'todo', createdBy: 'bench', createdAt: at, updatedBy: 'bench', updatedAt: at, deletedAt: null, deletedBy: null,
  };
  for (const [k, v] of Object.entries(values)) m.set(k, v);
  m.set('checklist', new Y.Map());
  doc.getMap<Y.Map<unknown>>('cards').set(id, m);
}

/** One bench edit on a card: a new checklist item (one struct under a new key, like a map key). */
export function addChecklistItem(doc: Y.Doc, cardId: string, key: string, order: number): void {
  const list = doc.getMap<Y.Map<unknown>>('cards').get(cardId)?.get('checklist');
  if (list instanceof Y.Map) list.set(key, { text: key, done: false, order });
}

/** Calls `onKeys` with the checklist keys each change adds to a card of `doc` (local or remote). */
export function observeChecklistKeys(doc: Y.Doc, onKeys: (cardId: string, keys: string[]) => void): void {
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  cards.observeDeep((events) => {
    for (const e of events) {
      const list = e.target;
      const card = list._item?.parent as Y.AbstractType<unknown> | undefined;
      if (!(list instanceof Y.Map) || list._item?.parentSub !== 'checklist' || card?._item?.parent !== cards) continue;
      const added = [...(e as Y.YMapEvent<unknown>).keys].filter(([, change]) => change.action === 'add').map(([k]) => k);
      if (added.length) onKeys(card._item.parentSub ?? '', added);
    }
  });
}

/** The checklist keys of a card. */
export function checklistKeys(doc: Y.Doc, cardId: string): Set<string> {
  const list = doc.getMap<Y.Map<unknown>>('cards').get(cardId)?.get('checklist');
  return new Set(list instanceof Y.Map ? [...list.keys()] : []);
}
