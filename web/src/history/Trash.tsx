/**
 * The trash: the cards in the bin (soft-deleted), newest first, with who deleted them and
 * when. Editors restore; admins also delete for good (after a confirmation) — the server's
 * write policy refuses a purge from anyone else (core's PURGE_WRITER) and undoes it.
 */
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { atLeast, cardLabel, PURGE_WRITER, type Card } from '@binhan/core';
import { useApp } from '../app-context';
import { pick, value } from '../i18n';
import { th } from '../i18n/strings-history';
import { Dialog } from '../ui/Dialog';
import { stamp } from './format';
import './history.css';

export function TrashDialog(props: { onClose: () => void }): JSX.Element {
  const { store, actions, ui, conn } = useApp();
  const mayPurge = atLeast(conn.config.tokenInfo.role, PURGE_WRITER);
  let dialog: HTMLDialogElement | undefined;
  const [confirming, setConfirming] = createSignal<Card | null>(null);
  const cards = createMemo(() =>
    [...(store.state.board?.deletedCards ?? [])].sort((a, b) => (b.deletedAt ?? '').localeCompare(a.deletedAt ?? '') || a.id.localeCompare(b.id)),
  );
  const unitName = (id: string) => {
    const u = store.state.board?.units.find((x) => x.id === id);
    return u ? pick({ vi: u.nameVi, en: u.nameEn }) : id;
  };
  const restore = (c: Card) => {
    const r = actions.restore(c.id);
    if (!r.ok) return ui.toast(r.issues.map((i) => pick(i)).join('; '));
    ui.announce(th('restoredCard', { card: cardLabel(c) }));
    ui.toast(th('restoredCard', { card: cardLabel(c) }));
  };
  const purge = (c: Card) => {
    const r = actions.purge(c.id);
    if (!r.ok) return ui.toast(r.issues.map((i) => pick(i)).join('; '));
    ui.announce(th('purgedCard', { card: cardLabel(c) }));
  };
  return (
    <Dialog ref={(el) => (dialog = el)} labelledBy="trash-title" describedBy="trash-intro" testId="trash" onClose={props.onClose}>
      <div class="dialog__head">
        <h2 id="trash-title">{th('trashTitle')} ({cards().length})</h2>
        <button type="button" class="button button--ghost" aria-label={th('close')} onClick={() => dialog?.close()}>✕</button>
      </div>
      <div class="trash" style={{ padding: '0 20px 16px' }}>
        <p id="trash-intro" class="muted">{th('trashIntro')}</p>
        <Show when={cards().length} fallback={<p data-testid="trash-empty">{th('trashEmpty')}</p>}>
          <ul class="trash__list">
            <For each={cards()}>
              {(c) => (
                <li class="trash__item" data-trash-card={c.id}>
                  <div>
                    <p class="trash__name">{cardLabel(c)}</p>
                    <p class="trash__meta">
                      {value('kind', c.kind)} · {unitName(c.unit)} · {th('deletedByAt', { who: c.deletedBy || th('unknownPerson'), when: c.deletedAt ? stamp(c.deletedAt) : '—' })}
                    </p>
                  </div>
                  <div class="trash__buttons">
                    <Show when={conn.canEdit}>
                      <button type="button" class="button button--small button--primary" aria-label={th('restoreCard', { card: cardLabel(c) })} onClick={() => restore(c)}>
                        {th('restore')}
                      </button>
                    </Show>
                    <Show when={conn.canEdit && mayPurge}>
                      <button type="button" class="button button--small button--danger-outline" aria-label={th('purgeCard', { card: cardLabel(c) })} onClick={() => setConfirming(c)}>
                        {th('purge')}
                      </button>
                    </Show>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={conn.canEdit && !mayPurge && cards().length}>
          <p class="muted small" data-testid="purge-admin-only">{th('onlyAdminsPurge')}</p>
        </Show>
      </div>
      <Show when={confirming()} keyed>
        {(c) => <PurgeConfirm card={c} onAnswer={(yes) => { setConfirming(null); if (yes) purge(c); }} />}
      </Show>
    </Dialog>
  );
}

function PurgeConfirm(props: { card: Card; onAnswer: (yes: boolean) => void }): JSX.Element {
  let dialog: HTMLDialogElement | undefined;
  let answered = false;
  const answer = (yes: boolean) => {
    if (answered) return;
    answered = true;
    if (dialog?.open) dialog.close();
    props.onAnswer(yes);
  };
  return (
    <Dialog ref={(el) => (dialog = el)} class="dialog--small" role="alertdialog" labelledBy="purge-title" describedBy="purge-text" onClose={() => answer(false)}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); answer(true); }}>
        <h2 id="purge-title">{th('purgeConfirmTitle')}</h2>
        <p id="purge-text">{th('purgeConfirm', { card: cardLabel(props.card) })}</p>
        <footer class="dialog__foot">
          <button type="button" class="button button--ghost" autofocus onClick={() => answer(false)}>{th('close')}</button>
          <button type="submit" class="button button--danger">{th('purge')}</button>
        </footer>
      </form>
    </Dialog>
  );
}
