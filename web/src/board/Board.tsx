/**
 * The board: filters, then one column per unit. Moves by drag and drop, by keyboard (Alt +
 * arrows; arrows alone move the focus) and by the "Move to…" dialog; delete with undo.
 */
import { For, Show, createEffect, createMemo, createSignal, onCleanup, type JSX } from 'solid-js';
import { byOrderThenId, type Card, type Unit } from '@binhan/core';
import { useApp } from '../app-context';
import { pick, t } from '../i18n';
import { CardView } from './CardView';
import { Filters } from './Filters';
import { DamagedNotice } from './DamagedNotice';
import { cardLabel, filterActive, makeMatcher } from './card-helpers';
import { clearDropTarget, dragOver, draggedCardId, dropTarget, endDrag } from './dnd';
import { createCommentCounts } from './comment-counts';
import { me } from './people';

const INITIAL_CARDS = 25;
const SLICE_CARDS = 40;
type Later = { idle: number } | { timer: ReturnType<typeof setTimeout> };
function later(f: () => void): Later {
  if (typeof requestIdleCallback === 'function') return { idle: requestIdleCallback(f, { timeout: 150 }) };
  return { timer: setTimeout(f, 16) };
}
function cancelLater(h: Later): void {
  if ('idle' in h) cancelIdleCallback(h.idle);
  else clearTimeout(h.timer);
}

export function Board(): JSX.Element {
  const app = useApp();
  const { store, ui, actions, conn } = app;
  const board = () => store.state.board;
  const who = me(app);
  const matcher = createMemo(() => makeMatcher(ui.filters(), undefined, who.name()));
  const comments = createCommentCounts(app);
  const units = () => board()?.units ?? [];
  // Filtered by a unit, the board shows that column alone (on a phone it would be off screen).
  const shownUnits = () => (ui.filters().unit ? units().filter((u) => u.id === ui.filters().unit) : units());
  /** The visible cards of each column, in order. */
  const columns = createMemo(() => {
    const m = matcher();
    const by = new Map<string, Card[]>();
    for (const u of units()) by.set(u.id, []);
    for (const c of board()?.cards ?? []) {
      if (!m(c)) continue;
      let list = by.get(c.unit);
      if (!list) by.set(c.unit, (list = []));
      list.push(c);
    }
    return by;
  });
  const shownCount = createMemo(() => {
    let n = 0;
    for (const l of columns().values()) n += l.length;
    return n;
  });
  const unitName = (id: string) => {
    const u = units().find((x) => x.id === id);
    return u ? pick({ vi: u.nameVi, en: u.nameEn }) : id;
  };

  function deleteWithUndo(card: Card): void {
    const r = actions.remove(card.id);
    if (!r.ok) return ui.toast(r.issues.map((i) => pick(i)).join('; '));
    const name = cardLabel(card);
    ui.announce(t('deleted', { card: name }));
    ui.toast(t('deleted', { card: name }), {
      label: t('undo'),
      run: () => {
        const back = actions.restore(card.id);
        if (back.ok) {
          ui.announce(t('restored', { card: name }));
          ui.focusCard(card.id);
        }
      },
    });
  }

  /** Announces a move; the position is computed from the moved card (the store refreshes later). */
  function moved(card: Card, unit: string, after: Card): void {
    const list = (columns().get(unit) ?? []).filter((c) => c.id !== card.id);
    const pos = list.filter((c) => byOrderThenId(c, after) < 0).length + 1;
    ui.announce(t('movedTo', { card: cardLabel(card), unit: unitName(unit), pos }));
    ui.focusCard(card.id);
  }

  function onCardKey(e: KeyboardEvent, card: Card): void {
    const unitIds = units().map((u) => u.id);
    const col = columns().get(card.unit) ?? [];
    const i = col.findIndex((c) => c.id === card.id);
    const ui_ = unitIds.indexOf(card.unit);
    const focus = (c: Card | undefined) => c && document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(c.id)}"]`)?.focus();
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      ui.openEditor({ mode: 'edit', cardId: card.id });
      return;
    }
    if (e.altKey && conn.canEdit && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
      e.preventDefault();
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
        const neighbour = col[e.key === 'ArrowUp' ? i - 1 : i + 1];
        if (!neighbour) return;
        const r = actions.move(card.id, e.key === 'ArrowUp' ? { unit: card.unit, beforeId: neighbour.id } : { unit: card.unit, afterId: neighbour.id });
        if (r.ok) moved(card, card.unit, r.value);
      } else {
        const target = unitIds[e.key === 'ArrowLeft' ? ui_ - 1 : ui_ + 1];
        if (!target) return;
        const targetCol = columns().get(target) ?? [];
        const anchor = targetCol[i];
        const r = actions.move(card.id, anchor ? { unit: target, beforeId: anchor.id } : { unit: target });
        if (r.ok) moved(card, target, r.value);
      }
      return;
    }
    if (e.key === 'Delete' && conn.canEdit) {
      e.preventDefault();
      focus(col[i + 1] ?? col[i - 1]);
      deleteWithUndo(card);
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); focus(col[i + 1]); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); focus(col[i - 1]); }
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const dir = e.key === 'ArrowLeft' ? -1 : 1;
      for (let k = ui_ + dir; k >= 0 && k < unitIds.length; k += dir) {
        const other = columns().get(unitIds[k]!) ?? [];
        if (other.length) { focus(other[Math.min(i, other.length - 1)]); break; }
      }
    }
  }

  function onDrop(e: DragEvent, unit: string): void {
    e.preventDefault();
    const id = draggedCardId(e);
    const target = dropTarget();
    endDrag();
    if (!id) return;
    const card = board()?.cards.find((c) => c.id === id);
    if (!card) return;
    const beforeId = target && target.unit === unit ? target.beforeId : null;
    const r = actions.move(id, beforeId ? { unit, beforeId } : { unit });
    if (r.ok) moved(card, unit, r.value);
    else ui.toast(r.issues.map((i) => pick(i)).join('; '));
  }

  return (
    <section class="board-page" aria-labelledby="board-heading">
      <h2 id="board-heading" class="visually-hidden">{t('tabBoard')}</h2>
      <Filters />
      <DamagedNotice />
      <p class="shown-count" aria-live="polite">
        <Show when={filterActive(ui.filters())}>{t('shown', { n: shownCount(), total: board()?.cards.length ?? 0 })}</Show>
      </p>
      <Show when={conn.canEdit}>
        <p id="kbd-help" class="kbd-help">{t('keyboardHelp')}</p>
      </Show>
      <div class="columns">
        <For each={shownUnits()}>
          {(unit) => (
            <Column
              unit={unit}
              cards={columns().get(unit.id) ?? []}
              total={(board()?.cards ?? []).reduce((n, c) => (c.unit === unit.id ? n + 1 : n), 0)}
              onKey={onCardKey}
              onDrop={onDrop}
              onDelete={deleteWithUndo}
              comments={comments}
            />
          )}
        </For>
      </div>
    </section>
  );
}

