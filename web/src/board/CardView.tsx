/**
 * One card on the board: its fields at a glance, who is editing it, and (edit links only) a
 * menu, drag and drop and keyboard moves (Alt + arrows).
 */
import { For, Show, createEffect, createMemo, createSignal, onCleanup, type JSX } from 'solid-js';
import type { Card } from '@binhan/core';
import { useApp } from '../app-context';
import { awardForm, date, t, value, vnd, field, qty, pick } from '../i18n';
import { cardLabel, isOverdue, today } from './card-helpers';
import { dragState, startDrag, endDrag } from './dnd';
import { CashOnCard } from './NomineeCash';
import { tp } from '../i18n/strings-people';

export interface CardViewProps {
  card: Card;
  /** Keyboard handler shared by the column (arrow navigation and moves). */
  onKey: (e: KeyboardEvent, card: Card) => void;
  dropBefore: boolean;
  onDelete: (card: Card) => void;
  /** Comments on the card (0: none shown). */
  commentCount?: number;
}

function checklistCount(items: Array<{ done: boolean }>): { done: number; total: number } {
  return { done: items.filter((i) => i.done).length, total: items.length };
}

export function CardView(props: CardViewProps): JSX.Element {
  const { conn, presence, ui } = useApp();
  const [menuOpen, setMenuOpen] = createSignal(false);
  const editors = createMemo(() => presence.editorsOf(props.card.id));
  const overdue = createMemo(() => isOverdue(props.card, today()));
  const label = () => cardLabel(props.card);
  let menuButton: HTMLButtonElement | undefined;
  let menuEl: HTMLDivElement | undefined;

  const open = () => ui.openEditor({ mode: 'edit', cardId: props.card.id });

  const closeMenu = (focusBack = true) => {
    setMenuOpen(false);
    if (focusBack) menuButton?.focus();
  };
  const onDocClick = (e: MouseEvent) => {
    if (menuOpen() && menuEl && !menuEl.contains(e.target as Node) && e.target !== menuButton) closeMenu(false);
  };
  // Listen for outside clicks only while this card's menu is open (2,000 cards: no idle listeners).
  createEffect(() => {
    if (!menuOpen()) return;
    document.addEventListener('click', onDocClick);
    onCleanup(() => document.removeEventListener('click', onDocClick));
  });

  const onMenuKey = (e: KeyboardEvent) => {
    const items = [...(menuEl?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeMenu();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      items[(i + 1) % items.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i - 1 + items.length) % items.length]?.focus();
    }
    e.stopPropagation();
  };

  const kindClass = () => `card card--${props.card.kind}`;

  return (
    <article
      class={kindClass()}
      classList={{
        'card--overdue': overdue(),
        'card--dragging': dragState()?.cardId === props.card.id,
        'card--drop-before': props.dropBefore,
        'card--busy': editors().length > 0,
      }}
      tabIndex={0}
      data-card-id={props.card.id}
      data-kind={props.card.kind}
      aria-label={`${value('kind', props.card.kind)}: ${label()}`}
      aria-describedby={conn.canEdit ? 'kbd-help' : undefined}
      draggable={conn.canEdit}
      onDragStart={(e) => startDrag(e, props.card.id)}
      onDragEnd={() => endDrag()}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        props.onKey(e, props.card);
      }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button, [role="menu"]')) return;
        open();
      }}
    >
      <div class="card__head">
        <span class="card__kind">{value('kind', props.card.kind)}</span>
        <Show when={props.card.kind === 'task' && props.card.clause}>
          <span class="card__clause" title={field('clause')}>{(props.card as { clause: string }).clause}</span>
        </Show>
        <Show when={conn.canEdit}>
          <button
            ref={menuButton}
            type="button"
            class="card__menu-button"
            aria-haspopup="menu"
            aria-expanded={menuOpen()}
            aria-label={t('cardActions', { card: label() })}
            onClick={(e) => {
              e.stopPropagation();
              setMenuOpen(!menuOpen());
              if (menuOpen()) queueMicrotask(() => menuEl?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus());
            }}
          >
            ⋯
          </button>
        </Show>
      </div>
      <Show when={menuOpen()}>
        <div class="card__menu" role="menu" ref={menuEl} aria-label={t('cardActions', { card: label() })} onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" onClick={() => { closeMenu(false); open(); }}>{t('editCard')}</button>
          <button type="button" role="menuitem" onClick={() => { closeMenu(false); ui.openMove(props.card.id); }}>{t('moveTo')}</button>
          <button type="button" role="menuitem" class="danger" onClick={() => { closeMenu(false); props.onDelete(props.card); }}>{t('deleteCard')}</button>
        </div>
      </Show>
      <h3 class="card__title">{label()}</h3>
      <CardFields card={props.card} overdue={overdue()} />
      <Show when={(props.commentCount ?? 0) > 0}>
        <p class="card__comments" data-testid="card-comment-count" title={tp('comments')}>💬 {tp('commentsCount', { n: props.commentCount ?? 0 })}</p>
      </Show>
      <Show when={editors().length > 0}>
        <p class="card__editors">
          <For each={editors()}>
            {(p) => (
              <span class="presence-chip" style={{ '--chip': p.color }}>
                ✎ {t('isEditing', { name: p.name })}
              </span>
            )}
          </For>
        </p>
      </Show>
    </article>
  );
}

