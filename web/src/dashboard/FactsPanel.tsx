/**
 * The plan's facts on the dashboard: conference date, time and place, delegates (cap and
 * invited so far), chairs, the funds and which pays the awards. Everyone sees them; leaders and
 * admins (on an edit link) get an editor. Moving the conference date offers to move the due
 * dates that follow it (core `dueDateShifts`), in the same update. The history of who changed
 * the facts comes from the audit log (editor+ over HTTP), names from the member list.
 */
import { For, Index, Show, createMemo, createResource, createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  budgetLinesOfFund, conferenceDateInForce, dueDateShifts, mayWriteArea, slugify,
  type AuditEntry, type BoardFacts, type DueDateShift, type FactsPatch, type Issue, type IsoDate,
} from '@binhan/core';
import { Dialog } from '../ui/Dialog';
import { fieldText, stamp, valueText } from '../history/format';
import { ChangeList, type ChangeLine } from '../history/ChangeList';
import '../history/history.css';
import { useApp } from '../app-context';
import { api } from '../api';
import { date, field, lang, num, pick, t, vnd } from '../i18n';
import { dateInputToIso, isoToDateInput, parseNumberInput } from '../board/card-helpers';

/** Leaders and admins on an edit link may change the facts (the write policy enforces it). */
export function useCanEditFacts(): () => boolean {
  const { conn } = useApp();
  return () => conn.canEdit && mayWriteArea(conn.config.tokenInfo.role, 'facts');
}

/** "07:30, 15/04/2025 · Hội trường UBND xã" or "dự kiến 31/03/2025 (cuối quý I/2025 …)". */
export function conferenceWhen(f: BoardFacts): string {
  const c = conferenceDateInForce(f);
  if (!c.date) return t('conferenceNotSet');
  const day = c.basis === 'set'
    ? [f.conferenceTime, date(c.date)].filter(Boolean).join(', ')
    : t('conferenceDefault', { date: date(c.date), q: lang() === 'vi' ? (['I', 'II', 'III', 'IV'][(f.session?.quarter ?? 1) - 1] ?? '') : (f.session?.quarter ?? ''), y: f.session?.year ?? '' });
  return [day, f.conferencePlace].filter(Boolean).join(' · ');
}

interface FundRow {
  id: string;
  nameVi: string;
  nameEn: string;
  amount: string;
}
interface FactsForm {
  conferenceDate: string;
  conferenceTime: string;
  conferencePlace: string;
  delegateCap: string;
  delegateCount: string;
  chairs: string;
  funds: FundRow[];
  awardFundId: string;
}

const numText = (n: number | null): string => (n === null ? '' : String(n));

function formOf(f: BoardFacts): FactsForm {
  return {
    conferenceDate: isoToDateInput(f.conferenceDate),
    conferenceTime: f.conferenceTime ?? '',
    conferencePlace: f.conferencePlace ?? '',
    delegateCap: numText(f.delegateCap),
    delegateCount: numText(f.delegateCount),
    chairs: numText(f.chairs),
    funds: f.funds.map((x) => ({ id: x.id, nameVi: x.nameVi, nameEn: x.nameEn, amount: numText(x.amount) })),
    awardFundId: f.awardFundId ?? '',
  };
}

/** Text → what the board model takes; wrong text is passed on for it to name. */
function numberOf(s: string): unknown {
  if (s.trim() === '') return null;
  const n = parseNumberInput(s, lang());
  return Number.isNaN(n) ? s : n;
}

