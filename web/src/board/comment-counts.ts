/**
 * How many comments each card has, as a fine-grained Solid store: recomputed once per board
 * refresh (O(cards), like readBoard), and only the cards whose count changed are written, so
 * a comment re-renders one card.
 */
import { createEffect } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { commentCounts } from '@binhan/core';
import type { App } from '../app-context';

export function createCommentCounts(app: Pick<App, 'conn' | 'store'>): Record<string, number> {
  const [counts, setCounts] = createStore<Record<string, number>>({});
  createEffect(() => {
    app.store.revision();
    if (!app.store.state.board) return;
    setCounts(reconcile(Object.fromEntries(commentCounts(app.conn.doc()))));
  });
  return counts;
}
