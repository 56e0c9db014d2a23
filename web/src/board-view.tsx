/** The board page for one connection: the stores, presence, writes and UI state, and <App>. */
import { onCleanup, type JSX } from 'solid-js';
import type { Connection } from './sync/connection';
import { createBoardStore, type BoardStore } from './sync/board-store';
import { createPresence } from './presence/presence';
import { createActions } from './board/actions';
import { AppContext, createUi, type SessionCtx } from './app-context';
import { App } from './app';
import { createUndoHistory } from './history/undo';
import { stepText } from './history/undo-text';

declare global {
  interface Window {
    __binhan?: { doc: () => unknown; provider: () => unknown; connection: Connection; store: BoardStore };
  }
}

export function BoardView(props: { conn: Connection; session?: SessionCtx }): JSX.Element {
  const conn = props.conn;
  const store = createBoardStore(conn);
  const presence = createPresence(conn);
  const actions = createActions(conn, presence.name);
  const ui = createUi();
  createUndoHistory(conn, {
    actor: presence.name,
    onStep: (kind, result) => {
      const text = stepText(kind, result);
      ui.announce(text);
      if (result !== 'done') ui.toast(text);
    },
  });
  window.__binhan = { doc: conn.doc, provider: conn.provider, connection: conn, store };
  onCleanup(() => {
    conn.destroy();
    if (window.__binhan?.connection === conn) delete window.__binhan;
  });
  return (
    <AppContext.Provider value={{ conn, store, presence, actions, ui, ...(props.session ? { session: props.session } : {}) }}>
      <App />
    </AppContext.Provider>
  );
}
