/**
 * Undo and redo of this person's own changes (Ctrl+Z; Ctrl+Shift+Z or Ctrl+Y; the toolbar's
 * buttons). A Y.UndoManager over the board's root types tracks only the transactions of this
 * tab (the connection's local origin, which every write in board/actions.ts carries), so:
 *  - someone else's edits never go on the stack (they arrive with the provider as origin), and
 *    Yjs never overwrites a value someone else wrote after ours (it restores ours only while it
 *    is still the current one);
 *  - the server's compensations (a refused write put back, ARCHITECTURE.md) arrive the same way
 *    as others' edits and are never on the stack either.
 * Every transaction is its own step (no merging by time: one save, one move, one delete).
 *
 * Undoing the creation of a card would remove its entry for good, which only admins may do
 * (the server would undo it): instead the card goes to the bin, as a step that redo reverses.
 * Shortcuts are left to the browser in text fields (its own undo of typing) and while a
 * dialog is open.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import { deleteCard, type WriteContext } from '@binhan/core';
import type { Connection } from '../sync/connection';

export interface UndoHistory {
  readonly canUndo: Accessor<boolean>;
  readonly canRedo: Accessor<boolean>;
  /** Undo the last own change; false when there was none. */
  undo(): boolean;
  redo(): boolean;
}

const histories = new WeakMap<Connection, UndoHistory>();

const NONE: UndoHistory = { canUndo: () => false, canRedo: () => false, undo: () => false, redo: () => false };

/** The history of a connection made by createUndoHistory (none on a view page). */
export function undoHistoryOf(conn: Connection): UndoHistory {
  return histories.get(conn) ?? NONE;
}

/** True when the key event belongs to a text field (the browser's own undo applies there). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

export function createUndoHistory(
  conn: Connection,
  options: { actor: () => string; onStep?: (kind: 'undo' | 'redo', done: boolean) => void },
): UndoHistory {
  if (!conn.canEdit) return NONE;
  const doc = conn.doc();
  const cards = doc.getMap<unknown>('cards');
  const scope = [cards, doc.getMap('units'), doc.getMap('facts'), doc.getMap('meta'), doc.getArray('agenda')];
  const manager = new Y.UndoManager(scope, { trackedOrigins: new Set([conn.localOrigin]), captureTimeout: 0 });
  const [canUndo, setCanUndo] = createSignal(false);
  const [canRedo, setCanRedo] = createSignal(false);
  const refresh = () => {
    setCanUndo(manager.undoStack.length > 0);
    setCanRedo(manager.redoStack.length > 0);
  };
  // Note the cards a step created, so that its undo puts them in the bin (see above).
  manager.on('stack-item-added', (event) => {
    if (event.type === 'undo' && event.origin !== manager) {
      const created: string[] = [];
      let events: Array<Y.YEvent<Y.AbstractType<unknown>>> = [];
      event.changedParentTypes.forEach((list, type) => {
        if ((type as unknown) === cards) events = list;
      });
      for (const e of events) {
        e.changes.keys.forEach((change, key) => {
          if (change.action === 'add') created.push(key);
        });
      }
      if (created.length) event.stackItem.meta.set('created', created);
    }
    refresh();
  });
  manager.on('stack-item-popped', refresh);
  manager.on('stack-cleared', refresh);

  const ctx = (): WriteContext => ({ actor: options.actor() || conn.config.tokenInfo.subject || 'staff', now: new Date(), origin: manager });

  function undo(): boolean {
    const top = manager.undoStack[manager.undoStack.length - 1];
    const created = top?.meta.get('created') as string[] | undefined;
    if (top && created) {
      // Not the removal of the entry: the bin, kept on the redo stack like any undo.
      manager.undoStack.pop();
      manager.undoing = true;
      try {
        doc.transact(() => {
          for (const id of created) {
            const m = cards.get(id);
            if (m instanceof Y.Map && !m.get('deletedAt')) deleteCard(doc, id, ctx());
          }
        }, manager);
      } finally {
        manager.undoing = false;
      }
      refresh();
      return true;
    }
    return manager.undo() !== null;
  }
  function redo(): boolean {
    return manager.redo() !== null;
  }

  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const isUndo = key === 'z' && !e.shiftKey;
    const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
    if (!isUndo && !isRedo) return;
    if (inTextField(e.target) || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    const done = isUndo ? undo() : redo();
    options.onStep?.(isUndo ? 'undo' : 'redo', done);
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    manager.destroy();
  });
  const history: UndoHistory = { canUndo, canRedo, undo, redo };
  histories.set(conn, history);
  return history;
}
