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

/** One bench edit on a card: its title (one struct, like a map key). */
export function setCardTitle(doc: Y.Doc, id: string, title: string): void {
  doc.getMap<Y.Map<unknown>>('cards').get(id)?.set('title', title);
}

/** Calls `onTitle` with every title a card of `doc` gets (local or remote). */
export function observeCardTitles(doc: Y.Doc, onTitle: (cardId: string, title: string) => void): void {
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  cards.observeDeep((events) => {
    for (const e of events) {
      if (e.target === cards) continue;
      const card = e.target as Y.Map<unknown>;
      const key = card._item?.parentSub;
      if (card._item?.parent === cards && key && (e as Y.YMapEvent<unknown>).keysChanged.has('title')) onTitle(key, String(card.get('title')));
    }
  });
}

export function cardTitle(doc: Y.Doc, id: string): string | undefined {
  const t = doc.getMap<Y.Map<unknown>>('cards').get(id)?.get('title');
  return typeof t === 'string' ? t : undefined;
}
