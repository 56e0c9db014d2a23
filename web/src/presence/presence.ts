/**
 * Presence through Yjs awareness: who is on the board (the name each person chose) and which
 * card each one is editing. Viewers are present too (the server relays their awareness).
 * Local state: { user: { name, color, right }, editing: cardId | null }.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Connection } from '../sync/connection';

const NAME_KEY = 'binhan:name';
const COLORS = ['#0b6e4f', '#9c2c77', '#1f5fa8', '#a14a00', '#5b3fa8', '#00737a', '#8a1c1c', '#4d6b00'];

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  right: 'edit' | 'view';
  editing: string | null;
  self: boolean;
}

export interface Presence {
  readonly name: Accessor<string>;
  setName(name: string): void;
  readonly peers: Accessor<Peer[]>;
  /** Who (other than me) is editing each card. */
  readonly editorsOf: (cardId: string) => Peer[];
  setEditing(cardId: string | null): void;
}

function savedName(): string {
  try {
    return (localStorage.getItem(NAME_KEY) ?? '').trim();
  } catch {
    return '';
  }
}

export function createPresence(conn: Connection): Presence {
  const [name, setNameSignal] = createSignal(savedName());
  const [editing, setEditingSignal] = createSignal<string | null>(null);
  const [peers, setPeers] = createSignal<Peer[]>([]);
  const right = conn.canEdit ? 'edit' : 'view';

  createEffect(() => {
    const provider = conn.provider();
    const awareness = provider.awareness;
    const color = COLORS[awareness.clientID % COLORS.length]!;
    createEffect(() => {
      awareness.setLocalState({ user: { name: name() || '…', color, right }, editing: editing() });
    });
    const update = () => {
      const list: Peer[] = [];
      awareness.getStates().forEach((s, clientId) => {
        const st = s as { user?: { name?: unknown; color?: unknown; right?: unknown }; editing?: unknown };
        if (!st.user || typeof st.user.name !== 'string') return;
        list.push({
          clientId,
          name: st.user.name.slice(0, 60),
          color: typeof st.user.color === 'string' && /^#[0-9a-f]{6}$/i.test(st.user.color) ? st.user.color : '#555555',
          right: st.user.right === 'edit' ? 'edit' : 'view',
          editing: typeof st.editing === 'string' ? st.editing : null,
          self: clientId === awareness.clientID,
        });
      });
      list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'vi') || a.clientId - b.clientId);
      setPeers(list);
    };
    awareness.on('change', update);
    update();
    onCleanup(() => awareness.off('change', update));
  });

  return {
    name,
    setName(n) {
      const v = n.trim().slice(0, 60);
      setNameSignal(v);
      conn.setDeclaredName(v);
      try {
        localStorage.setItem(NAME_KEY, v);
      } catch {
        /* ignore */
      }
    },
    peers,
    editorsOf: (cardId) => peers().filter((p) => !p.self && p.editing === cardId),
    setEditing: setEditingSignal,
  };
}
