/**
 * "Chia sẻ & thành viên" (loaded on demand): exports for anyone who can read; for a signed-in
 * board admin the view-only share links (create with a label and an optional expiry, copy,
 * revoke with a confirmation) and the members (invite by e-mail with a role, change role,
 * remove); leaders see the members read-only.
 */
import { ta, roleLabel } from '../i18n/strings-account';
import { For, Show, createResource, createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { REVIEW_STATUSES, atLeast, parseDateInput, vietnamDate, type Role } from '@binhan/core';
import { useApp } from '../app-context';
import { ROLE_ORDER, api, apiUrl, errorText } from '../api';
import { lang, t, value } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { CopyButton } from '../ui/CopyButton';

interface ShareLink {
  linkId: string;
  label: string;
  expiresAt: string | null;
  createdAt: string;
  state: 'active' | 'expired' | 'revoked';
  url?: string;
}

interface Member {
  userId: string;
  email: string;
  name: string;
  status: 'invited' | 'active' | 'disabled';
  role: Role;
}

const ddmmyyyy = (isoInstant: string): string => {
  const d = vietnamDate(new Date(isoInstant));
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};

export default function SharingPanel(): JSX.Element {
  const { conn, session } = useApp();
  const role = conn.config.tokenInfo.role;
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  return (
    <div class="sharing" data-testid="sharing-panel">
      <h2 ref={heading} tabIndex={-1} class="sharing__title">{session && atLeast(role, 'leader') ? t('tabSharing') : t('tabExports')}</h2>
      <Show when={session && role === 'admin'}>
        <LinksSection />
      </Show>
      <Show when={session && atLeast(role, 'leader')}>
        <MembersSection canManage={role === 'admin'} />
      </Show>
      <ExportsSection />
    </div>
  );
}

/** A confirmation dialog; resolves with the person's answer. Focus returns to `returnTo`. */
function ConfirmDialog(props: { title: string; text: string; confirm: string; onAnswer: (yes: boolean) => void }): JSX.Element {
  let dialog!: HTMLDialogElement;
  let answered = false;
  const answer = (yes: boolean) => {
    if (answered) return;
    answered = true;
    if (dialog.open) dialog.close();
    props.onAnswer(yes);
  };
  return (
    <Dialog ref={(el) => (dialog = el)} class="dialog--small" role="alertdialog" labelledBy="confirm-title" describedBy="confirm-text" returnFocus={false} onClose={() => answer(false)}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); answer(true); }}>
        <h2 id="confirm-title">{props.title}</h2>
        <p id="confirm-text">{props.text}</p>
        <footer class="dialog__foot">
          <button type="button" class="button button--ghost" autofocus onClick={() => answer(false)}>{t('cancel')}</button>
          <button type="submit" class="button button--danger">{props.confirm}</button>
        </footer>
      </form>
    </Dialog>
  );
}

type Confirm = { title: string; text: string; confirm: string; run: () => void; returnTo: HTMLElement | null };

function useConfirm() {
  const [pending, setPending] = createSignal<Confirm | null>(null);
  const ask = (c: Confirm) => setPending(c);
  const view = () => (
    <Show when={pending()} keyed>
      {(c) => (
        <ConfirmDialog
          title={c.title}
          text={c.text}
          confirm={c.confirm}
          onAnswer={(yes) => {
            setPending(null);
            if (yes) c.run();
            else c.returnTo?.focus();
          }}
        />
      )}
    </Show>
  );
  return { ask, view };
}

/** A URL to hand over: read-only field (select-all on focus) and a copy button. */
function UrlBox(props: { url: string; label: string; copyLabel: string; id: string; focus?: boolean }): JSX.Element {
  let input!: HTMLInputElement;
  onMount(() => {
    if (props.focus) {
      input.focus();
      input.select();
    }
  });
  return (
    <div class="url-box">
      <label for={props.id} class="visually-hidden">{props.label}</label>
      <input id={props.id} ref={input} type="text" readOnly value={props.url} onFocus={(e) => e.currentTarget.select()} data-testid="url-box" />
      <CopyButton text={props.url} label={props.copyLabel} />
    </div>
  );
}

