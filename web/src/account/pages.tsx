/** Sign-in, invitation and board-list pages, with the header they share. */
import { ta, roleLabel } from '../i18n/strings-account';
import { For, Show, createResource, createSignal, onMount, type JSX } from 'solid-js';
import { api, errorText, type BoardEntry, type SignedIn, type User } from '../api';
import { date, lang, setLang, t } from '../i18n';

const PASSWORD_MIN = 10;

export function AccountHeader(props: { user: User | null; onSignOut?: (() => void) | undefined }): JSX.Element {
  return (
    <header class="app-header app-header--account">
      <div class="app-header__top">
        <div class="app-header__title">
          <p class="app-header__org">UBND xã Bình An</p>
          <p class="app-header__app">{t('appName')}</p>
        </div>
        <div class="app-header__tools">
          <div class="lang-switch" role="group" aria-label={t('language')}>
            <button type="button" aria-pressed={lang() === 'vi'} onClick={() => setLang('vi')} lang="vi">Tiếng Việt</button>
            <button type="button" aria-pressed={lang() === 'en'} onClick={() => setLang('en')} lang="en">English</button>
          </div>
          <Show when={props.user}>
            {(u) => (
              <div class="session-tools">
                <span class="session-tools__user">{t('signedInAs', { name: u().name })}</span>
                <button type="button" class="button button--ghost button--small" onClick={() => props.onSignOut?.()}>{t('signOut')}</button>
              </div>
            )}
          </Show>
        </div>
      </div>
    </header>
  );
}

function waitText(seconds: number): string {
  return seconds >= 60 ? ta('minutes', { n: Math.ceil(seconds / 60) }) : ta('seconds', { n: Math.max(1, Math.ceil(seconds)) });
}

export function LoginPage(props: { onSignedIn: (answer: SignedIn) => void }): JSX.Element {
  let emailInput!: HTMLInputElement;
  let passwordInput!: HTMLInputElement;
  const [error, setError] = createSignal<{ text: string; field: 'email' | 'password' | null } | null>(null);
  const [busy, setBusy] = createSignal(false);
  onMount(() => emailInput.focus());

  const submit = async (e: Event) => {
    e.preventDefault();
    const email = emailInput.value.trim();
    const password = passwordInput.value;
    if (!email) {
      setError({ text: ta('fieldRequired', { field: ta('email') }), field: 'email' });
      return emailInput.focus();
    }
    if (!password) {
      setError({ text: ta('fieldRequired', { field: ta('password').toLowerCase() }), field: 'password' });
      return passwordInput.focus();
    }
    setBusy(true);
    const r = await api<SignedIn>('POST', '/api/auth/login', { email, password });
    setBusy(false);
    if (r.ok) return props.onSignedIn(r.data);
    if (r.status === 401) {
      setError({ text: ta('wrongPassword'), field: 'password' });
      passwordInput.select();
      passwordInput.focus();
    } else if (r.status === 429) {
      setError({ text: ta('tooManyAttempts', { wait: waitText(r.retryAfter ?? 900) }), field: null });
    } else setError({ text: errorText(r), field: null });
  };

  const invalid = (f: 'email' | 'password') => error()?.field === f;
  return (
    <section class="account-card" aria-labelledby="login-title">
      <h1 id="login-title">{ta('signInTitle')}</h1>
      <p class="muted">{ta('signInIntro')}</p>
      <form onSubmit={submit} novalidate>
        <Show when={error()}>
          {(err) => <p id="login-error" class="form-error" role="alert">{err().text}</p>}
        </Show>
        <div class="field" classList={{ 'field--error': invalid('email') }}>
          <label for="login-email">{ta('email')}</label>
          <input id="login-email" ref={emailInput} type="email" autocomplete="username" inputmode="email" required
            aria-invalid={invalid('email')} aria-describedby={invalid('email') ? 'login-error' : undefined} />
        </div>
        <div class="field" classList={{ 'field--error': invalid('password') }}>
          <label for="login-password">{ta('password')}</label>
          <input id="login-password" ref={passwordInput} type="password" autocomplete="current-password" required
            aria-invalid={invalid('password')} aria-describedby={invalid('password') ? 'login-error' : undefined} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy()} aria-disabled={busy()}>
            {busy() ? ta('signingIn') : t('signIn')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function InvitePage(props: { token: string; onSignedIn: (answer: SignedIn) => void }): JSX.Element {
  let nameInput!: HTMLInputElement;
  let passwordInput!: HTMLInputElement;
  const [error, setError] = createSignal<{ text: string; field: 'name' | 'password' | null } | null>(null);
  const [busy, setBusy] = createSignal(false);
  onMount(() => nameInput.focus());

  const submit = async (e: Event) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    const password = passwordInput.value;
    if (!name) {
      setError({ text: ta('fieldRequired', { field: ta('fullName').toLowerCase() }), field: 'name' });
      return nameInput.focus();
    }
    if (password.length < PASSWORD_MIN) {
      setError({ text: ta('passwordTooShort', { n: PASSWORD_MIN }), field: 'password' });
      return passwordInput.focus();
    }
    setBusy(true);
    const r = await api<SignedIn>('POST', '/api/auth/accept-invite', { token: props.token, name, password });
    setBusy(false);
    if (r.ok) return props.onSignedIn(r.data);
    setError({ text: errorText(r), field: null });
  };

  return (
    <section class="account-card" aria-labelledby="invite-title">
      <h1 id="invite-title">{ta('inviteTitle')}</h1>
      <p class="muted">{ta('inviteIntro')}</p>
      <form onSubmit={submit} novalidate>
        <Show when={error()}>
          {(err) => <p id="invite-error" class="form-error" role="alert">{err().text}</p>}
        </Show>
        <div class="field" classList={{ 'field--error': error()?.field === 'name' }}>
          <label for="invite-name">{ta('fullName')}</label>
          <input id="invite-name" ref={nameInput} type="text" autocomplete="name" maxLength={200} required aria-invalid={error()?.field === 'name'} />
        </div>
        <div class="field" classList={{ 'field--error': error()?.field === 'password' }}>
          <label for="invite-password">{ta('newPassword')}</label>
          <input id="invite-password" ref={passwordInput} type="password" autocomplete="new-password" minLength={PASSWORD_MIN} required
            aria-invalid={error()?.field === 'password'} aria-describedby="invite-password-hint" />
          <span id="invite-password-hint" class="hint">{ta('passwordHint', { n: PASSWORD_MIN })}</span>
        </div>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy()}>{ta('acceptInvite')}</button>
        </div>
      </form>
    </section>
  );
}

