/**
 * The card editor, one form per kind, in a modal <dialog>. Values are checked by the board
 * model (addCard / updateCard): its messages are shown next to each field and in a summary,
 * in the page's language, and nothing is saved while any remains. Only the fields the person
 * changed are written, so a concurrent edit of another field by someone else is kept.
 * On a view link the same dialog shows the card's details and no control that edits.
 * It offers only what the page's role may write (core's policy): for an editor, the review
 * statuses "approved" and "awarded" are shown but disabled, with "Chỉ lãnh đạo được duyệt".
 */
import { For, Index, Match, Show, Switch, createMemo, createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  AWARD_FORM_IDS, BUDGET_STATUSES, CARD_KINDS, NOMINEE_KINDS, REVIEW_STATUSES, TASK_STATUSES, atLeast, mayChooseReviewStatus,
  type Card, type CardKind, type Issue, type NewCardInput,
} from '@binhan/core';
import { useApp, type EditorTarget } from '../app-context';
import { awardForm, date, field, lang, pick, qty, t, value, vnd } from '../i18n';
import { cardLabel, dateInputToIso, isoToDateInput, parseNumberInput } from './card-helpers';
import { CashDetails } from './NomineeCash';
import { CardComments } from './Comments';
import { peopleOf } from './people';
import { overwrittenFields, otherVersionText } from './overwrites';
import { watchOverwrites } from './overwrite-watch';
import { tp } from '../i18n/strings-people';
import { Dialog } from '../ui/Dialog';
import { CardHistory } from '../history/CardHistory';
import { CARD_NAME_FIELDS, fundName, isRealIsoDate, type AwardFormId, type NomineeKind } from '@binhan/core';

interface Item {
  id?: string;
  text: string;
  done: boolean;
}

interface Form {
  values: Record<string, string>;
  items: Item[];
}

const DATE_FIELDS = new Set(['due', 'decisionDate']);

function formOf(card: Card | null, kind: CardKind, defaultFund: string): Form {
  const copy = (l: Item[]) => l.map((i) => ({ ...i }));
  if (card?.kind === 'task')
    return { values: { title: card.title, clause: card.clause ?? '', description: card.description, assignee: card.assignee ?? '', cooperating: card.cooperating ?? '', due: isoToDateInput(card.due), dueOffsetDays: card.dueOffsetDays === null ? '' : String(card.dueOffsetDays), status: card.status }, items: copy(card.checklist) };
  if (card?.kind === 'nominee')
    return { values: { name: card.name, nomineeKind: card.nomineeKind, achievement: card.achievement, awardForm: card.awardForm ?? '', reviewStatus: card.reviewStatus, decisionDate: isoToDateInput(card.decisionDate) }, items: copy(card.dossier) };
  if (card?.kind === 'budget')
    return { values: { line: card.line, quantity: String(card.quantity), unitPrice: String(card.unitPrice), fundingSource: card.fundingSource, status: card.status }, items: [] };
  if (kind === 'task') return { values: { title: '', clause: '', description: '', assignee: '', cooperating: '', due: '', dueOffsetDays: '', status: 'todo' }, items: [] };
  if (kind === 'nominee') return { values: { name: '', nomineeKind: 'individual', achievement: '', awardForm: '', reviewStatus: 'proposed', decisionDate: '' }, items: [] };
  return { values: { line: '', quantity: '1', unitPrice: '', fundingSource: defaultFund, status: 'planned' }, items: [] };
}

const nullIfEmpty = (s: string): string | null => (s.trim() === '' ? null : s);

/** Form text → the values the board model takes (wrong input is passed on for it to name). */
function fieldsOf(kind: CardKind, form: Form): Record<string, unknown> {
  const f = form.values;
  const items = form.items.map((i) => ({ ...(i.id ? { id: i.id } : {}), text: i.text, done: i.done }));
  const num = (s: string): unknown => {
    if (s.trim() === '') return undefined;
    const n = parseNumberInput(s, lang());
    return Number.isNaN(n) ? s : n;
  };
  if (kind === 'task')
    return { title: f['title'], clause: nullIfEmpty(f['clause']!), description: f['description'], assignee: nullIfEmpty(f['assignee']!), cooperating: nullIfEmpty(f['cooperating'] ?? ''), due: dateInputToIso(f['due']!), dueOffsetDays: num(f['dueOffsetDays'] ?? '') ?? null, status: f['status'], checklist: items };
  if (kind === 'nominee')
    return { name: f['name'], nomineeKind: f['nomineeKind'], achievement: f['achievement'], awardForm: nullIfEmpty(f['awardForm']!), reviewStatus: f['reviewStatus'], decisionDate: dateInputToIso(f['decisionDate']!), dossier: items };
  return { line: f['line'], quantity: num(f['quantity']!), unitPrice: num(f['unitPrice']!), fundingSource: f['fundingSource'], status: f['status'] };
}

