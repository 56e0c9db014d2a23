/**
 * The signed-in part of the page (loaded only when the address has no token):
 * - `#/login` (or no session): sign in with e-mail and password;
 * - `?invite=<token>`: accept an invitation (name + password), then signed in;
 * - the board list (`GET /api/boards`); administrators create boards from it;
 * - `?board=<id>` with a session: a sync token from `POST /api/boards/:id/sync-token` (kept in
 *   memory only, renewed 5 minutes before its 2-hour expiry and whenever the socket is closed
 *   with 4401/4403) opens the same board page as a link does.
 */
import { ta } from '../i18n/strings-account';
import { Match, Switch, createSignal, type JSX } from 'solid-js';
import { render } from 'solid-js/web';
import { api, errorText, type SignedIn, type User } from '../api';
import { configFor, decodeToken, type Endpoints } from '../config';
import { closedFromHttp, connect, type Connection, type Renewal } from '../sync/connection';
import { openDb } from '../sync/persistence';
import { BoardView } from '../board-view';
import type { SessionCtx } from '../app-context';
import { t } from '../i18n';
import { AccountHeader, BoardsPage, InvitePage, LoginPage } from './pages';

type View =
  | { name: 'loading' }
  | { name: 'login' }
  | { name: 'invite'; token: string }
  | { name: 'boards' }
  | { name: 'opening'; boardId: string }
  | { name: 'problem'; text: string }
  | { name: 'board'; conn: Connection };

interface SyncTokenAnswer {
  token: string;
  expiresAt: string;
}

/** Renew this long before the token's expiry. */
const RENEW_BEFORE_MS = 5 * 60_000;