function LinksSection(): JSX.Element {
  const { conn, ui } = useApp();
  const base = `/api/boards/${encodeURIComponent(conn.config.boardId)}/links`;
  const [links, { refetch }] = createResource(async () => {
    const r = await api<{ links: ShareLink[] }>('GET', base);
    if (!r.ok) throw new Error(errorText(r));
    return [...r.data.links].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  });
  const [created, setCreated] = createSignal<{ label: string; url: string } | null>(null);
  const [error, setError] = createSignal<{ text: string; field: 'label' | 'expiry' | null } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const confirm = useConfirm();
  let labelInput!: HTMLInputElement;
  let expiryInput!: HTMLInputElement;

  const create = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    const label = labelInput.value.trim();
    if (!label) {
      setError({ text: ta('fieldRequired', { field: ta('linkLabel').toLowerCase() }), field: 'label' });
      return labelInput.focus();
    }
    const typed = expiryInput.value.trim();
    let expiresAt: string | null = null;
    if (typed) {
      const iso = parseDateInput(typed);
      if (!iso) {
        setError({ text: ta('invalidDate', { value: typed }), field: 'expiry' });
        return expiryInput.focus();
      }
      expiresAt = iso;
    }
    setBusy(true);
    const r = await api<{ link: ShareLink; url: string }>('POST', base, { label, ...(expiresAt ? { expiresAt } : {}) });
    setBusy(false);
    if (!r.ok) {
      const field = r.error.code.startsWith('expiry') ? 'expiry' : r.status === 400 ? 'label' : null;
      setError({ text: errorText(r), field });
      return (field === 'expiry' ? expiryInput : labelInput).focus();
    }
    setError(null);
    labelInput.value = '';
    expiryInput.value = '';
    setCreated({ label: r.data.link.label, url: r.data.url });
    void refetch();
  };

  const revoke = (link: ShareLink, button: HTMLElement) =>
    confirm.ask({
      title: ta('revokeConfirmTitle'),
      text: ta('revokeConfirm', { label: link.label }),
      confirm: ta('revoke'),
      returnTo: button,
      run: async () => {
        const r = await api('DELETE', `${base}/${encodeURIComponent(link.linkId)}`);
        if (!r.ok) {
          ui.toast(errorText(r));
          return button.focus();
        }
        if (created()?.label === link.label) setCreated(null);
        await refetch();
        ui.announce(ta('linkRevokedDone', { label: link.label }));
        ui.toast(ta('linkRevokedDone', { label: link.label }));
        document.getElementById('links-heading')?.focus();
      },
    });

  const stateText = (s: ShareLink['state']) => (s === 'active' ? ta('linkActive') : s === 'expired' ? ta('linkExpired') : ta('linkRevoked'));

  return (
    <section class="panel-section" aria-labelledby="links-heading">
      <h3 id="links-heading" tabIndex={-1}>{ta('linksTitle')}</h3>
      <p class="muted">{ta('linksIntro')}</p>
      <form class="inline-form" onSubmit={create} novalidate aria-label={ta('createLink')}>
        <Show when={error()}>{(err) => <p id="link-error" class="form-error" role="alert">{err().text}</p>}</Show>
        <div class="field-row">
          <div class="field" classList={{ 'field--error': error()?.field === 'label' }}>
            <label for="link-label">{ta('linkLabel')}</label>
            <input id="link-label" ref={labelInput} type="text" maxLength={100} placeholder={ta('linkLabelHint')}
              aria-invalid={error()?.field === 'label'} aria-describedby={error()?.field === 'label' ? 'link-error' : undefined} />
          </div>
          <div class="field" classList={{ 'field--error': error()?.field === 'expiry' }}>
            <label for="link-expiry">{ta('linkExpiryOptional')}</label>
            <input id="link-expiry" ref={expiryInput} type="text" inputmode="numeric" placeholder="dd/mm/yyyy"
              aria-invalid={error()?.field === 'expiry'} aria-describedby={error()?.field === 'expiry' ? 'link-error link-expiry-hint' : 'link-expiry-hint'} />
            <span id="link-expiry-hint" class="hint">{ta('linkExpiryHint')}</span>
          </div>
        </div>
        <div class="form-actions">
          <button type="submit" class="button button--primary" disabled={busy()}>{ta('createLink')}</button>
        </div>
      </form>
      <Show when={created()} keyed>
        {(c) => (
          <div class="created-box" data-testid="created-link">
            <p>{ta('linkCreated', { label: c.label })}</p>
            <UrlBox id="created-link-url" url={c.url} label={ta('linkUrl', { label: c.label })} copyLabel={ta('copyLink', { label: c.label })} focus />
          </div>
        )}
      </Show>
      <Show when={!links.error} fallback={<p class="form-error" role="alert">{String((links.error as Error)?.message ?? '')}</p>}>
        <Show when={links()} fallback={<p class="muted" role="status">{t('loading')}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{ta('noLinks')}</p>}>
              <div class="table-wrap">
                <table class="data-table" data-testid="links-table">
                  <caption class="visually-hidden">{ta('linksTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{ta('linkLabel')}</th>
                      <th scope="col">{ta('linkExpiry')}</th>
                      <th scope="col">{ta('linkStatus')}</th>
                      <th scope="col">{ta('actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(link) => (
                        <tr data-link-id={link.linkId} data-state={link.state}>
                          <th scope="row">{link.label}</th>
                          <td>{link.expiresAt ? ddmmyyyy(link.expiresAt) : ta('noExpiry')}</td>
                          <td><span class={`pill pill--link-${link.state}`}>{stateText(link.state)}</span></td>
                          <td class="data-table__actions">
                            <Show when={link.state === 'active' && link.url}>
                              <CopyButton text={link.url!} label={ta('copyLink', { label: link.label })} />
                              <button type="button" class="button button--small button--danger-outline" aria-label={ta('revokeLink', { label: link.label })}
                                onClick={(e) => revoke(link, e.currentTarget)}>{ta('revoke')}</button>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
      {confirm.view()}
    </section>
  );
}

function MembersSection(props: { canManage: boolean }): JSX.Element {
  const { conn, ui, session } = useApp();
  const base = `/api/boards/${encodeURIComponent(conn.config.boardId)}/members`;
  const me = () => session?.user().userId ?? '';
  const [members, { refetch, mutate }] = createResource(async () => {
    const r = await api<{ members: Member[] }>('GET', base);
    if (!r.ok) throw new Error(errorText(r));
    return r.data.members;
  });
  const [invited, setInvited] = createSignal<{ email: string; url: string | null; pending: boolean; reissued?: boolean } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [inviteRole, setInviteRole] = createSignal<Role>('editor');
  const [busy, setBusy] = createSignal(false);
  const confirm = useConfirm();
  let emailInput!: HTMLInputElement;

  const invite = async (e: Event) => {
    e.preventDefault();
    setInvited(null);
    const email = emailInput.value.trim();
    if (!email) {
      setError(ta('fieldRequired', { field: ta('email') }));
      return emailInput.focus();
    }
    setBusy(true);
    const r = await api<{ member: Member; invite?: { url: string }; invitePending?: boolean }>('POST', base, { email, role: inviteRole() });
    setBusy(false);
    if (!r.ok) {
      setError(errorText(r));
      return emailInput.focus();
    }
    setError(null);
    emailInput.value = '';
    setInvited({ email: r.data.member.email, url: r.data.invite?.url ?? null, pending: r.data.invitePending === true });
    void refetch();
  };

  /** The global administrator hands out the link that lets an invited person set their password. */
  const isGlobalAdmin = () => session?.user().globalAdmin === true;
  const issueInvite = async (m: Member) => {
    setInvited(null);
    const r = await api<{ invite: { url: string } }>('POST', `/api/accounts/${encodeURIComponent(m.userId)}/invite`);
    if (!r.ok) {
      ui.toast(errorText(r));
      return;
    }
    setInvited({ email: m.email, url: r.data.invite.url, pending: false, reissued: true });
  };

  const changeRole = async (m: Member, role: Role, select: HTMLSelectElement) => {
    const r = await api('PATCH', `${base}/${encodeURIComponent(m.userId)}`, { role });
    if (!r.ok) {
      select.value = m.role;
      ui.toast(errorText(r));
      return;
    }
    mutate((l) => l?.map((x) => (x.userId === m.userId ? { ...x, role } : x)));
    ui.announce(ta('roleChanged', { name: m.name, role: roleLabel(role) }));
    ui.toast(ta('roleChanged', { name: m.name, role: roleLabel(role) }));
  };

  const remove = (m: Member, button: HTMLElement) =>
    confirm.ask({
      title: ta('removeConfirmTitle'),
      text: ta('removeConfirm', { name: m.name }),
      confirm: ta('remove'),
      returnTo: button,
      run: async () => {
        const r = await api('DELETE', `${base}/${encodeURIComponent(m.userId)}`);
        if (!r.ok) {
          ui.toast(errorText(r));
          return button.focus();
        }
        mutate((l) => l?.filter((x) => x.userId !== m.userId));
        ui.announce(ta('memberRemoved', { name: m.name }));
        ui.toast(ta('memberRemoved', { name: m.name }));
        document.getElementById('members-heading')?.focus();
      },
    });

  return (
    <section class="panel-section" aria-labelledby="members-heading">
      <h3 id="members-heading" tabIndex={-1}>{ta('membersTitle')}</h3>
      <Show when={!props.canManage}><p class="muted">{ta('membersReadOnly')}</p></Show>
      <Show when={!members.error} fallback={<p class="form-error" role="alert">{String((members.error as Error)?.message ?? '')}</p>}>
        <Show when={members()} fallback={<p class="muted" role="status">{t('loading')}</p>}>
          {(list) => (
            <div class="table-wrap">
              <table class="data-table" data-testid="members-table">
                <caption class="visually-hidden">{ta('membersTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ta('memberName')}</th>
                    <th scope="col">{ta('email')}</th>
                    <th scope="col">{ta('memberRole')}</th>
                    <Show when={props.canManage}><th scope="col">{ta('actions')}</th></Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(m) => (
                      <tr data-user-id={m.userId}>
                        <th scope="row">
                          {m.name}
                          <Show when={m.status === 'invited'}> <span class="pill">{ta('invited')}</span></Show>
                          <Show when={m.status === 'invited' && isGlobalAdmin()}>
                            {' '}<button type="button" class="button button--small" aria-label={ta('issueInviteFor', { name: m.name || m.email })}
                              onClick={() => void issueInvite(m)}>{ta('issueInvite')}</button>
                          </Show>
                        </th>
                        <td>{m.email}</td>
                        <td>
                          <Show when={props.canManage && m.userId !== me()} fallback={roleLabel(m.role)}>
                            <label class="visually-hidden" for={`role-${m.userId}`}>{ta('roleOf', { name: m.name })}</label>
                            <select id={`role-${m.userId}`} value={m.role} onChange={(e) => void changeRole(m, e.currentTarget.value as Role, e.currentTarget)}>
                              <For each={ROLE_ORDER}>{(r) => <option value={r} selected={r === m.role}>{roleLabel(r)}</option>}</For>
                            </select>
                          </Show>
                        </td>
                        <Show when={props.canManage}>
                          <td class="data-table__actions">
                            <Show when={m.userId !== me()}>
                              <button type="button" class="button button--small button--danger-outline" aria-label={ta('removeMember', { name: m.name })}
                                onClick={(e) => remove(m, e.currentTarget)}>{ta('remove')}</button>
                            </Show>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </Show>
      <Show when={props.canManage}>
        <form class="inline-form" onSubmit={invite} novalidate aria-labelledby="invite-heading">
          <h4 id="invite-heading">{ta('inviteMember')}</h4>
          <Show when={error()}><p id="invite-member-error" class="form-error" role="alert">{error()}</p></Show>
          <div class="field-row">
            <div class="field" classList={{ 'field--error': !!error() }}>
              <label for="invite-email">{ta('email')}</label>
              <input id="invite-email" ref={emailInput} type="email" autocomplete="off" maxLength={254}
                aria-invalid={!!error()} aria-describedby={error() ? 'invite-member-error' : undefined} />
            </div>
            <div class="field field--narrow">
              <label for="invite-role">{ta('memberRole')}</label>
              <select id="invite-role" onChange={(e) => setInviteRole(e.currentTarget.value as Role)}>
                <For each={ROLE_ORDER}>{(r) => <option value={r} selected={r === inviteRole()}>{roleLabel(r)}</option>}</For>
              </select>
            </div>
          </div>
          <div class="form-actions">
            <button type="submit" class="button button--primary" disabled={busy()}>{ta('invite')}</button>
          </div>
        </form>
        <Show when={invited()} keyed>
          {(inv) => (
            <div class="created-box" data-testid="invite-result">
              <Show when={inv.url} fallback={<p role="status">{ta(inv.pending ? 'memberAddedInvitePending' : 'memberAdded', { email: inv.email })}</p>}>
                {(url) => (
                  <>
                    <p>{ta(inv.reissued ? 'inviteLinkIssued' : 'inviteLinkShown', { email: inv.email })}</p>
                    <UrlBox id="invite-url" url={url()} label={ta('inviteUrl', { email: inv.email })} copyLabel={ta('copyInvite', { email: inv.email })} focus />
                  </>
                )}
              </Show>
            </div>
          )}
        </Show>
      </Show>
      {confirm.view()}
    </section>
  );
}

const EXPORTS = [
  { what: 'nominees', label: 'exportNominees' },
  { what: 'budget', label: 'exportBudget' },
] as const;

const PAPERS = [
  { file: 'award-decision.docx', label: 'paperAwardDecision' },
  { file: 'proposed-list.docx', label: 'paperProposedList' },
  { file: 'budget-estimate.docx', label: 'paperBudgetEstimate' },
  { file: 'programme.docx', label: 'paperProgramme' },
  { file: 'progress-report.docx', label: 'paperProgressReport' },
] as const;

function ExportsSection(): JSX.Element {
  const { conn, session, ui } = useApp();
  const [status, setStatus] = createSignal('');
  const [paperNumber, setPaperNumber] = createSignal('');
  const [signer, setSigner] = createSignal('');
  const [paperDate, setPaperDate] = createSignal('');
  const base = () => `/api/boards/${encodeURIComponent(conn.config.boardId)}/exports/`;
  /** The nominee list takes the status filter; a print view asks the page to open the print dialog. */
  const href = (file: string, print = false) => {
    const q = new URLSearchParams({ lang: lang() });
    if (file.startsWith('nominees.') && status()) q.set('status', status());
    if (print) q.set('print', '1');
    return apiUrl(`${base()}${file}?${q}`);
  };
  const paperHref = (file: string) => {
    const q = new URLSearchParams();
    if (paperNumber().trim()) q.set('number', paperNumber().trim());
    if (signer().trim()) q.set('signer', signer().trim());
    if (paperDate().trim()) q.set('date', paperDate().trim());
    const qs = q.toString();
    return apiUrl(`${base()}papers/${file}${qs ? `?${qs}` : ''}`);
  };
  /**
   * A link (no session) proves itself with its token, which a plain <a> cannot send: fetch it,
   * then save it, or for the print view open it in a new tab (it prints itself on load).
   */
  const viaToken = async (e: MouseEvent, url: string, file: string, print = false) => {
    if (session) return; // the session cookie goes with a plain link
    e.preventDefault();
    // Opened now, while the click still counts as the user's: a popup blocker lets it through.
    const tab = print ? window.open('', '_blank') : null;
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${conn.token()}` }, credentials: 'omit' });
      if (!res.ok) {
        tab?.close();
        const body = (await res.json().catch(() => null)) as { error?: { message?: string; messageVi?: string } } | null;
        ui.toast(ta('downloadFailed', { reason: (lang() === 'vi' ? body?.error?.messageVi : body?.error?.message) ?? String(res.status) }));
        return;
      }
      const blob = await res.blob();
      const objectUrl = URL.createObjectURL(blob);
      if (tab) {
        tab.location.href = objectUrl;
      } else {
        const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
        const a = document.createElement('a');
        a.href = objectUrl;
        a.download = name ? decodeURIComponent(name) : file;
        document.body.append(a);
        a.click();
        a.remove();
      }
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    } catch {
      tab?.close();
      ui.toast(ta('downloadFailed', { reason: t('networkError') }));
    }
  };
  const fileLink = (file: string, text: string, aria: string, print = false) => (
    <a class="button button--small" href={href(file, print)} aria-label={aria} onClick={(e) => void viaToken(e, href(file, print), file, print)}
      target={print && session ? '_blank' : undefined} rel={print && session ? 'noopener' : undefined} download={print ? undefined : ''}>{text}</a>
  );
  return (
    <section class="panel-section" aria-labelledby="exports-heading">
      <h3 id="exports-heading">{ta('exportsTitle')}</h3>
      <p class="muted">{ta('exportsIntro')}</p>
      <label class="field">
        <span>{ta('exportStatusFilter')}</span>
        <select data-testid="export-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">{ta('exportStatusAll')}</option>
          <For each={REVIEW_STATUSES}>{(s) => <option value={s}>{value('reviewStatus', s)}</option>}</For>
        </select>
      </label>
      <ul class="export-list">
        <For each={EXPORTS}>
          {(x) => (
            <li>
              <span class="export-list__name">{ta(x.label)}</span>
              <span class="export-list__files">
                {fileLink(`${x.what}.csv`, 'CSV', `${ta(x.label)} (CSV)`)}
                {fileLink(`${x.what}.xlsx`, 'Excel (XLSX)', `${ta(x.label)} (Excel)`)}
                {fileLink(`${x.what}.html`, ta('printable'), `${ta(x.label)}: ${ta('printable')}`, true)}
              </span>
            </li>
          )}
        </For>
        <li>
          <span class="export-list__name">{ta('exportBoardJson')}</span>
          <span class="export-list__files">{fileLink('board.json', 'JSON', ta('exportBoardJson'))}</span>
        </li>
      </ul>
      <h3 id="papers-heading">{ta('papersTitle')}</h3>
      <p class="muted">{ta('papersIntro')}</p>
      <div class="paper-options">
        <label class="field"><span>{ta('paperNumber')}</span>
          <input data-testid="paper-number" inputmode="numeric" maxLength={12} value={paperNumber()} onInput={(e) => setPaperNumber(e.currentTarget.value)} /></label>
        <label class="field"><span>{ta('paperSigner')}</span>
          <input data-testid="paper-signer" maxLength={100} value={signer()} onInput={(e) => setSigner(e.currentTarget.value)} /></label>
        <label class="field"><span>{ta('paperDate')}</span>
          <input data-testid="paper-date" maxLength={10} placeholder="dd/mm/yyyy" value={paperDate()} onInput={(e) => setPaperDate(e.currentTarget.value)} /></label>
      </div>
      <ul class="export-list" aria-labelledby="papers-heading">
        <For each={PAPERS}>
          {(p) => (
            <li>
              <span class="export-list__name">{ta(p.label)}</span>
              <span class="export-list__files">
                <a class="button button--small" href={paperHref(p.file)} download="" aria-label={`${ta(p.label)} (Word)`}
                  onClick={(e) => void viaToken(e, paperHref(p.file), p.file)}>Word (DOCX)</a>
              </span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
