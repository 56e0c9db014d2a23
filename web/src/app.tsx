/**
 * The page: header (title, pages, connection status, presence, language, the signed-in person),
 * then the board, the dashboard or sharing/exports (hash routes #/board, #/dashboard and
 * #/sharing, so the query string keeps board and token). The sharing panel is loaded on demand.
 */
import { For, Match, Show, Suspense, Switch, createEffect, createSignal, lazy, on, onCleanup, type JSX } from 'solid-js';
import { useApp } from './app-context';
import { atLeast } from '@binhan/core';
import type { ClosedKind } from './sync/connection';
import type { StringKey } from './i18n/strings';
import { lang, pick, setLang, t } from './i18n';
import { Board } from './board/Board';
import { CardDialogHost } from './board/CardEditor';
import { MoveDialogHost } from './board/MoveDialog';
import { Dashboard } from './dashboard/Dashboard';
import { conferenceWhen } from './dashboard/FactsPanel';
import { NameDialog, PresenceList } from './presence/Presence';
import { UndoneNotices } from './board/UndoneNotice';
import { ColumnManager, mayManageColumns } from './columns/ColumnManager';
import { ActivityPage } from './history/ActivityPage';
import { BoardToolbar } from './history/BoardToolbar';

const SharingPanel = lazy(() => import('./sharing/SharingPanel'));

type Route = 'board' | 'dashboard' | 'sharing' | 'activity';
const routeOf = (hash: string): Route =>
  hash.startsWith('#/dashboard') ? 'dashboard' : hash.startsWith('#/sharing') ? 'sharing' : hash.startsWith('#/activity') ? 'activity' : 'board';

export function App(): JSX.Element {
  const { conn, store, presence, ui, session } = useApp();
  const role = conn.config.tokenInfo.role;
  /** Members and links need a signed-in leader/admin; exports anyone who can read. */
  const sharingLabel = () => (session && atLeast(role, 'leader') ? t('tabSharing') : t('tabExports'));
  const [route, setRoute] = createSignal<Route>(routeOf(location.hash));
  const onHash = () => setRoute(routeOf(location.hash));
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  const [askName, setAskName] = createSignal(!presence.name());

  const title = () => store.state.board?.title ?? t('appName');
  const link = (r: Route) => `${location.search}#/${r}`;

  return (
    <>
      <a class="skip-link" href="#main">{t('skipToBoard')}</a>
      <header class="app-header">
        <div class="app-header__top">
          <div class="app-header__title">
            <p class="app-header__org">UBND xã Bình An</p>
            <h1>{title()}</h1>
            <Show when={store.state.board}>
              {(b) => <p class="app-header__conference" data-testid="header-conference">{t('conferenceAt', { when: conferenceWhen(b().facts) })}</p>}
            </Show>
          </div>
          <div class="app-header__tools">
            <ConnectionStatus />
            <Show when={!conn.canEdit}>
              <span class="badge badge--view">{t('readOnlyBadge')}</span>
            </Show>
            <div class="lang-switch" role="group" aria-label={t('language')}>
              <button type="button" aria-pressed={lang() === 'vi'} onClick={() => setLang('vi')} lang="vi">Tiếng Việt</button>
              <button type="button" aria-pressed={lang() === 'en'} onClick={() => setLang('en')} lang="en">English</button>
            </div>
            <button type="button" class="button button--ghost button--small no-print" onClick={() => setAskName(true)}>
              {presence.name() || '…'} · {t('changeName')}
            </button>
            <Show when={session}>
              {(s) => <SessionTools session={s()} />}
            </Show>
          </div>
        </div>
        <nav class="tabs no-print" aria-label={t('mainNav')}>
          <a href={link('board')} aria-current={route() === 'board' ? 'page' : undefined}>{t('tabBoard')}</a>
          <a href={link('dashboard')} aria-current={route() === 'dashboard' ? 'page' : undefined}>{t('tabDashboard')}</a>
          <a href={link('sharing')} aria-current={route() === 'sharing' ? 'page' : undefined}>{sharingLabel()}</a>
        </nav>
        <Show when={!conn.closed()}>
          <Show when={!conn.canEdit}>
            <p class="readonly-banner" role="note">{t('readOnlyBanner')}</p>
          </Show>
          <PresenceList />
        </Show>
      </header>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Match when={conn.closed()}>
            {(c) => <ClosedMessage kind={c().kind} />}
          </Match>
          <Match when={route() === 'sharing'}>
            <Suspense fallback={<p class="empty-state" role="status" aria-busy="true">{t('loading')}</p>}>
              <SharingPanel />
            </Suspense>
          </Match>
          <Match when={store.state.problem && conn.synced()}>
            <div class="empty-state" role="status">
              <h2>{t('boardEmpty')}</h2>
              <For each={store.state.problem ?? []}>{(i) => <p>{pick(i)}</p>}</For>
            </div>
          </Match>
          <Match when={!store.state.board}>
            <p class="empty-state" role="status" aria-busy="true">{t('loadingBoard')}</p>
          </Match>
          <Match when={route() === 'dashboard'}>
            <Dashboard />
          </Match>
          <Match when={route() === 'board'}>
            <Show when={mayManageColumns(useApp())}><ColumnManager /></Show>
            <BoardToolbar />
            <Board />
          </Match>
          <Match when={route() === 'activity'}>
            <ActivityPage />
          </Match>
        </Switch>
      </main>
      <CardDialogHost />
      <MoveDialogHost />
      <Show when={askName()}>
        <NameDialog onDone={() => setAskName(false)} />
      </Show>
      <div class="toasts">
        <UndoneNotices />
        <div class="toasts__list" aria-live="polite">
          <For each={ui.toasts()}>
            {(toast) => (
              <div class="toast" role="status">
                <span>{toast.text}</span>
                <Show when={toast.action}>
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() => {
                      toast.action!.run();
                      ui.dismiss(toast.id);
                    }}
                  >
                    {toast.action!.label}
                  </button>
                </Show>
                <button type="button" class="button button--ghost button--small" aria-label={t('close')} onClick={() => ui.dismiss(toast.id)}>✕</button>
              </div>
            )}
          </For>
        </div>
      </div>
      <div class="visually-hidden" aria-live="assertive" role="log" data-testid="announcer">{ui.announcement()}</div>
    </>
  );
}