export function startAccount(root: HTMLElement, endpoints: Endpoints): void {
  const [view, setView] = createSignal<View>({ name: 'loading' });
  const [user, setUser] = createSignal<User | null>(null);
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let openSeq = 0;

  const query = () => new URLSearchParams(location.search);
  const go = (url: string, replace = false) => (replace ? history.replaceState(null, '', url) : history.pushState(null, '', url));

  function leaveBoard(): void {
    clearTimeout(renewTimer);
    openSeq++;
  }

  async function fetchToken(boardId: string): Promise<{ ok: true; data: SyncTokenAnswer } | { ok: false; status: number; code: string; text: string }> {
    const r = await api<SyncTokenAnswer>('POST', `/api/boards/${encodeURIComponent(boardId)}/sync-token`, {});
    if (r.ok) return { ok: true, data: r.data };
    return { ok: false, status: r.status, code: r.error.code, text: errorText(r) };
  }

  async function openBoard(boardId: string, known?: SyncTokenAnswer): Promise<void> {
    leaveBoard();
    const seq = openSeq;
    setView({ name: 'opening', boardId });
    const got = known ? { ok: true as const, data: known } : await fetchToken(boardId);
    if (seq !== openSeq) return;
    if (!got.ok) {
      if (got.status === 401) return showLogin();
      setView({ name: 'problem', text: got.text });
      return;
    }
    const made = configFor(boardId, got.data.token, endpoints);
    if (!made.ok) {
      setView({ name: 'problem', text: t('badToken') });
      return;
    }
    if (made.config.tokenInfo.right === 'edit') await openDb();
    // The name others see on the board: the account's, unless the person chose one.
    try {
      if (!localStorage.getItem('binhan:name') && user()?.name) localStorage.setItem('binhan:name', user()!.name);
    } catch {
      /* storage may be blocked */
    }
    const role = made.config.tokenInfo.role;
    let conn: Connection | null = null;
    // Before the token expires: a fresh one, used for the next connection at once.
    const schedule = (answer: SyncTokenAnswer) => {
      clearTimeout(renewTimer);
      const wait = Math.max(10_000, Date.parse(answer.expiresAt) - Date.now() - RENEW_BEFORE_MS);
      renewTimer = setTimeout(() => {
        void fetchToken(boardId).then((r) => {
          if (seq !== openSeq || !conn || conn.closed()) return;
          if (!r.ok) {
            if (r.status === 0) schedule({ ...answer, expiresAt: new Date(Date.now() + RENEW_BEFORE_MS + 30_000).toISOString() });
            return; // refused: the server cuts the socket off and the page says why
          }
          if (decodeToken(r.data.token)?.role !== role) void openBoard(boardId, r.data);
          else {
            conn.replaceToken(r.data.token);
            schedule(r.data);
          }
        });
      }, wait);
    };
    // Asked by the connection when its socket is refused or closed with 4401/4403.
    const renew = async (): Promise<Renewal> => {
      const r = await fetchToken(boardId);
      if (seq !== openSeq) return null;
      if (r.ok) {
        if (decodeToken(r.data.token)?.role !== role) queueMicrotask(() => void openBoard(boardId, r.data));
        else schedule(r.data);
        return { ok: true, token: r.data.token };
      }
      const closed = closedFromHttp(r.status, r.code, true);
      return closed ? { ok: false, closed } : null;
    };
    const opened = await connect(made.config, { renew });
    if (seq !== openSeq) {
      opened.destroy();
      return;
    }
    conn = opened;
    schedule(got.data);
    setView({ name: 'board', conn: opened });
  }

  function showLogin(): void {
    leaveBoard();
    setUser(null);
    setView({ name: 'login' });
    if (!location.hash.startsWith('#/login')) go(`${location.pathname}${location.search}#/login`, true);
  }

  function showBoards(push = true): void {
    leaveBoard();
    if (push) go(`${location.pathname}#/boards`);
    setView({ name: 'boards' });
  }

  function route(): void {
    const q = query();
    const invite = q.get('invite');
    if (invite) {
      setView({ name: 'invite', token: invite });
      return;
    }
    if (!user()) return showLogin();
    const boardId = q.get('board');
    if (boardId) {
      if (!location.hash || location.hash.startsWith('#/login') || location.hash.startsWith('#/boards')) go(`${location.pathname}${location.search}#/board`, true);
      void openBoard(boardId);
    } else showBoards(false);
  }

  function signedIn(answer: SignedIn): void {
    setUser(answer.user);
    if (query().get('invite')) go(location.pathname, true);
    const boardId = query().get('board');
    if (boardId) {
      go(`${location.pathname}?board=${encodeURIComponent(boardId)}#/board`, true);
      void openBoard(boardId);
    } else {
      go(`${location.pathname}#/boards`, true);
      setView({ name: 'boards' });
    }
  }

  async function signOut(): Promise<void> {
    leaveBoard();
    await api('POST', '/api/auth/logout', {});
    setUser(null);
    go(`${location.pathname}#/login`);
    setView({ name: 'login' });
  }

  const session: SessionCtx = {
    user: () => user() ?? { userId: '', email: '', name: '', status: 'active', globalAdmin: false },
    signOut,
    showBoards: () => showBoards(),
    signInAgain: () => showLogin(),
  };

  function open(boardId: string): void {
    go(`${location.pathname}?board=${encodeURIComponent(boardId)}#/board`);
    void openBoard(boardId);
  }

  window.addEventListener('popstate', () => {
    if (view().name === 'loading') return;
    const q = query();
    if (q.get('board') && view().name === 'board' && (view() as { conn: Connection }).conn.config.boardId === q.get('board')) return;
    route();
  });

  render(() => (
    <Switch>
      <Match when={view().name === 'board' && (view() as { conn: Connection }).conn} keyed>
        {(conn) => <BoardView conn={conn} session={session} />}
      </Match>
      <Match when={view().name === 'login'}>
        <Page><LoginPage onSignedIn={signedIn} /></Page>
      </Match>
      <Match when={view().name === 'invite' && (view() as { token: string }).token} keyed>
        {(token) => <Page><InvitePage token={token} onSignedIn={signedIn} /></Page>}
      </Match>
      <Match when={view().name === 'boards' && user()}>
        {(u) => <Page user={u()} onSignOut={signOut}><BoardsPage user={u()} onOpen={open} /></Page>}
      </Match>
      <Match when={view().name === 'problem' && (view() as { text: string }).text}>
        {(text) => (
          <Page user={user()} onSignOut={signOut}>
            <div class="problem-page">
              <h1>{t('noLinkTitle')}</h1>
              <p role="alert">{text()}</p>
              <p><a href={`${location.pathname}#/boards`} onClick={(e) => { e.preventDefault(); showBoards(); }}>{t('backToBoards')}</a></p>
            </div>
          </Page>
        )}
      </Match>
      <Match when={true}>
        <Page user={user()} onSignOut={signOut}>
          <p class="empty-state" role="status" aria-busy="true">{view().name === 'opening' ? ta('openingBoard') : t('loading')}</p>
        </Page>
      </Match>
    </Switch>
  ), root);

  // Who is signed in (the session cookie is HttpOnly: only the server knows).
  void (async () => {
    if (query().get('invite')) return route();
    const me = await api<SignedIn>('GET', '/api/auth/me');
    if (me.ok) setUser(me.data.user);
    if (!me.ok && me.status === 0) {
      setView({ name: 'problem', text: t('networkError') });
      return;
    }
    if (me.ok && location.hash.startsWith('#/login')) go(`${location.pathname}${location.search}#/boards`, true);
    route();
  })();
}

function Page(props: { user?: User | null; onSignOut?: () => void; children: JSX.Element }): JSX.Element {
  return (
    <>
      <a class="skip-link" href="#main">{t('skipToBoard')}</a>
      <AccountHeader user={props.user ?? null} onSignOut={props.onSignOut} />
      <main id="main" tabIndex={-1} class="account-main">
        {props.children}
      </main>
    </>
  );
}
