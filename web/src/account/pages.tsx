/** Sign-in, invitation and board-list pages, with the header they share. */
import { ta, roleLabel } from '../i18n/strings-account';
import { For, Show, createResource, createSignal, onMount, type JSX } from 'solid-js';
import { api, errorText, upload, type BoardEntry, type SignedIn, type User } from '../api';
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

interface PlanPreview {
  format: string;
  units: Array<{ id: string; nameVi: string; known: boolean; foundAs: string[] }>;
  tasks: Array<{ unit: string; clause: string; title: string; due: string | null; cooperating: string[]; line: number }>;
  agenda: string[];
  facts: { planNumber: string | null; planDate: string | null; conferenceDate: string | null };
  event: { startDate: string | null; endDate: string | null; startTime: string | null; place: string | null };
  unplaced: Array<{ line: number; text: string; vi: string; en: string }>;
}

type Source = 'plan-27' | 'blank' | 'file' | 'text';

function NewBoardForm(props: { onCreated: (b: BoardEntry) => void }): JSX.Element {
  let titleInput!: HTMLInputElement;
  let fileInput: HTMLInputElement | undefined;
  let textInput: HTMLTextAreaElement | undefined;
  const [template, setTemplate] = createSignal<Source>('plan-27');
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [preview, setPreview] = createSignal<PlanPreview | null>(null);
  /** The admin's choices per found unit: a new name, or another found unit to move its tasks to. */
  const [names, setNames] = createSignal<Record<string, string>>({});
  const [maps, setMaps] = createSignal<Record<string, string>>({});
  const fromPlan = () => template() === 'file' || template() === 'text';
  const planForm = (): FormData | null => {
    const f = new FormData();
    if (template() === 'file') {
      const file = fileInput?.files?.[0];
      if (!file) return null;
      f.append('file', file, file.name);
    } else {
      const text = textInput?.value ?? '';
      if (!text.trim()) return null;
      f.append('text', text);
    }
    return f;
  };
  const doPreview = async () => {
    setDone(null);
    const f = planForm();
    if (!f) {
      setError(ta('fieldRequired', { field: (template() === 'file' ? ta('planFile') : ta('planText')).toLowerCase() }));
      return;
    }
    setBusy(true);
    const r = await upload<{ preview: PlanPreview }>('/api/boards/preview', f);
    setBusy(false);
    if (!r.ok) {
      setPreview(null);
      setError(errorText(r));
      return;
    }
    setError(null);
    setNames({});
    setMaps({});
    setPreview(r.data.preview);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const title = titleInput.value.trim();
    if (!title) {
      setError(ta('fieldRequired', { field: ta('boardTitle').toLowerCase() }));
      return titleInput.focus();
    }
    let r;
    if (fromPlan()) {
      const f = planForm();
      if (!f || !preview()) {
        setError(ta('previewFirst'));
        return;
      }
      f.append('title', title);
      const units: Record<string, { nameVi?: string; mapTo?: string }> = {};
      for (const [id, n] of Object.entries(names())) if (n.trim()) units[id] = { ...units[id], nameVi: n.trim() };
      for (const [id, m] of Object.entries(maps())) if (m) units[id] = { ...units[id], mapTo: m };
      f.append('units', JSON.stringify(units));
      setBusy(true);
      r = await upload<{ board: BoardEntry }>('/api/boards', f);
    } else {
      setBusy(true);
      r = await api<{ board: BoardEntry }>('POST', '/api/boards', { title, template: template() });
    }
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r));
      return titleInput.focus();
    }
    setError(null);
    titleInput.value = '';
    setPreview(null);
    props.onCreated(r.data.board);
    setDone(ta('boardCreated', { title: r.data.board.title }));
  };
  const choose = (s: Source) => { setTemplate(s); setPreview(null); setError(null); };
  const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—');
  const unitLabel = (p: PlanPreview, id: string) => names()[id]?.trim() || p.units.find((u) => u.id === id)?.nameVi || id;
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
          <For each={[['plan-27', 'templatePlan27'], ['blank', 'templateBlank'], ['file', 'templateFile'], ['text', 'templateText']] as const}>
            {([value, label]) => (
              <label class="kind-picker__option">
                <input type="radio" name="template" value={value} checked={template() === value} onChange={() => choose(value)} />
                {ta(label)}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={template() === 'file'}>
          <div class="field">
            <label for="new-board-file">{ta('planFile')}</label>
            <input id="new-board-file" ref={fileInput} type="file" accept=".docx,.pdf,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,text/plain" onChange={() => setPreview(null)} />
          </div>
        </Show>
        <Show when={template() === 'text'}>
          <div class="field">
            <label for="new-board-text">{ta('planText')}</label>
            <textarea id="new-board-text" ref={textInput} rows={10} onInput={() => setPreview(null)} />
          </div>
        </Show>
        <Show when={fromPlan()}>
          <div class="form-actions">
            <button type="button" class="button" disabled={busy()} onClick={() => void doPreview()}>{ta('preview')}</button>
          </div>
        </Show>
        <Show when={fromPlan() && preview()}>
          {(p) => (
            <div class="plan-preview" data-testid="plan-preview" aria-labelledby="plan-preview-title">
              <h3 id="plan-preview-title">{ta('previewTitle')}</h3>
              <h4>{ta('previewFacts')}</h4>
              <dl class="plan-preview__facts">
                <dt>{ta('factPlanNumber')}</dt><dd>{p().facts.planNumber ?? '—'}</dd>
                <dt>{ta('factPlanDate')}</dt><dd>{dmy(p().facts.planDate)}</dd>
                <dt>{ta('factEvent')}</dt><dd>{p().event.startDate ? `${dmy(p().event.startDate)}${p().event.endDate && p().event.endDate !== p().event.startDate ? ` – ${dmy(p().event.endDate)}` : ''}${p().event.startTime ? `, ${p().event.startTime}` : ''}` : '—'}</dd>
                <dt>{ta('factPlace')}</dt><dd>{p().event.place ?? '—'}</dd>
              </dl>
              <h4>{ta('previewUnits')}</h4>
              <table class="plan-preview__units">
                <thead><tr><th>{ta('previewUnitName')}</th><th>{ta('previewUnitMap')}</th><th>{ta('previewTasks')}</th></tr></thead>
                <tbody>
                  <For each={p().units}>
                    {(u) => (
                      <tr data-unit={u.id}>
                        <td>
                          <input aria-label={`${ta('previewUnitName')}: ${u.nameVi}`} value={names()[u.id] ?? u.nameVi} maxLength={200}
                            onInput={(e) => setNames({ ...names(), [u.id]: e.currentTarget.value })} />
                          <Show when={!u.known}> <span class="pill">{ta('previewNewUnit')}</span></Show>
                        </td>
                        <td>
                          <select aria-label={`${ta('previewUnitMap')}: ${u.nameVi}`} value={maps()[u.id] ?? ''} onChange={(e) => setMaps({ ...maps(), [u.id]: e.currentTarget.value })}>
                            <option value="">{ta('previewOwnColumn')}</option>
                            <For each={p().units.filter((x) => x.id !== u.id)}>{(x) => <option value={x.id}>{unitLabel(p(), x.id)}</option>}</For>
                          </select>
                        </td>
                        <td>{p().tasks.filter((t) => t.unit === u.id).length}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <h4>{ta('previewTasks')} ({p().tasks.length})</h4>
              <ul class="plan-preview__tasks">
                <For each={p().tasks}>
                  {(t) => (
                    <li>
                      <strong>{unitLabel(p(), maps()[t.unit] || t.unit)}</strong> · {t.clause} · {t.title}
                      {' '}· {ta('previewDue')}: {dmy(t.due)}
                      <Show when={t.cooperating.length}> · {ta('previewCoop')}: {t.cooperating.join(', ')}</Show>
                      <Show when={t.line}> <span class="muted">({ta('previewLine', { line: t.line })})</span></Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={p().unplaced.length}>
                <h4>{ta('previewUnplaced')}</h4>
                <ul><For each={p().unplaced}>{(u) => <li>{ta('previewLine', { line: u.line })}: {u.text} — {lang() === 'vi' ? u.vi : u.en}</li>}</For></ul>
              </Show>
            </div>
          )}
        </Show>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy()}>{ta('create')}</button>
        </div>
        <p role="status" class="form-ok">{done() ?? ''}</p>
      </form>
    </section>
  );
}