function CardFields(props: { card: Card; overdue: boolean }): JSX.Element {
  const c = () => props.card;
  return (
    <Show
      when={c().kind === 'task' ? (c() as Extract<Card, { kind: 'task' }>) : null}
      fallback={
        <Show when={c().kind === 'nominee' ? (c() as Extract<Card, { kind: 'nominee' }>) : null} fallback={<BudgetFields card={c() as Extract<Card, { kind: 'budget' }>} />}>
          {(n) => (
            <dl class="card__fields">
              <div><dt>{t('cardNomineeKind')}</dt><dd>{value('nomineeKind', n().nomineeKind)}</dd></div>
              <div><dt>{t('cardAwardForm')}</dt><dd>{n().awardForm ? awardForm(n().awardForm!) : '—'}</dd></div>
              <CashOnCard input={{ awardForm: n().awardForm, nomineeKind: n().nomineeKind, decisionDate: n().decisionDate }} />
              <div>
                <dt>{t('cardReview')}</dt>
                <dd><span class={`pill pill--review-${n().reviewStatus}`}>{value('reviewStatus', n().reviewStatus)}</span></dd>
              </div>
              <Show when={n().dossier.length > 0}>
                <div class="card__progress">{t('dossierDone', checklistCount(n().dossier))}</div>
              </Show>
            </dl>
          )}
        </Show>
      }
    >
      {(task) => (
        <dl class="card__fields">
          <div>
            <dt>{t('cardStatus')}</dt>
            <dd><span class={`pill pill--task-${task().status}`}>{value('status', task().status)}</span></dd>
          </div>
          <div>
            <dt>{t('cardDue')}</dt>
            <dd classList={{ overdue: props.overdue }}>
              {task().due ? date(task().due!) : '—'}
              <Show when={props.overdue}> <strong class="overdue-flag">{t('overdue')}</strong></Show>
            </dd>
          </div>
          <div><dt>{t('cardAssignee')}</dt><dd>{task().assignee ?? t('unassigned')}</dd></div>
          <Show when={task().cooperating}><div><dt>{field('cooperating')}</dt><dd>{task().cooperating}</dd></div></Show>
          <Show when={task().checklist.length > 0}>
            <div class="card__progress">{t('checklistDone', checklistCount(task().checklist))}</div>
          </Show>
        </dl>
      )}
    </Show>
  );
}

function BudgetFields(props: { card: Extract<Card, { kind: 'budget' }> }): JSX.Element {
  const { store } = useApp();
  const fundName = () => {
    const f = store.state.board?.facts.funds.find((x) => x.id === props.card.fundingSource);
    return f ? pick({ vi: f.nameVi, en: f.nameEn }) : props.card.fundingSource;
  };
  return (
    <dl class="card__fields">
      <div><dt>{t('cardAmount')}</dt><dd class="money">{vnd(props.card.amount)}</dd></div>
      <div><dt>{t('cardQtyPrice')}</dt><dd class="money">{qty(props.card.quantity)} × {vnd(props.card.unitPrice)}</dd></div>
      <div><dt>{t('cardFund')}</dt><dd>{fundName()}</dd></div>
      <div>
        <dt>{t('cardStatus')}</dt>
        <dd><span class={`pill pill--budget-${props.card.status}`}>{value('status', props.card.status)}</span></dd>
      </div>
    </dl>
  );
}