function Column(props: {
  unit: Unit;
  cards: Card[];
  total: number;
  onKey: (e: KeyboardEvent, c: Card) => void;
  onDrop: (e: DragEvent, unit: string) => void;
  onDelete: (c: Card) => void;
  comments: Record<string, number>;
}): JSX.Element {
  const { conn, ui } = useApp();
  let list!: HTMLOListElement;
  // Progressive rendering: the first cards of each column at once, the rest in small slices
  // after the first paint, so a 2,000-card board shows in a few frames and then fills in.
  const [limit, setLimit] = createSignal(INITIAL_CARDS);
  const visible = createMemo(() => (props.cards.length <= limit() ? props.cards : props.cards.slice(0, limit())));
  createEffect(() => {
    if (props.cards.length <= limit()) return;
    const handle = later(() => setLimit((l) => l + SLICE_CARDS));
    onCleanup(() => cancelLater(handle));
  });
  const name = () => pick({ vi: props.unit.nameVi, en: props.unit.nameEn });
  const headingId = () => `col-${props.unit.id}`;
  const dropHere = () => dropTarget()?.unit === props.unit.id;
  return (
    <section class="column" classList={{ 'column--drop': dropHere(), 'column--removed': props.unit.removed }} aria-labelledby={headingId()} data-unit={props.unit.id}>
      <header class="column__head">
        <h2 id={headingId()}>
          {name()} <Show when={props.unit.removed}><span class="muted">{t('removedUnit')}</span></Show>
        </h2>
        <span class="column__count">{t('cardsCount', { n: props.total })}</span>
        <Show when={conn.canEdit && !props.unit.removed}>
          <button
            type="button"
            class="button button--small"
            aria-label={t('addCardTo', { unit: name() })}
            onClick={() => ui.openEditor({ mode: 'new', unit: props.unit.id, kind: 'task' })}
          >
            + {t('addCard')}
          </button>
        </Show>
      </header>
      <ol
        ref={list}
        class="column__cards"
        aria-labelledby={headingId()}
        classList={{ 'column__cards--drop-end': dropHere() && dropTarget()?.beforeId === null }}
        onDragOver={(e) => conn.canEdit && dragOver(e, props.unit.id, list)}
        onDragLeave={(e) => {
          if (!list.contains(e.relatedTarget as Node)) clearDropTarget();
        }}
        onDrop={(e) => conn.canEdit && props.onDrop(e, props.unit.id)}
      >
        <For each={visible()} fallback={<li class="column__empty">{t('emptyColumn')}</li>}>
          {(card) => (
            <li>
              <CardView
                card={card}
                onKey={props.onKey}
                onDelete={props.onDelete}
                commentCount={props.comments[card.id] ?? 0}
                dropBefore={dropHere() && dropTarget()?.beforeId === card.id}
              />
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