export function BoardsPage(props: { user: User; onOpen: (boardId: string) => void }): JSX.Element {
  const [boards, { mutate }] = createResource(async () => {
    const r = await api<{ boards: BoardEntry[] }>('GET', '/api/boards');
    if (!r.ok) throw new Error(errorText(r));
    return r.data.boards;
  });
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());

  return (
    <div class="account-wide">
      <h1 ref={heading} tabIndex={-1}>{ta('myBoards')}</h1>
      <Show when={!boards.error} fallback={<p role="alert" class="form-error">{String((boards.error as Error)?.message ?? '')}</p>}>
        <Show when={boards()} fallback={<p role="status" aria-busy="true" class="muted">{t('loading')}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{ta('noBoards')}</p>}>
              <ul class="board-list" aria-label={ta('myBoards')}>
                <For each={list()}>
                  {(b) => (
                    <li class="board-list__item" data-board-id={b.boardId}>
                      <div>
                        <h2 class="board-list__title">
                          <a href={`?board=${encodeURIComponent(b.boardId)}#/board`} onClick={(e) => { e.preventDefault(); props.onOpen(b.boardId); }}>{b.title}</a>
                        </h2>
                        <p class="muted board-list__meta">
                          {ta('yourRole')}: {roleLabel(b.role)} · {ta('createdOn', { date: date(b.createdAt.slice(0, 10)) })}
                          <Show when={b.archived}> · <span class="badge badge--view">{ta('archivedBadge')}</span></Show>
                        </p>
                      </div>
                      <button type="button" class="button" aria-label={`${ta('openBoard')}: ${b.title}`} onClick={() => props.onOpen(b.boardId)}>{ta('openBoard')}</button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
      <Show when={props.user.globalAdmin}>
        <NewBoardForm onCreated={(b) => mutate((l) => [b, ...(l ?? [])])} />
      </Show>
    </div>
  );
}

function NewBoardForm(props: { onCreated: (b: BoardEntry) => void }): JSX.Element {
  let titleInput!: HTMLInputElement;
  const [template, setTemplate] = createSignal<'plan-27' | 'blank'>('plan-27');
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const title = titleInput.value.trim();
    if (!title) {
      setError(ta('fieldRequired', { field: ta('boardTitle').toLowerCase() }));
      return titleInput.focus();
    }
    setBusy(true);
    const r = await api<{ board: BoardEntry }>('POST', '/api/boards', { title, template: template() });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r));
      return titleInput.focus();
    }
    setError(null);
    titleInput.value = '';
    props.onCreated(r.data.board);
    setDone(ta('boardCreated', { title: r.data.board.title }));
  };
  return (
    <section class="panel-section" aria-labelledby="new-board-title">
      <h2 id="new-board-title">{ta('newBoard')}</h2>
      <form onSubmit={submit} novalidate>
        <Show when={error()}><p id="new-board-error" class="form-error" role="alert">{error()}</p></Show>
        <div class="field" classList={{ 'field--error': !!error() }}>
          <label for="new-board-name">{ta('boardTitle')}</label>
          <input id="new-board-name" ref={titleInput} type="text" maxLength={300} aria-invalid={!!error()} aria-describedby={error() ? 'new-board-error' : undefined} />
        </div>
        <fieldset class="kind-picker">
          <legend>{ta('template')}</legend>
          <label class="kind-picker__option">
            <input type="radio" name="template" value="plan-27" checked={template() === 'plan-27'} onChange={() => setTemplate('plan-27')} />
            {ta('templatePlan27')}
          </label>
          <label class="kind-picker__option">
            <input type="radio" name="template" value="blank" checked={template() === 'blank'} onChange={() => setTemplate('blank')} />
            {ta('templateBlank')}
          </label>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy()}>{ta('create')}</button>
        </div>
        <p role="status" class="form-ok">{done() ?? ''}</p>
      </form>
    </section>
  );
}