export function CardDialogHost(): JSX.Element {
  const { ui, conn } = useApp();
  return (
    <Show when={ui.editor()} keyed>
      {(target) => (conn.canEdit ? <CardEditor target={target} /> : <CardDetails target={target} />)}
    </Show>
  );
}

/** The dialog's element (to close it) and the handler for when it closed. */
function useDialog(onClosed: () => void): { ref: (el: HTMLDialogElement) => void; close: () => void; onClose: () => void } {
  let dialog: HTMLDialogElement | undefined;
  return {
    ref: (el) => {
      dialog = el;
    },
    close: () => dialog?.close(),
    onClose: onClosed,
  };
}

function CardEditor(props: { target: EditorTarget }): JSX.Element {
  const { store, ui, actions, presence, conn } = useApp();
  const role = conn.config.tokenInfo.role;
  const target = props.target;
  const cardId = target.mode === 'edit' ? target.cardId : null;
  const card = createMemo(() => (cardId ? (store.state.board?.cards.find((c) => c.id === cardId) ?? null) : null));
  const initialCard = card();
  const funds = () => store.state.board?.facts.funds ?? [];
  const defaultFund = store.state.board?.facts.awardFundId ?? funds()[0]?.id ?? '';
  const [kind, setKind] = createSignal<CardKind>(initialCard?.kind ?? (target.mode === 'new' ? target.kind : 'task'));
  const initialForm = formOf(initialCard, kind(), defaultFund);
  const [form, setForm] = createStore<Form>(structuredClone(initialForm));
  const [issues, setIssues] = createSignal<Issue[]>([]);
  const { ref, close, onClose } = useDialog(() => ui.openEditor(null));
  const others = () => (cardId ? presence.editorsOf(cardId) : []);
  let summary: HTMLDivElement | undefined;

  if (cardId) {
    presence.setEditing(cardId);
    onCleanup(() => presence.setEditing(null));
  }

  const switchKind = (k: CardKind) => {
    setKind(k);
    setForm(formOf(null, k, defaultFund));
    setIssues([]);
  };

  const messageOf = (i: Issue): string => {
    const f = i.path.split('.')[0] ?? '';
    if (i.code === 'invalid-date' && DATE_FIELDS.has(f)) return t('notADate', { field: field(f), value: form.values[f] ?? '' });
    return pick(i);
  };
  const errorsFor = (name: string) => issues().filter((i) => (i.path.split('.')[0] ?? '') === name || (name === 'items' && /^(checklist|dossier)\b/.test(i.path)));

  function submit(e: Event): void {
    e.preventDefault();
    const k = kind();
    const values = fieldsOf(k, form);
    let result;
    let overwritten: Array<{ key: string; other: unknown }> = [];
    let written: Record<string, { before: unknown }> = {};
    if (target.mode === 'new') {
      result = actions.add({ kind: k, unit: target.unit, ...values } as unknown as NewCardInput);
    } else {
      const before = fieldsOf(k, initialForm);
      const patch: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(values)) if (JSON.stringify(v) !== JSON.stringify(before[key])) patch[key] = v;
      if (!card()) {
        setIssues([{ path: '', code: 'not-found', vi: 'Thẻ này vừa bị xóa', en: 'This card was just deleted' }]);
        return;
      }
      // What someone else wrote meanwhile in the fields this save replaces: offered back after saving.
      overwritten = overwrittenFields(before, fieldsOf(k, formOf(card(), k, defaultFund)), patch);
      const prior = card() as unknown as Record<string, unknown>;
      written = Object.fromEntries(Object.keys(patch).map((key) => [key, { before: prior[key] }]));
      result = Object.keys(patch).length ? actions.update(cardId!, patch) : ({ ok: true, value: card()! } as const);
    }
    if (!result.ok) {
      setIssues(result.issues);
      queueMicrotask(() => summary?.focus());
      return;
    }
    setIssues([]);
    const saved = result.value;
    ui.announce(t(target.mode === 'new' ? 'created' : 'saved', { card: cardLabel(saved) }));
    close();
    ui.focusCard(saved.id);
    if (Object.keys(written).length) {
      // Someone saving the same field later: this tab is told, and may take its version back.
      watchOverwrites(conn.doc(), saved.id, written, (o) => {
        // The card by its name; when the name itself was overwritten, the sentence names both.
        const what = CARD_NAME_FIELDS.includes(o.key)
          ? tp('overwrittenMineName', { field: field(o.key), mine: otherVersionText(o.mine), theirs: otherVersionText(o.theirs) })
          : tp('overwrittenMine', { field: field(o.key), card: cardLabel(saved), theirs: otherVersionText(o.theirs), mine: otherVersionText(o.mine) });
        ui.toast(`${tp('overwrittenByOther', { who: o.by ?? tp('someoneElse') })}. ${what}`, {
          label: tp('takeMineBack'),
          run: () => {
            const back = actions.update(saved.id, { [o.key]: o.mine } as never);
            if (back.ok) ui.announce(tp('mineRestored', { field: field(o.key) }));
            else ui.toast(back.issues.map((i) => pick(i)).join('; '));
          },
        });
      });
    }
    for (const o of overwritten) {
      // "Overwritten — here is the other version", with a way to take it back.
      ui.toast(`${tp('overwrittenTitle')}. ${tp('overwrittenField', { field: field(o.key), other: otherVersionText(o.other) })}`, {
        label: tp('takeOtherBack'),
        run: () => {
          const back = actions.update(saved.id, { [o.key]: o.other } as never);
          if (back.ok) ui.announce(tp('otherRestored', { field: field(o.key) }));
          else ui.toast(back.issues.map((i) => pick(i)).join('; '));
        },
      });
    }
  }

  const text = (name: string, opts: { multiline?: boolean; required?: boolean; hint?: string; inputmode?: 'numeric' | 'decimal'; placeholder?: string; autofocus?: boolean; list?: string } = {}) => {
    const id = `f-${name}`;
    const errs = () => errorsFor(name);
    /** Someone else changed this field since the form opened (saving would replace it). */
    const meanwhile = () => {
      const c = card();
      if (!c || target.mode !== 'edit') return null;
      const now = formOf(c, c.kind, defaultFund).values[name] ?? '';
      return now !== (initialForm.values[name] ?? '') && now !== (form.values[name] ?? '') ? now : null;
    };
    const describedBy = () => [opts.hint ? `${id}-hint` : '', errs().length ? `${id}-err` : '', meanwhile() !== null ? `${id}-meanwhile` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field" classList={{ 'field--error': errs().length > 0 }}>
        <label for={id}>
          {field(name)}
          {opts.required ? <span aria-hidden="true"> *</span> : null}
        </label>
        {opts.multiline ? (
          <textarea id={id} name={name} rows={3} value={form.values[name] ?? ''} aria-invalid={errs().length > 0} aria-describedby={describedBy()} onInput={(e) => setForm('values', name, e.currentTarget.value)} />
        ) : (
          <input
            id={id}
            name={name}
            type="text"
            value={form.values[name] ?? ''}
            inputmode={opts.inputmode}
            placeholder={opts.placeholder}
            list={opts.list}
            autocomplete={opts.list ? 'off' : undefined}
            autofocus={opts.autofocus}
            aria-required={opts.required}
            aria-invalid={errs().length > 0}
            aria-describedby={describedBy()}
            onInput={(e) => setForm('values', name, e.currentTarget.value)}
          />
        )}
        <Show when={opts.hint}><small id={`${id}-hint`} class="hint">{opts.hint}</small></Show>
        <Show when={meanwhile() !== null}>
          <small id={`${id}-meanwhile`} class="hint hint--conflict" data-testid={`${name}-meanwhile`}>{tp('changedMeanwhile', { field: field(name), other: otherVersionText(meanwhile()!) })}</small>
        </Show>
        <Show when={errs().length}>
          <p id={`${id}-err`} class="field__error">{errs().map(messageOf).join('; ')}</p>
        </Show>
      </div>
    );
  };

  /**
   * A choice. `locked(v)` names the values the role may not choose (shown disabled, with the
   * sentence `lockedNote` beside the choice and after each such value).
   */
  const choice = (
    name: string,
    values: readonly string[],
    labelOf: (v: string) => string,
    opts: { none?: boolean; labelField?: string; locked?: (v: string) => boolean; lockedNote?: string } = {},
  ) => {
    const id = `f-${name}`;
    const errs = () => errorsFor(name);
    const locked = (v: string) => opts.locked?.(v) ?? false;
    const anyLocked = () => values.some(locked);
    const describedBy = () => [anyLocked() ? `${id}-locked` : '', errs().length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field" classList={{ 'field--error': errs().length > 0 }}>
        <label for={id}>{field(opts.labelField ?? name)}</label>
        <select id={id} name={name} aria-invalid={errs().length > 0} aria-describedby={describedBy()} onChange={(e) => setForm('values', name, e.currentTarget.value)}>
          <Show when={opts.none}><option value="" selected={form.values[name] === ''}>{t('none')}</option></Show>
          <For each={[...values]}>
            {(v) => (
              <option value={v} selected={form.values[name] === v} disabled={locked(v)}>
                {locked(v) && opts.lockedNote ? `${labelOf(v)} — ${opts.lockedNote}` : labelOf(v)}
              </option>
            )}
          </For>
        </select>
        <Show when={anyLocked() && opts.lockedNote}>
          <small id={`${id}-locked`} class="hint hint--locked" data-testid={`${name}-locked`}>
            {opts.lockedNote} ({values.filter(locked).map(labelOf).join(', ')})
          </small>
        </Show>
        <Show when={errs().length}><p id={`${id}-err` } class="field__error">{errs().map(messageOf).join('; ')}</p></Show>
      </div>
    );
  };
  /** The status the card has now (the server decides a change from it), or a new nominee's. */
  const currentReviewStatus = () => {
    const c = card();
    return c?.kind === 'nominee' ? c.reviewStatus : (initialForm.values['reviewStatus'] ?? 'proposed');
  };
  const reviewStatusLocked = (v: string) => !mayChooseReviewStatus(role, currentReviewStatus(), v);

  /** The cash of the nominee as typed (a date not yet valid is left out). */
  const editorCash = () => {
    const d = dateInputToIso(form.values['decisionDate'] ?? '');
    return {
      awardForm: (form.values['awardForm'] || null) as AwardFormId | null,
      nomineeKind: (form.values['nomineeKind'] ?? 'individual') as NomineeKind,
      decisionDate: d && isRealIsoDate(d) ? d : null,
    };
  };

  const amount = () => {
    const q = parseNumberInput(form.values['quantity'] ?? '', lang());
    const p = parseNumberInput(form.values['unitPrice'] ?? '', lang());
    return Number.isFinite(q) && Number.isFinite(p) ? vnd(Math.round(q * p)) : '—';
  };

  const checklist = (listField: 'checklist' | 'dossier') => (
    <fieldset class="checklist">
      <legend>{field(listField)}</legend>
      <Index each={form.items}>
        {(item, i) => (
          <div class="checklist__item">
            <input type="checkbox" id={`item-done-${i}`} checked={item().done} aria-label={`${field('done')}: ${item().text || t('itemText', { n: i + 1 })}`} onChange={(e) => setForm('items', i, 'done', e.currentTarget.checked)} />
            <input type="text" value={item().text} aria-label={t('itemText', { n: i + 1 })} aria-invalid={issues().some((x) => x.path.startsWith(`${listField}.${i}.`))} onInput={(e) => setForm('items', i, 'text', e.currentTarget.value)} />
            <button type="button" class="button button--ghost button--small" aria-label={`${t('removeItem')} ${i + 1}`} onClick={() => setForm('items', (l) => l.filter((_, j) => j !== i))}>✕</button>
          </div>
        )}
      </Index>
      <button type="button" class="button button--ghost button--small" onClick={() => setForm('items', (l) => [...l, { text: '', done: false }])}>+ {t('addItem')}</button>
      <Show when={errorsFor('items').length}><p class="field__error">{errorsFor('items').map(messageOf).join('; ')}</p></Show>
    </fieldset>
  );

  return (
    <Dialog ref={ref} labelledBy="editor-title" onClose={onClose}>
      <form class="editor" onSubmit={submit} novalidate>
        <header class="dialog__head">
          <h2 id="editor-title">{target.mode === 'new' ? t('newCard') : t('editCard')}</h2>
          <button type="button" class="button button--ghost" aria-label={t('close')} onClick={close}>✕</button>
        </header>
        <Show when={others().length}>
          <p class="notice" role="status">{others().map((p) => t('isEditing', { name: p.name })).join(', ')}</p>
        </Show>
        <Show when={issues().length}>
          <div class="error-summary" role="alert" tabIndex={-1} ref={summary}>
            <p>{t('fixErrors')}</p>
            <ul><For each={issues()}>{(i) => <li>{messageOf(i)}</li>}</For></ul>
          </div>
        </Show>
        <Show when={target.mode === 'new'}>
          <fieldset class="kind-picker">
            <legend>{t('cardKind')}</legend>
            <For each={[...CARD_KINDS]}>
              {(k) => (
                <label class="kind-picker__option">
                  <input type="radio" name="kind" value={k} checked={kind() === k} onChange={() => switchKind(k)} />
                  {value('kind', k)}
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <Switch>
          <Match when={kind() === 'task'}>
            {text('title', { required: true, autofocus: true })}
            <div class="field-row">
              {text('clause', { placeholder: 'IV.1' })}
              {text('assignee', { list: 'assignee-people', hint: tp('assigneeHint') })}
            </div>
            <datalist id="assignee-people" data-testid="assignee-people">
              <For each={peopleOf(conn)()}>{(p) => <option value={p.name} />}</For>
            </datalist>
            {text('description', { multiline: true })}
            {text('cooperating')}
            <div class="field-row">
              {text('due', { placeholder: t('datePlaceholder'), hint: t('dateHint') })}
              {choice('status', TASK_STATUSES, (v) => value('status', v))}
            </div>
            {text('dueOffsetDays', { inputmode: 'numeric', hint: t('offsetHint') })}
            {checklist('checklist')}
          </Match>
          <Match when={kind() === 'nominee'}>
            {text('name', { required: true, autofocus: true })}
            {choice('nomineeKind', NOMINEE_KINDS, (v) => value('nomineeKind', v))}
            {text('achievement', { multiline: true })}
            {choice('awardForm', AWARD_FORM_IDS, awardForm, { none: true })}
            <div class="field-row">
              {choice('reviewStatus', REVIEW_STATUSES, (v) => value('reviewStatus', v), { locked: reviewStatusLocked, lockedNote: t('onlyLeadersApprove') })}
              {text('decisionDate', { placeholder: t('datePlaceholder'), hint: t('dateHint') })}
            </div>
            <CashDetails input={editorCash()} />
            {checklist('dossier')}
          </Match>
          <Match when={kind() === 'budget'}>
            {text('line', { required: true, autofocus: true })}
            <div class="field-row">
              {text('quantity', { required: true, inputmode: 'decimal', hint: t('numberHint') })}
              {text('unitPrice', { required: true, inputmode: 'numeric', hint: t('numberHint') })}
            </div>
            <p class="computed"><span>{t('computedAmount')}: </span><strong class="money" data-testid="computed-amount">{amount()}</strong></p>
            <Show
              when={funds().length > 0}
              fallback={text('fundingSource', { required: true })}
            >
              {choice('fundingSource', funds().map((f) => f.id), (id) => {
                const f = funds().find((x) => x.id === id);
                return f ? pick({ vi: f.nameVi, en: f.nameEn }) : id;
              })}
            </Show>
            {choice('status', BUDGET_STATUSES, (v) => value('status', v))}
          </Match>
        </Switch>
        <Show when={cardId && atLeast(role, 'editor')}>
          <CardHistory cardId={cardId!} />
        </Show>
        <footer class="dialog__foot">
          <button type="button" class="button button--ghost" onClick={close}>{t('cancel')}</button>
          <button type="submit" class="button button--primary">{t('save')}</button>
        </footer>
      </form>
      <Show when={cardId && initialCard}>
        <div class="dialog__section"><CardComments cardId={cardId!} /></div>
      </Show>
    </Dialog>
  );
}

/** Read-only details of a card (view links). */
function CardDetails(props: { target: EditorTarget }): JSX.Element {
  const { store, ui } = useApp();
  const cardId = props.target.mode === 'edit' ? props.target.cardId : '';
  const card = createMemo(() => store.state.board?.cards.find((c) => c.id === cardId) ?? null);
  const { ref, close, onClose } = useDialog(() => ui.openEditor(null));
  const row = (name: string, v: () => string) => (
    <div><dt>{field(name)}</dt><dd>{v() || '—'}</dd></div>
  );
  const items = (list: Array<{ id: string; text: string; done: boolean }>) => (
    <ul class="details__items">
      <For each={list}>{(i) => <li>{i.done ? '☑' : '☐'} {i.text}</li>}</For>
    </ul>
  );
  return (
    <Dialog ref={ref} labelledBy="details-title" onClose={onClose}>
      <header class="dialog__head">
        <h2 id="details-title">{card() ? cardLabel(card()!) : t('viewCard')}</h2>
        <button type="button" class="button button--ghost" aria-label={t('close')} onClick={close} autofocus>✕</button>
      </header>
      <Show when={card()}>
        {(c) => (
          <dl class="details">
            {row('kind', () => value('kind', c().kind))}
            <Switch>
              <Match when={c().kind === 'task' && c()}>
                {(x) => {
                  const task = x() as Extract<Card, { kind: 'task' }>;
                  return (
                    <>
                      {row('clause', () => task.clause ?? '')}
                      {row('status', () => value('status', task.status))}
                      {row('due', () => (task.due ? date(task.due) : ''))}
                      {row('dueOffsetDays', () => (task.dueOffsetDays === null ? '' : task.dueOffsetDays < 0 ? t('offsetBefore', { n: -task.dueOffsetDays }) : task.dueOffsetDays > 0 ? t('offsetAfter', { n: task.dueOffsetDays }) : t('offsetOn')))}
                      {row('assignee', () => task.assignee ?? '')}
                      {row('cooperating', () => task.cooperating ?? '')}
                      {row('description', () => task.description)}
                      <Show when={task.checklist.length}><div><dt>{field('checklist')}</dt><dd>{items(task.checklist)}</dd></div></Show>
                    </>
                  );
                }}
              </Match>
              <Match when={c().kind === 'nominee' && c()}>
                {(x) => {
                  const n = x() as Extract<Card, { kind: 'nominee' }>;
                  return (
                    <>
                      {row('nomineeKind', () => value('nomineeKind', n.nomineeKind))}
                      {row('achievement', () => n.achievement)}
                      {row('awardForm', () => (n.awardForm ? awardForm(n.awardForm) : ''))}
                      {row('reviewStatus', () => value('reviewStatus', n.reviewStatus))}
                      {row('decisionDate', () => (n.decisionDate ? date(n.decisionDate) : ''))}
                      <div><dt>{t('cashAward')}</dt><dd><CashDetails input={{ awardForm: n.awardForm, nomineeKind: n.nomineeKind, decisionDate: n.decisionDate }} /></dd></div>
                      <Show when={n.dossier.length}><div><dt>{field('dossier')}</dt><dd>{items(n.dossier)}</dd></div></Show>
                    </>
                  );
                }}
              </Match>
              <Match when={c().kind === 'budget' && c()}>
                {(x) => {
                  const b = x() as Extract<Card, { kind: 'budget' }>;
                  return (
                    <>
                      {row('quantity', () => qty(b.quantity))}
                      {row('unitPrice', () => vnd(b.unitPrice))}
                      {row('amount', () => vnd(b.amount))}
                      {row('fundingSource', () => pick(fundName(store.state.board?.facts ?? { funds: [] }, b.fundingSource)))}
                      {row('status', () => value('status', b.status))}
                    </>
                  );
                }}
              </Match>
            </Switch>
          </dl>
        )}
      </Show>
      <Show when={card()}>
        <div class="dialog__section"><CardComments cardId={cardId} /></div>
      </Show>
    </Dialog>
  );
}
