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

/**
 * What a step did: 'done'; 'overwritten' when one's last step no longer stands because someone
 * else (or the server, undoing a refused write) wrote over all of it — it is dropped, nothing
 * else is undone; 'nothing' when the stack was empty.
 */
export type StepResult = 'done' | 'overwritten' | 'nothing';

export interface UndoHistory {
  readonly canUndo: Accessor<boolean>;
  readonly canRedo: Accessor<boolean>;
  undo(): StepResult;
  redo(): StepResult;
}

type StackItem = Y.UndoManager['undoStack'][number];

const histories = new WeakMap<Connection, UndoHistory>();

const NONE: UndoHistory = { canUndo: () => false, canRedo: () => false, undo: () => 'nothing', redo: () => 'nothing' };

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
  options: { actor: () => string; onStep?: (kind: 'undo' | 'redo', result: StepResult) => void },
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

  /**
   * A step none of whose written values still stands: every item it inserted was deleted by a
   * later write that is not ours to undo (ours would have left a `redone` link). Yjs would skip
   * it silently and undo the step before it instead, which the person did not ask for.
   */
  function overwritten(item: StackItem): boolean {
    let any = false;
    for (const [client, ranges] of item.insertions.clients) {
      const structs = doc.store.clients.get(client);
      if (!structs) continue;
      for (const { clock, len } of ranges) {
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
          const st = structs[i]!;
          if (!(st instanceof Y.Item)) continue;
          any = true;
          if (!st.deleted || st.redone !== null) return false;
        }
      }
    }
    return any;
  }
  /** Drops the dead steps on top of a stack; true when it dropped any. */
  function dropOverwritten(stack: StackItem[]): boolean {
    let dropped = false;
    while (stack.length > 0 && overwritten(stack[stack.length - 1]!)) {
      stack.pop();
      dropped = true;
    }
    if (dropped) refresh();
    return dropped;
  }

  function undo(): StepResult {
    if (dropOverwritten(manager.undoStack)) return 'overwritten';
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
      return 'done';
    }
    return manager.undo() !== null ? 'done' : 'nothing';
  }
  function redo(): StepResult {
    if (dropOverwritten(manager.redoStack)) return 'overwritten';
    return manager.redo() !== null ? 'done' : 'nothing';
  }

  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const isUndo = key === 'z' && !e.shiftKey;
    const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
    if (!isUndo && !isRedo) return;
    if (inTextField(e.target) || document.querySelector('dialog[open]')) return;
    e.preventDefault();
    options.onStep?.(isUndo ? 'undo' : 'redo', isUndo ? undo() : redo());
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
