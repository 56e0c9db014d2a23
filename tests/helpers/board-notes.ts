/**
 * Board-shaped stand-ins for the generic shared types sync tests used to write (a Y.Map of
 * entries and a Y.Text), now that the server undoes anything outside the board's layout:
 * "notes" are task cards (id → title) and "lines" are agenda items, both valid board values
 * that any editor may write.
 */
import * as Y from 'yjs';
import { LIMITS } from '@binhan/core';

let seq = 0;

function task(id: string, title: string): Y.Map<unknown> {
  const at = new Date().toISOString();
  const m = new Y.Map<unknown>();
  const values: Record<string, unknown> = {
    id, kind: 'task', pos: { unit: 'office', order: 'V' }, title, clause: null, description: '', assignee: null, due: null,
    status: 'todo', createdBy: 'test', createdAt: at, updatedBy: 'test', updatedAt: at, deletedAt: null, deletedBy: null,
  };
  for (const [k, v] of Object.entries(values)) m.set(k, v);
  m.set('checklist', new Y.Map());
  return m;
}

/** Task cards as a map id → title (values are shown as text). */
export function notes(doc: Y.Doc) {
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  return {
    set(key: string, value: string | number | boolean): void {
      const title = String(value);
      const card = cards.get(key);
      if (card) doc.transact(() => {
        card.set('title', title);
        card.set('updatedAt', new Date().toISOString());
      });
      else cards.set(key, task(key, title));
    },
    get(key: string): string | undefined {
      const t = cards.get(key)?.get('title');
      return typeof t === 'string' ? t : undefined;
    },
    toJSON(): Record<string, string> {
      const out: Record<string, string> = {};
      cards.forEach((c, id) => {
        const t = c.get('title');
        if (c.get('kind') === 'task' && typeof t === 'string') out[id] = t;
      });
      return out;
    },
  };
}

/** Agenda items read as one text; an insert longer than an item's limit becomes several items. */
export function lines(doc: Y.Doc) {
  const agenda = doc.getArray<{ id: string; text: string }>('agenda');
  const text = () => agenda.toArray().map((a) => a.text).join('');
  return {
    insert(index: number, value: string): void {
      const items: Array<{ id: string; text: string }> = [];
      for (let i = 0; i < value.length; i += LIMITS.text) items.push({ id: `l-${doc.clientID}-${++seq}`, text: value.slice(i, i + LIMITS.text) });
      agenda.insert(index === 0 ? 0 : agenda.length, items);
    },
    toString: text,
    get length(): number {
      return text().length;
    },
  };
}

/** What a user would see of the notes and lines. */
export function boardContent(doc: Y.Doc): { items: Record<string, string>; text: string } {
  return { items: notes(doc).toJSON(), text: lines(doc).toString() };
}
