/**
 * Filter and search: by unit, kind, status, assignee and text (accents optional: "ke toan").
 * On a phone the search and "my tasks" stay in sight and the five lists fold behind a "more
 * filters" button that counts the ones in use, so the cards start on the first screen.
 */
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { BUDGET_STATUSES, CARD_KINDS, REVIEW_STATUSES, TASK_STATUSES } from '@binhan/core';
import { EMPTY_FILTERS, useApp, type Filters as F } from '../app-context';
import { field, pick, t, value } from '../i18n';
import { filterActive } from './card-helpers';
import { me, peopleOf } from './people';
import { tp } from '../i18n/strings-people';

export function Filters(): JSX.Element {
  const app = useApp();
  const { store, ui } = app;
  const who = me(app);
  // Without a typed or account name, me() falls back to the link's id (link:l-…): ask for a name instead.
  const myName = () => (who.name() === who.id ? '' : who.name());
  const people = peopleOf(app.conn);
  const set = (patch: Partial<F>, replace = false) => ui.setFilters({ ...ui.filters(), ...patch }, { replace });
  const assignees = createMemo(() => {
    const s = new Set<string>();
    for (const p of people()) s.add(p.name);
    for (const c of store.state.board?.cards ?? []) if (c.kind === 'task' && c.assignee) s.add(c.assignee);
    if (ui.filters().assignee) s.add(ui.filters().assignee);
    return [...s].sort((a, b) => a.localeCompare(b, 'vi'));
  });
  const statusGroups = () => [
    { kind: 'task', field: 'status', values: TASK_STATUSES as readonly string[] },
    { kind: 'nominee', field: 'reviewStatus', values: REVIEW_STATUSES as readonly string[] },
    { kind: 'budget', field: 'status', values: BUDGET_STATUSES as readonly string[] },
  ].filter((g) => !ui.filters().kind || g.kind === ui.filters().kind);
  const [open, setOpen] = createSignal(false);
  const folded = () => {
    const f = ui.filters();
    return [f.unit, f.kind, f.status, f.assignee, f.due].filter((v) => v !== '').length;
  };

  return (
    <form class="filters" classList={{ 'filters--open': open() }} role="search" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
      <label class="filters__text">
        <span>{t('search')}</span>
        <input
          type="search"
          placeholder={t('searchPlaceholder')}
          value={ui.filters().text}
          onInput={(e) => set({ text: e.currentTarget.value }, true)}
        />
      </label>
      <button
        type="button"
        class="button button--ghost filters__fold"
        aria-expanded={open()}
        aria-controls="filters-more"
        data-testid="filters-fold"
        onClick={() => setOpen(!open())}
      >
        {t('moreFilters')}{folded() ? ` (${folded()})` : ''} {open() ? '▴' : '▾'}
      </button>
      <div class="filters__more" id="filters-more">
        <label>
          <span>{field('unit')}</span>
          <select value={ui.filters().unit} onChange={(e) => set({ unit: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            <For each={store.state.board?.units ?? []}>{(u) => <option value={u.id}>{pick({ vi: u.nameVi, en: u.nameEn })}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t('cardKind')}</span>
          <select value={ui.filters().kind} onChange={(e) => set({ kind: e.currentTarget.value, status: '' })}>
            <option value="">{t('all')}</option>
            <For each={[...CARD_KINDS]}>{(k) => <option value={k}>{value('kind', k)}</option>}</For>
          </select>
        </label>
        <label>
          <span>{field('status')}</span>
          <select value={ui.filters().status} onChange={(e) => set({ status: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            <For each={statusGroups()}>
              {(g) => (
                <optgroup label={value('kind', g.kind)}>
                  <For each={[...g.values]}>{(v) => <option value={`${g.kind}:${v}`}>{value(g.field, v)}</option>}</For>
                </optgroup>
              )}
            </For>
          </select>
        </label>
        <label>
          <span>{field('assignee')}</span>
          <select value={ui.filters().assignee} onChange={(e) => set({ assignee: e.currentTarget.value })}>
            <option value="">{t('anyone')}</option>
            <For each={assignees()}>{(a) => <option value={a}>{a}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t('filterDue')}</span>
          <select value={ui.filters().due} data-testid="filter-due" onChange={(e) => set({ due: e.currentTarget.value })}>
            <option value="">{t('anyDue')}</option>
            <option value="overdue">{t('filterOverdue')}</option>
            <option value="this-week">{t('filterThisWeek')}</option>
          </select>
        </label>
      </div>
      <label class="filters__mine">
        <span>{tp('myTasks')}</span>
        <span class="filters__toggle">
          <input type="checkbox" data-testid="filter-mine" checked={ui.filters().mine} onChange={(e) => set({ mine: e.currentTarget.checked })} />
          <span>{myName() ? tp('myTasksAs', { name: myName() }) : tp('myTasksNeedsName')}</span>
        </span>
      </label>
      <Show when={filterActive(ui.filters())}>
        <button type="button" class="button button--ghost" onClick={() => ui.setFilters(EMPTY_FILTERS)}>
          {t('clearFilters')}
        </button>
      </Show>
    </form>
  );
}
