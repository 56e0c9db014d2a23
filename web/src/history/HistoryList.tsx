/**
 * A page of the audit log: who, when, what (action, field, old → new), newest first, with
 * "Xem cũ hơn" for the next (older) page and "Về mới nhất" back to the first. Used by a card's
 * history (one card) and the board's activity page (every card, with the card's name).
 */
import { For, Show, createResource, createSignal, type JSX } from 'solid-js';
import { CARD_NAME_FIELDS, cardLabel } from '@binhan/core';
import { useApp } from '../app-context';
import { th } from '../i18n/strings-history';
import { readAuditPage, type AuditRow } from './audit-api';
import { actionText, fieldText, personText, stamp, valueText } from './format';
import { ChangeList, type ChangeLine } from './ChangeList';
import './history.css';

export function HistoryList(props: { path: string; limit: number; showCard?: boolean; testId: string }): JSX.Element {
  const { conn, session, store } = useApp();
  const [cursors, setCursors] = createSignal<Array<string | null>>([null]);
  const current = () => cursors()[cursors().length - 1] ?? null;
  const [page, { refetch }] = createResource(
    () => ({ cursor: current(), path: props.path }),
    (q) => readAuditPage(q.path, { cursor: q.cursor, limit: props.limit, bearer: session ? null : conn.token() }),
  );
  const cardName = (row: AuditRow) => {
    const id = row.cardId;
    if (id === '') return th('boardChange');
    const b = store.state.board;
    const c = b?.cards.find((x) => x.id === id) ?? b?.deletedCards.find((x) => x.id === id);
    if (c) return cardLabel(c);
    // Deleted for good: the name the purge kept in the audit.
    const named = row.changes?.find((v) => CARD_NAME_FIELDS.includes(v.field) && typeof v.old === 'string');
    return `${typeof named?.old === 'string' ? named.old : id} ${th('removedCard')}`;
  };
  const changeLines = (row: AuditRow): ChangeLine[] => {
    const values = row.changes ?? [];
    if (values.length) {
      const side = (v: (typeof values)[number], which: 'old' | 'new') => (v.itemsChanged ? which : undefined);
      return values.map((v) => ({ field: fieldText(v.field), old: valueText(v.field, v.old, store.state.board, side(v, 'old')), new: valueText(v.field, v.new, store.state.board, side(v, 'new')) }));
    }
    return row.fields.filter((f) => f !== 'pos' && !/updated(At|By)$/.test(f)).map((f) => ({ field: fieldText(f), old: null, new: null }));
  };
  return (
    <div class="history" data-testid={props.testId}>
      <Show when={!page.loading || page()} fallback={<p class="muted" role="status">{th('loading')}</p>}>
        <Show when={page()} keyed>
          {(r) =>
            r.ok ? (
              <>
                <Show when={r.entries.length} fallback={<p class="muted">{th('noHistory')}</p>}>
                  <ol class="history__list" aria-label={th('history')}>
                    <For each={r.entries}>
                      {(row) => {
                        const who = personText(row);
                        return (
                          <li class="history__row" data-action={row.action} data-card={row.cardId}>
                            <p class="history__head">
                              <time datetime={row.at} class="history__when">{stamp(row.at)}</time>{' '}
                              <span class="history__who" data-testid="history-who">
                                <strong>{who.name}</strong>
                                <Show when={who.note}><span class="history__note"> ({who.note})</span></Show>
                              </span>{' '}
                              <span class="history__action">{actionText(row.action)}</span>
                              <Show when={props.showCard}>{' '}<span class="history__card">· {cardName(row)}</span></Show>
                            </p>
                            <Show when={row.action === 'updated' || row.action === 'moved' || row.action === 'created'}>
                              <ChangeList lines={changeLines(row)} withOld={row.action !== 'created'} />
                            </Show>
                          </li>
                        );
                      }}
                    </For>
                  </ol>
                </Show>
                <nav class="history__pages" aria-label={th('history')}>
                  <span class="muted">{th('page', { n: cursors().length })}</span>
                  <Show when={cursors().length > 1}>
                    <button type="button" class="button button--small button--ghost" onClick={() => setCursors([null])}>{th('newest')}</button>
                  </Show>
                  <Show when={r.cursor}>
                    <button type="button" class="button button--small" data-testid="history-older" onClick={() => setCursors((l) => [...l, r.cursor])}>{th('older')}</button>
                  </Show>
                  <button type="button" class="button button--small button--ghost" onClick={() => void refetch()}>↻</button>
                </nav>
              </>
            ) : (
              <p class="muted" role="status">{th('historyUnavailable', { reason: r.message })}</p>
            )
          }
        </Show>
      </Show>
    </div>
  );
}
