/**
 * What the board cannot show, said on the board (core's readBoard skips a damaged entry and
 * lists it in `problems`): how many entries, each with its card's name when it can still be
 * read and why it is skipped. Anyone who may write can remove the damaged cards (after a second
 * click); the server's write guard lets any writer remove a damaged card, never a readable one.
 * A view link sees the notice without the button.
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { damagedCards } from '@binhan/core';
import { useApp } from '../app-context';
import { pick, t } from '../i18n';

export function DamagedNotice(): JSX.Element {
  const { conn, store, actions, ui } = useApp();
  const [confirming, setConfirming] = createSignal(false);
  const problems = () => store.state.board?.problems ?? [];
  /** Damaged cards with their names (read from the doc whenever the board's problems change). */
  const cards = createMemo(() => (problems().some((p) => p.path.startsWith('cards.')) ? damagedCards(conn.doc()) : []));
  const others = () => problems().filter((p) => !p.path.startsWith('cards.'));
  const clear = () => {
    const r = actions.clearDamaged();
    setConfirming(false);
    if (r.ok) ui.toast(t('damagedCleared', { n: r.value.length }));
    else ui.toast(r.issues.map((i) => pick(i)).join('; '));
  };
  return (
    <Show when={problems().length > 0}>
      <section class="notice notice--damaged" role="status" data-testid="damaged-notice">
        <details>
          <summary>{t('damagedTitle', { n: problems().length })}</summary>
          <p class="muted">{t('damagedWhy')}</p>
          <ul>
            <For each={cards()}>
              {(d) => (
                <li data-card-id={d.cardId}>
                  <strong>{d.label ?? t('damagedNoName')}</strong> — {pick(d.problem)}
                </li>
              )}
            </For>
            <For each={others()}>{(p) => <li>{pick(p)}</li>}</For>
          </ul>
        </details>
        <Show when={conn.canEdit && cards().length > 0}>
          <Show
            when={confirming()}
            fallback={
              <button type="button" onClick={() => setConfirming(true)}>
                {t('damagedClear', { n: cards().length })}
              </button>
            }
          >
            <p>{t('damagedConfirm', { n: cards().length })}</p>
            <button type="button" class="danger" onClick={clear}>{t('damagedConfirmYes')}</button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
          </Show>
        </Show>
      </section>
    </Show>
  );
}
