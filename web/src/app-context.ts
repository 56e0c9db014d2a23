/** What every view of the page shares: the connection, the board, presence, writes, UI state. */
import { createContext, createSignal, getOwner, onCleanup, useContext, type Accessor } from 'solid-js';
import { readFiltersFromUrl, writeFiltersToUrl } from './board/filters-url';
import type { CardKind } from '@binhan/core';
import type { Connection } from './sync/connection';
import type { BoardStore } from './sync/board-store';
import type { Presence } from './presence/presence';
import type { Actions } from './board/actions';
import type { User } from './api';

export type EditorTarget =
  | { mode: 'new'; unit: string; kind: CardKind }
  | { mode: 'edit'; cardId: string };

export interface Toast {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
}

export interface Filters {
  unit: string;
  kind: string;
  status: string;
  assignee: string;
  /** '' | 'overdue' | 'this-week' (tasks only). */
  due: string;
  text: string;
  /** "Việc của tôi": tasks assigned to me (by my name). */
  mine: boolean;
}

export const EMPTY_FILTERS: Filters = { unit: '', kind: '', status: '', assignee: '', due: '', text: '', mine: false };

export interface Ui {
  editor: Accessor<EditorTarget | null>;
  openEditor(target: EditorTarget | null): void;
  moving: Accessor<string | null>;
  openMove(cardId: string | null): void;
  toasts: Accessor<Toast[]>;
  toast(text: string, action?: Toast['action']): void;
  dismiss(id: number): void;
  announcement: Accessor<string>;
  announce(text: string): void;
  filters: Accessor<Filters>;
  /** Also kept in the page's query string (filters-url.ts): `replace` for typing, a new history entry otherwise. */
  setFilters(f: Filters, how?: { replace?: boolean }): void;
  /** Where keyboard focus should go after the board re-renders (a card id). */
  focusCard(cardId: string): void;
}

/** Present when the board was opened by a signed-in person (not by a link). */
export interface SessionCtx {
  user: Accessor<User>;
  signOut(): Promise<void>;
  /** Back to the list of boards. */
  showBoards(): void;
  /** Sign in again after the session ended. */
  signInAgain(): void;
}

export interface App {
  conn: Connection;
  session?: SessionCtx;
  store: BoardStore;
  presence: Presence;
  actions: Actions;
  ui: Ui;
}

export const AppContext = createContext<App>();

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside AppContext');
  return app;
}

export function createUi(): Ui {
  const [editor, setEditor] = createSignal<EditorTarget | null>(null);
  const [moving, setMoving] = createSignal<string | null>(null);
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  const [announcement, setAnnouncement] = createSignal('');
  const [filters, setFilterSignal] = createSignal<Filters>(readFiltersFromUrl());
  const onPop = () => setFilterSignal(readFiltersFromUrl());
  window.addEventListener('popstate', onPop);
  if (getOwner()) onCleanup(() => window.removeEventListener('popstate', onPop));
  const setFilters = (f: Filters, how: { replace?: boolean } = {}) => {
    setFilterSignal(f);
    writeFiltersToUrl(f, how.replace === true);
  };
  let nextId = 1;
  const dismiss = (id: number) => setToasts((l) => l.filter((x) => x.id !== id));
  return {
    editor,
    openEditor: setEditor,
    moving,
    openMove: setMoving,
    toasts,
    toast(text, action) {
      const id = nextId++;
      setToasts((l) => [...l.slice(-3), { id, text, ...(action ? { action } : {}) }]);
      setTimeout(() => dismiss(id), action ? 10_000 : 4_000);
    },
    dismiss,
    announcement,
    announce(text) {
      // Re-announce the same sentence: clear first.
      setAnnouncement('');
      queueMicrotask(() => setAnnouncement(text));
    },
    filters,
    setFilters,
    focusCard(cardId) {
      const tryFocus = (n: number) => {
        const el = document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(cardId)}"]`);
        if (el) el.focus();
        else if (n > 0) requestAnimationFrame(() => tryFocus(n - 1));
      };
      requestAnimationFrame(() => tryFocus(10));
    },
  };
}
