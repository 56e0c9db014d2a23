/**
 * Who I am on this board, and the board's people (for the assignee choice and @mentions).
 *
 * My identity is the one the server judges comments by: the token's subject (the account's
 * user id, or `link:<id>` for a share link), else `token:<token id>` — the same rule as the
 * server's (ws/routes/message.ts). My name is the signed-in account's, else the name typed in
 * "Đổi tên" (self-declared). The people are the board's members from
 * GET /api/boards/:boardId/people (editor+, with the page's own token); a view link or an
 * unreachable server gives an empty list, and free text still works everywhere.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { Role } from '@binhan/core';
import { apiUrl } from '../api';
import type { App } from '../app-context';
import type { Connection } from '../sync/connection';

export interface Person {
  userId: string;
  name: string;
  role: Role;
}

export interface Me {
  id: string;
  name: () => string;
}

export function me(app: Pick<App, 'conn' | 'presence' | 'session'>): Me {
  const info = app.conn.config.tokenInfo;
  const id = info.subject || (info.tokenId ? `token:${info.tokenId}` : '');
  return { id, name: () => app.session?.user().name || app.presence.name() || id };
}

const cache = new WeakMap<Connection, Accessor<Person[]>>();

/** The board's members, fetched once per connection (editors and up; else none). */
export function peopleOf(conn: Connection): Accessor<Person[]> {
  const known = cache.get(conn);
  if (known) return known;
  const [people, setPeople] = createSignal<Person[]>([]);
  cache.set(conn, people);
  if (conn.canEdit) {
    void (async () => {
      try {
        const res = await fetch(apiUrl(`/api/boards/${encodeURIComponent(conn.config.boardId)}/people`), {
          headers: { authorization: `Bearer ${conn.token()}`, accept: 'application/json' },
          credentials: 'omit',
        });
        if (!res.ok) return;
        const body = (await res.json()) as { people?: Person[] };
        if (Array.isArray(body.people)) setPeople(body.people.filter((p) => typeof p.userId === 'string' && typeof p.name === 'string'));
      } catch {
        /* offline: free text only */
      }
    })();
  }
  return people;
}