function patchOf(form: FactsForm, before: BoardFacts): { patch: FactsPatch; conferenceDate: { changed: boolean; value: string | null } } {
  const p: Record<string, unknown> = {};
  const set = (k: keyof BoardFacts, v: unknown) => {
    if (JSON.stringify(v) !== JSON.stringify(before[k])) p[k] = v;
  };
  set('conferenceTime', form.conferenceTime.trim() || null);
  set('conferencePlace', form.conferencePlace.trim() || null);
  set('delegateCap', numberOf(form.delegateCap));
  set('delegateCount', numberOf(form.delegateCount));
  set('chairs', numberOf(form.chairs));
  const ids = new Set<string>();
  const funds = form.funds.map((r, i) => {
    let id = r.id || slugify(r.nameVi) || `fund-${i + 1}`;
    while (ids.has(id)) id = `${id}-${i + 1}`;
    ids.add(id);
    return { id, nameVi: r.nameVi, nameEn: r.nameEn || r.nameVi, amount: numberOf(r.amount) };
  });
  set('funds', funds);
  // A removed fund cannot keep paying the awards.
  set('awardFundId', form.awardFundId && ids.has(form.awardFundId) ? form.awardFundId : null);
  const cd = dateInputToIso(form.conferenceDate);
  return { patch: p as FactsPatch, conferenceDate: { changed: cd !== before.conferenceDate, value: cd } };
}

export function FactsPanel(): JSX.Element {
  const { store, session } = useApp();
  const canEdit = useCanEditFacts();
  const [editing, setEditing] = createSignal(false);
  const facts = () => store.state.board?.facts;
  const awardFund = () => {
    const f = facts();
    return f?.funds.find((x) => x.id === f.awardFundId) ?? f?.funds[0] ?? null;
  };
  return (
    <section class="panel facts" aria-labelledby="facts-h" data-testid="facts-panel">
      <div class="facts__head">
        <h3 id="facts-h">{t('factsTitle')}</h3>
        <Show when={canEdit()}>
          <button type="button" class="button button--small no-print" data-testid="edit-facts" onClick={() => setEditing(true)}>{t('editFacts')}</button>
        </Show>
      </div>
      <Show when={facts()}>
        {(f) => (
          <dl class="facts__list">
            <div><dt>{field('conferenceDate')}</dt><dd data-testid="facts-when">{conferenceWhen(f())}</dd></div>
            <div><dt>{field('delegateCount')}</dt><dd data-testid="facts-delegates">{num(f().delegateCount ?? 0)}{f().delegateCap !== null ? ` / ${num(f().delegateCap!)}` : ''}</dd></div>
            <Show when={f().chairs !== null}><div><dt>{field('chairs')}</dt><dd>{num(f().chairs!)}</dd></div></Show>
            <Show when={f().session?.text}><div><dt>{t('sessionText')}</dt><dd>{f().session!.text}</dd></div></Show>
            <For each={f().funds}>
              {(x) => (
                <div data-fund={x.id}>
                  <dt>{pick({ vi: x.nameVi, en: x.nameEn })}</dt>
                  <dd class="money">{x.amount === null ? t('fundNotSet') : vnd(x.amount)}{awardFund()?.id === x.id ? ` · ${t('awardFundPays')}` : ''}</dd>
                </div>
              )}
            </For>
          </dl>
        )}
      </Show>
      <Show when={facts()?.updatedAt}>
        <p class="muted small" data-testid="facts-updated">{t('factsUpdated', { when: stamp(facts()!.updatedAt!), who: facts()!.updatedBy ?? '—' })}</p>
      </Show>
      {/* The audit log and member names need a signed-in session (links cannot read them). */}
      <Show when={canEdit() && session}>
        <FactsHistory />
      </Show>
      <Show when={editing()}>
        <FactsEditor onDone={() => setEditing(false)} />
      </Show>
    </section>
  );
}