function SessionTools(props: { session: NonNullable<ReturnType<typeof useApp>['session']> }): JSX.Element {
  return (
    <div class="session-tools no-print">
      <span class="session-tools__user">{t('signedInAs', { name: props.session.user().name })}</span>
      <a class="button button--ghost button--small" href="/#/boards" onClick={(e) => { e.preventDefault(); props.session.showBoards(); }}>{t('backToBoards')}</a>
      <button type="button" class="button button--ghost button--small" onClick={() => void props.session.signOut()}>{t('signOut')}</button>
    </div>
  );
}

const CLOSED_TEXT: Record<ClosedKind, [StringKey, StringKey]> = {
  revoked: ['closedRevokedTitle', 'closedRevoked'],
  expired: ['closedExpiredTitle', 'closedExpired'],
  'access-removed': ['closedAccessTitle', 'closedAccess'],
  archived: ['closedArchivedTitle', 'closedArchived'],
  'signed-out': ['closedSignedOutTitle', 'closedSignedOut'],
};

/** The connection stopped for good: say why, in place of the board, and move focus to it. */
function ClosedMessage(props: { kind: ClosedKind }): JSX.Element {
  const { session } = useApp();
  let box!: HTMLDivElement;
  createEffect(on(() => props.kind, () => queueMicrotask(() => box?.focus())));
  return (
    <div ref={box} class="closed-message" role="alert" tabIndex={-1} data-testid="closed-message" data-kind={props.kind}>
      <h2>{t(CLOSED_TEXT[props.kind][0])}</h2>
      <p>{t(CLOSED_TEXT[props.kind][1])}</p>
      <Show when={session}>
        {(s) => (
          <p class="closed-message__actions">
            <Show when={props.kind === 'signed-out'} fallback={<button type="button" class="button button--primary" onClick={() => s().showBoards()}>{t('backToBoards')}</button>}>
              <button type="button" class="button button--primary" onClick={() => s().signInAgain()}>{t('signInAgain')}</button>
            </Show>
          </p>
        )}
      </Show>
    </div>
  );
}

function ConnectionStatus(): JSX.Element {
  const { conn } = useApp();
  const label = () => {
    switch (conn.status()) {
      case 'online': return t('statusOnline');
      case 'syncing': return t('statusSyncing');
      case 'offline': return t('statusOffline');
      case 'closed': return t('statusClosed');
      default: return t('statusConnecting');
    }
  };
  return (
    <div class={`conn conn--${conn.status()}`} role="status" data-testid="connection-status" data-status={conn.status()}>
      <span class="conn__dot" aria-hidden="true" />
      <span class="conn__label">{label()}</span>
      <Show when={conn.status() === 'offline'}>
        <span class="conn__help">{conn.canEdit ? t('offlineHelpEdit') : t('offlineHelpView')}</span>
      </Show>
      <Show when={conn.unsent() && conn.canEdit}>
        <span class="conn__unsent">· {t('unsentChanges')}</span>
      </Show>
      <Show when={conn.refused() > 0 && !conn.canEdit}>
        <span class="conn__help">{t('writeRefused')}</span>
      </Show>
      <Show when={conn.serverProblem()}>
        {(p) => <span class="conn__help">{t('serverSays')}: {p().message}</span>}
      </Show>
    </div>
  );
}
