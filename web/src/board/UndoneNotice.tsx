/**
 * The notice shown when the server undid a change of this page (core's write policy: e.g. an
 * editor set a nominee to "approved"). It says why, in the page's language, and what each
 * entry holds now — read from the board as the doc has it, so it shows the value the server's
 * compensation restored. It stays until dismissed.
 */
import { For, Show, type JSX } from 'solid-js';
import type { BoardFacts, BoardSnapshot, Card } from '@binhan/core';
import { useApp } from '../app-context';
import { date, field, lang, num, pick, t, value, vnd } from '../i18n';
import { parseEntry, reasonIn, type UndoneChange } from '../sync/undone';
import { cardLabel } from './card-helpers';

/** A card's state in one phrase: its review status (nominees) or its status. */
function cardState(c: Card): string {
  return c.kind === 'nominee'
    ? `${field('reviewStatus')}: ${value('reviewStatus', c.reviewStatus)}`
    : `${field('status')}: ${value('status', c.status)}`;
}

function factText(facts: BoardFacts, key: string): string {
  const v = (facts as unknown as Record<string, unknown>)[key];
  if (v === null || v === undefined) return '—';
  if (key === 'funds' && Array.isArray(facts.funds)) {
    return facts.funds.length ? facts.funds.map((f) => `${pick({ vi: f.nameVi, en: f.nameEn })} ${f.amount === null ? '—' : vnd(f.amount)}`).join('; ') : '—';
  }
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** What one undone entry holds now, as a line of the notice. */
export function restoredText(entry: string, board: BoardSnapshot | null): string {
  const ref = parseEntry(entry);
  switch (ref.area) {
    case 'cards': {
      const live = board?.cards.find((c) => c.id === ref.id);
      if (live) return `“${cardLabel(live)}” — ${cardState(live)}`;
      const binned = board?.deletedCards.find((c) => c.id === ref.id);
      if (binned) return `“${cardLabel(binned)}” — ${t('undoneCardBinned')}`;
      return `${ref.id} — ${t('undoneCardGone')}`;
    }
    case 'facts':
      return `${t('undoneFacts')} · ${field(ref.key)}: ${board ? factText(board.facts, ref.key) : t('undoneEntryRestored')}`;
    case 'units': {
      const unit = board?.units.find((u) => u.id === ref.id);
      return `${t('undoneUnit')} ${unit ? pick({ vi: unit.nameVi, en: unit.nameEn }) : ref.id}: ${t('undoneEntryRestored')}`;
    }
    case 'meta':
      return ref.key === 'title' && board ? `${t('undoneMeta')} · ${field('title')}: “${board.title}”` : `${t('undoneMeta')} (${ref.key}): ${t('undoneEntryRestored')}`;
    case 'agenda':
      return `${t('undoneAgenda')}: ${t('undoneEntryRestored')}`;
    default:
      return `${ref.path}: ${t('undoneEntryRestored')}`;
  }
}

function Notice(props: { change: UndoneChange }): JSX.Element {
  const { conn, store } = useApp();
  const reasons = () => reasonIn(props.change.reason, lang());
  return (
    <div class="undone-notice" role="alert" data-testid="undone-notice" data-entries={props.change.entries.join(' ')}>
      <div class="undone-notice__body">
        <p class="undone-notice__title">{t('undoneTitle')}</p>
        <For each={reasons()}>{(r) => <p class="undone-notice__reason">{r}</p>}</For>
        <Show when={props.change.entries.length}>
          <p class="undone-notice__label">{t('undoneRestored')}:</p>
          <ul class="undone-notice__entries">
            <For each={props.change.entries}>
              {(entry) => <li data-entry={entry}>{restoredText(entry, store.state.board)}</li>}
            </For>
          </ul>
        </Show>
      </div>
      <button type="button" class="button button--ghost button--small" aria-label={t('dismissNotice')} onClick={() => conn.dismissUndone(props.change.id)}>✕</button>
    </div>
  );
}

/** Every undone change not dismissed yet, newest last. */
export function UndoneNotices(): JSX.Element {
  const { conn } = useApp();
  return (
    <Show when={conn.undone().length}>
      <div class="undone-notices">
        <For each={conn.undone()}>{(u) => <Notice change={u} />}</For>
      </div>
    </Show>
  );
}
