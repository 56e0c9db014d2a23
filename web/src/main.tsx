/**
 * Start: read the link (board, token) and the optional /config.json, open the board's doc
 * (cache first for edit links), connect, render.
 *
 * Debug handle (documented for tests and support): `window.__binhan = { doc(), provider(),
 * connection, store }`. It gives nothing the server does not already enforce: a view link's
 * writes through it are dropped by the page and refused by the server.
 */
import { render } from 'solid-js/web';
import { loadConfig, type ConfigProblem } from './config';
import { connect, type Connection } from './sync/connection';
import { openDb } from './sync/persistence';
import { createBoardStore, type BoardStore } from './sync/board-store';
import { createPresence } from './presence/presence';
import { createActions } from './board/actions';
import { AppContext, createUi } from './app-context';
import { App } from './app';
import { lang, t } from './i18n';
import type { StringKey } from './i18n/strings';
import './styles.css';

declare global {
  interface Window {
    __binhan?: { doc: () => unknown; provider: () => unknown; connection: Connection; store: BoardStore };
  }
}

const root = document.getElementById('root')!;
document.documentElement.lang = lang();

function Problem(props: { problem: ConfigProblem }) {
  const key: Record<ConfigProblem, StringKey> = { 'no-link': 'noLink', 'bad-token': 'badToken', expired: 'expired', 'other-board': 'otherBoard' };
  return (
    <main id="main" class="problem-page">
      <h1>{t('noLinkTitle')}</h1>
      <p role="alert">{t(key[props.problem])}</p>
    </main>
  );
}

async function start(): Promise<void> {
  performance.mark('binhan:main');
  // Edit links read the board's saved copy: open the database while the config loads.
  if (new URLSearchParams(location.search).get('token')) void openDb();
  const loaded = await loadConfig();
  performance.mark('binhan:config');
  if (!loaded.ok) {
    render(() => <Problem problem={loaded.problem} />, root);
    return;
  }
  const conn = await connect(loaded.config);
  performance.mark('binhan:connecting');
  render(() => {
    const store = createBoardStore(conn);
    const presence = createPresence(conn);
    const actions = createActions(conn, presence.name);
    const ui = createUi();
    window.__binhan = { doc: conn.doc, provider: conn.provider, connection: conn, store };
    return (
      <AppContext.Provider value={{ conn, store, presence, actions, ui }}>
        <App />
      </AppContext.Provider>
    );
  }, root);
}

void start();
