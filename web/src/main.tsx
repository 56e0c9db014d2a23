/**
 * Start. With a link (`?board=…&token=…`): read the link and the optional /config.json, open
 * the board's doc (cache first for edit links), connect, render. Without a token: the signed-in
 * part (sign-in, invitation, board list, sharing), loaded on demand (./account/shell).
 *
 * Debug handle (documented for tests and support): `window.__binhan = { doc(), provider(),
 * connection, store }`. It gives nothing the server does not already enforce: a view link's
 * writes through it are dropped by the page and refused by the server.
 */
import { render } from 'solid-js/web';
import { loadConfig, loadEndpoints, type ConfigProblem } from './config';
import { connect } from './sync/connection';
import { openDb } from './sync/persistence';
import { BoardView } from './board-view';
import { setApiBase } from './api';
import { lang, t } from './i18n';
import type { StringKey } from './i18n/strings';
import './styles.css';

const root = document.getElementById('root')!;
document.documentElement.lang = lang();

function Problem(props: { problem: ConfigProblem }) {
  const key: Record<ConfigProblem, StringKey> = { 'no-link': 'noLink', 'bad-token': 'badToken', expired: 'expired', 'other-board': 'otherBoard' };
  return (
    <main id="main" class="problem-page">
      <h1>{t('noLinkTitle')}</h1>
      <p role="alert">{t(key[props.problem])}</p>
      <p><a href="/#/login">{t('signIn')}</a></p>
    </main>
  );
}

async function start(): Promise<void> {
  performance.mark('binhan:main');
  const q = new URLSearchParams(location.search);
  if (!q.get('token')) {
    // Staff and administrators: sign in, choose a board, share it.
    const [{ startAccount }, endpoints] = await Promise.all([import('./account/shell'), loadEndpoints()]);
    setApiBase(endpoints.httpUrl);
    startAccount(root, endpoints);
    return;
  }
  // Edit links read the board's saved copy: open the database while the config loads.
  void openDb();
  const loaded = await loadConfig();
  performance.mark('binhan:config');
  if (!loaded.ok) {
    render(() => <Problem problem={loaded.problem} />, root);
    return;
  }
  setApiBase(loaded.config.httpUrl);
  const conn = await connect(loaded.config);
  performance.mark('binhan:connecting');
  render(() => <BoardView conn={conn} />, root);
}

void start();
