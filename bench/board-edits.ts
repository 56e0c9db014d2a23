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