/** Who changed the facts and when (the audit log; editor+; shown to leaders with the editor). */
function FactsHistory(): JSX.Element {
  const { conn, store } = useApp();
  const [open, setOpen] = createSignal(false);
  const boardPath = `/api/boards/${encodeURIComponent(conn.config.boardId)}`;
  const [rows] = createResource(open, async () => {
    const [audit, members] = await Promise.all([
      api<{ entries: AuditEntry[] }>('GET', `${boardPath}/audit?limit=100`),
      api<{ members: Array<{ userId: string; name: string }> }>('GET', `${boardPath}/members`),
    ]);
    if (!audit.ok) return null;
    const names = new Map(members.ok ? members.data.members.map((m) => [m.userId, m.name]) : []);
    return audit.data.entries
      .filter((e) => e.cardId === '' && e.fields.some((f) => f.startsWith('facts.')))
      .map((e) => {
        const changed = (e.changes ?? []).filter((c) => c.field.startsWith('facts.'));
        // Entries written before old → new values were kept name the facts only.
        const what: ChangeLine[] = changed.length
          ? changed.map((c) => ({ field: fieldText(c.field), old: valueText(c.field, c.old, store.state.board), new: valueText(c.field, c.new, store.state.board) }))
          : e.fields.filter((f) => f.startsWith('facts.') && !/updated(At|By)$/.test(f)).map((f) => ({ field: fieldText(f), old: null, new: null }));
        return { ...e, who: names.get(e.actor) ?? e.actor, what };
      });
  });
  return (
    <details class="facts__history no-print" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('factsHistory')}</summary>
      <Show when={!rows.loading} fallback={<p class="muted">{t('loading')}</p>}>
        <Show when={rows()} fallback={<p class="muted">{t('factsHistoryUnavailable')}</p>}>
          {(list) => (
            <Show when={list().length} fallback={<p class="muted">{t('factsHistoryNone')}</p>}>
              <ul data-testid="facts-history">
                <For each={list()}>
                  {(r) => (
                    <li>
                      {stamp(r.at)} · {r.who}
                      <ChangeList lines={r.what} withOld />
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </details>
  );
}

/** Under a fund that budget lines use: move them to another saved fund, after which the fund may be removed. */
function MoveFundLines(props: { fundId: string; count: number; index: number }): JSX.Element {
  const { store, actions, ui } = useApp();
  const others = () => (store.state.board?.facts.funds ?? []).filter((f) => f.id !== props.fundId);
  const [to, setTo] = createSignal('');
  const target = () => (others().some((f) => f.id === to()) ? to() : others()[0]?.id ?? '');
  const move = () => {
    const fund = others().find((f) => f.id === target());
    if (!fund) return;
    const r = actions.moveFundLines(props.fundId, fund.id);
    if (r.ok) {
      const text = t('linesMoved', { n: r.value, fund: pick({ vi: fund.nameVi, en: fund.nameEn }) });
      ui.announce(text);
      ui.toast(text);
    } else ui.toast(r.issues.map((i) => pick(i)).join('; '));
  };
  return (
    <Show when={others().length}>
      <div class="funds-editor__move">
        <label>
          <span>{t('moveLinesTo')}</span>
          <select data-testid={`fund-move-to-${props.index}`} value={target()} onChange={(e) => setTo(e.currentTarget.value)}>
            <For each={others()}>{(f) => <option value={f.id}>{pick({ vi: f.nameVi, en: f.nameEn })}</option>}</For>
          </select>
        </label>
        <button type="button" class="button button--small" data-testid={`fund-move-${props.index}`} onClick={move}>{t('moveLines', { n: props.count })}</button>
      </div>
    </Show>
  );
}

function FactsEditor(props: { onDone: () => void }): JSX.Element {
  const { store, actions, ui } = useApp();
  const initial = store.state.board!.facts;
  const [form, setForm] = createStore<FactsForm>(formOf(initial));
  const [issues, setIssues] = createSignal<Issue[]>([]);
  /** Step 2: the due dates that follow the conference, each ticked or not. */
  const [shifts, setShifts] = createSignal<Array<DueDateShift & { move: boolean }> | null>(null);
  let dialog: HTMLDialogElement | undefined;
  const close = () => dialog?.close();
  const units = createMemo(() => new Map((store.state.board?.units ?? []).map((u) => [u.id, pick({ vi: u.nameVi, en: u.nameEn })])));

  const errorsFor = (name: string) => issues().filter((i) => i.path === name || i.path.startsWith(`${name}.`));
  /** Budget lines (live and in the trash) on a stored fund: such a fund cannot be removed here. */
  const inUse = (fundId: string) => {
    const board = store.state.board;
    if (!fundId || !board) return 0;
    const u = budgetLinesOfFund(board, fundId);
    return u.live + u.trashed;
  };
  const messageOf = (i: Issue) => {
    const m = /^funds\.(\d+)\./.exec(i.path);
    return m ? `${t('fundsTitle')} ${Number(m[1]) + 1}: ${pick(i)}` : pick(i);
  };

  function save(moveIds: readonly string[] | null): void {
    const { patch, conferenceDate } = patchOf(form, store.state.board!.facts);
    const r = actions.setFacts(patch, conferenceDate.changed ? { date: conferenceDate.value, moveTaskIds: moveIds ?? [] } : undefined);
    if (!r.ok) {
      setIssues(r.issues);
      setShifts(null);
      return;
    }
    ui.announce(t('factsSaved'));
    ui.toast(t('factsSaved'));
    close();
  }

  function submit(e: Event): void {
    e.preventDefault();
    const { conferenceDate } = patchOf(form, store.state.board!.facts);
    const board = store.raw();
    if (conferenceDate.changed && board) {
      const target = conferenceDate.value ?? conferenceDateInForce({ ...board.facts, conferenceDate: null }).date;
      // A date that is not real is named by the board model on save.
      if (target && /^\d{4}-\d{2}-\d{2}$/.test(target)) {
        try {
          const list = dueDateShifts(board, target as IsoDate);
          if (list.length) {
            setIssues([]);
            setShifts(list.map((s) => ({ ...s, move: s.followsRule })));
            return;
          }
        } catch {
          /* not a real date: save() reports it */
        }
      }
    }
    save(null);
  }

  const text = (name: keyof FactsForm & string, opts: { hint?: string; inputmode?: 'numeric'; placeholder?: string } = {}) => {
    const id = `facts-${name}`;
    const errs = () => errorsFor(name);
    return (
      <div class="field" classList={{ 'field--error': errs().length > 0 }}>
        <label for={id}>{field(name)}</label>
        <input id={id} name={name} type="text" value={form[name] as string} inputmode={opts.inputmode} placeholder={opts.placeholder}
          aria-invalid={errs().length > 0} aria-describedby={errs().length ? `${id}-err` : undefined}
          onInput={(e) => setForm(name, e.currentTarget.value as never)} />
        <Show when={opts.hint}><small class="hint">{opts.hint}</small></Show>
        <Show when={errs().length}><p id={`${id}-err`} class="field__error">{errs().map(messageOf).join('; ')}</p></Show>
      </div>
    );
  };

  const from = () => {
    const c = conferenceDateInForce(store.state.board!.facts).date;
    return c ? date(c) : '—';
  };
  const to = () => {
    const iso = dateInputToIso(form.conferenceDate);
    return iso ? date(iso) : t('conferenceNotSet');
  };
  const offsetText = (n: number) => (n < 0 ? t('offsetBefore', { n: -n }) : n > 0 ? t('offsetAfter', { n }) : t('offsetOn'));

  return (
    <Dialog ref={(el) => (dialog = el)} labelledBy="facts-editor-title" testId="facts-editor" onClose={props.onDone}>
      <form class="editor" onSubmit={submit} novalidate>
        <header class="dialog__head">
          <h2 id="facts-editor-title">{shifts() ? t('moveDueTitle') : t('editFacts')}</h2>
          <button type="button" class="button button--ghost" aria-label={t('close')} onClick={close}>✕</button>
        </header>
        <Show when={issues().length}>
          <div class="error-summary" role="alert">
            <p>{t('fixErrors')}</p>
            <ul><For each={issues()}>{(i) => <li>{messageOf(i)}</li>}</For></ul>
          </div>
        </Show>
        <Show
          when={shifts()}
          fallback={
            <>
              <p class="muted small">{t('factsLeadersOnly')}</p>
              <div class="field-row">
                {text('conferenceDate', { placeholder: t('datePlaceholder'), hint: t('dateHint') })}
                {text('conferenceTime', { placeholder: '07:30', hint: t('timeHint') })}
              </div>
              {text('conferencePlace')}
              <div class="field-row">
                {text('delegateCap', { inputmode: 'numeric' })}
                {text('delegateCount', { inputmode: 'numeric' })}
                {text('chairs', { inputmode: 'numeric' })}
              </div>
              <fieldset class="funds-editor">
                <legend>{t('fundsTitle')}</legend>
                <Index each={form.funds}>
                  {(row, i) => (
                    <div class="funds-editor__row" data-testid={`fund-row-${i}`} classList={{ 'field--error': errorsFor(`funds.${i}`).length > 0 }}>
                      <label>
                        <span>{t('fundName')}</span>
                        <input type="text" value={row().nameVi} onInput={(e) => setForm('funds', i, 'nameVi', e.currentTarget.value)} />
                      </label>
                      <label>
                        <span>{t('fundAmount')}</span>
                        <input type="text" inputmode="numeric" value={row().amount} data-testid={`fund-amount-${i}`} onInput={(e) => setForm('funds', i, 'amount', e.currentTarget.value)} />
                      </label>
                      <button type="button" class="button button--ghost button--small" aria-label={`${t('removeFund')} ${i + 1}`}
                        disabled={inUse(row().id) > 0} aria-describedby={inUse(row().id) > 0 ? `fund-in-use-${i}` : undefined}
                        onClick={() => setForm('funds', (l) => l.filter((_, j) => j !== i))}>✕</button>
                      <Show when={inUse(row().id) > 0}>
                        <small class="hint funds-editor__in-use" id={`fund-in-use-${i}`} data-testid={`fund-in-use-${i}`}>{t('fundInUse', { n: inUse(row().id) })}</small>
                        <MoveFundLines fundId={row().id} count={inUse(row().id)} index={i} />
                      </Show>
                    </div>
                  )}
                </Index>
                <button type="button" class="button button--ghost button--small" onClick={() => setForm('funds', (l) => [...l, { id: '', nameVi: '', nameEn: '', amount: '' }])}>+ {t('addFund')}</button>
                <Show when={errorsFor('funds').length}><p class="field__error">{errorsFor('funds').map(messageOf).join('; ')}</p></Show>
              </fieldset>
              <div class="field">
                <label for="facts-awardFundId">{t('awardFundPays')}</label>
                <select id="facts-awardFundId" onChange={(e) => setForm('awardFundId', e.currentTarget.value)}>
                  <option value="" selected={form.awardFundId === ''}>{t('none')}</option>
                  <For each={form.funds.filter((f) => f.id)}>{(f) => <option value={f.id} selected={form.awardFundId === f.id}>{f.nameVi}</option>}</For>
                </select>
              </div>
            </>
          }
        >
          {(list) => (
            <div data-testid="move-due">
              <p>{t('moveDueIntro', { from: from(), to: to() })}</p>
              <ul class="shift-list">
                <For each={list()}>
                  {(s, i) => (
                    <li>
                      <label>
                        <input type="checkbox" checked={s.move} data-card-id={s.cardId} onChange={(e) => setShifts((l) => l!.map((x, j) => (j === i() ? { ...x, move: e.currentTarget.checked } : x)))} />
                        <span><strong>{s.title}</strong> <span class="muted">· {units().get(s.unit) ?? s.unit} · {offsetText(s.offset)}</span><br />
                          {s.from ? date(s.from) : '—'} → <strong>{date(s.to)}</strong>
                          <Show when={!s.followsRule}> <em class="muted">({t('byHand')})</em></Show>
                        </span>
                      </label>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </Show>
        <footer class="dialog__foot">
          <Show
            when={shifts()}
            fallback={
              <>
                <button type="button" class="button button--ghost" onClick={close}>{t('cancel')}</button>
                <button type="submit" class="button button--primary" data-testid="save-facts">{t('save')}</button>
              </>
            }
          >
            {(list) => (
              <>
                <button type="button" class="button button--ghost" data-testid="keep-due" onClick={() => save([])}>{t('saveKeepDue')}</button>
                <button type="button" class="button button--primary" data-testid="move-due-save" onClick={() => save(list().filter((s) => s.move).map((s) => s.cardId))}>
                  {t('moveDueAndSave', { n: list().filter((s) => s.move).length })}
                </button>
              </>
            )}
          </Show>
        </footer>
      </form>
    </Dialog>
  );
}
