/** "Move to…": choose the column and the position, for people who do not drag. */
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { Dialog } from '../ui/Dialog';
import { useApp } from '../app-context';
import { pick, t } from '../i18n';
import { cardLabel } from './card-helpers';

export function MoveDialogHost(): JSX.Element {
  const { ui } = useApp();
  return <Show when={ui.moving()} keyed>{(id) => <MoveDialog cardId={id} />}</Show>;
}

function MoveDialog(props: { cardId: string }): JSX.Element {
  const { store, ui, actions } = useApp();
  let dialog!: HTMLDialogElement;
  const card = createMemo(() => store.state.board?.cards.find((c) => c.id === props.cardId) ?? null);
  const [unit, setUnit] = createSignal(card()?.unit ?? '');
  const targetCards = createMemo(() => (store.state.board?.cards ?? []).filter((c) => c.unit === unit() && c.id !== props.cardId));
  const [pos, setPos] = createSignal<string>(String((store.state.board?.cards ?? []).filter((c) => c.unit === unit()).findIndex((c) => c.id === props.cardId)));

  const submit = (e: Event) => {
    e.preventDefault();
    const c = card();
    if (!c) return dialog.close();
    const index = Math.max(0, Math.min(Number(pos()), targetCards().length));
    const r = actions.move(c.id, { unit: unit(), index });
    dialog.close();
    if (r.ok) {
      const u = store.state.board?.units.find((x) => x.id === unit());
      ui.announce(t('movedTo', { card: cardLabel(c), unit: u ? pick({ vi: u.nameVi, en: u.nameEn }) : unit(), pos: index + 1 }));
      ui.focusCard(c.id);
    } else ui.toast(r.issues.map((i) => pick(i)).join('; '));
  };

  return (
    <Dialog ref={(el) => (dialog = el)} class="dialog--small" labelledBy="move-title" returnFocus={false} onClose={() => ui.openMove(null)}>
      <form onSubmit={submit}>
        <header class="dialog__head">
          <h2 id="move-title">{t('moveCardTitle')}: {card() ? cardLabel(card()!) : ''}</h2>
        </header>
        <div class="field">
          <label for="move-unit">{t('unit')}</label>
          <select id="move-unit" onChange={(e) => { setUnit(e.currentTarget.value); setPos(String(targetCards().length)); }}>
            <For each={store.state.board?.units.filter((u) => !u.removed) ?? []}>
              {(u) => <option value={u.id} selected={u.id === unit()}>{pick({ vi: u.nameVi, en: u.nameEn })}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="move-pos">{t('position')}</label>
          <select id="move-pos" onChange={(e) => setPos(e.currentTarget.value)}>
            <option value="0" selected={pos() === '0'}>1 — {t('top')}</option>
            <For each={targetCards()}>
              {(c, i) => <option value={String(i() + 1)} selected={pos() === String(i() + 1)}>{i() + 2} — {t('after', { card: cardLabel(c).slice(0, 60) })}</option>}
            </For>
          </select>
        </div>
        <footer class="dialog__foot">
          <button type="button" class="button button--ghost" onClick={() => dialog.close()}>{t('cancel')}</button>
          <button type="submit" class="button button--primary" autofocus>{t('move')}</button>
        </footer>
      </form>
    </Dialog>
  );
}
