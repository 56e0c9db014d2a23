/** Who is on the board, and the dialog where a person chooses the name others see. */
import { For, Show, createSignal, onMount, type JSX } from 'solid-js';
import { useApp } from '../app-context';
import { t } from '../i18n';
import { cardLabel } from '../board/card-helpers';
import { Dialog } from '../ui/Dialog';

export function PresenceList(): JSX.Element {
  const { presence, store } = useApp();
  const cardName = (id: string) => {
    const c = store.state.board?.cards.find((x) => x.id === id);
    return c ? cardLabel(c) : '';
  };
  return (
    <section class="presence" aria-label={t('onBoard')}>
      <h2 class="presence__title">{t('onBoard')} ({presence.peers().length})</h2>
      <ul class="presence__list" data-testid="presence">
        <For each={presence.peers()}>
          {(p) => (
            <li class="presence__peer" style={{ '--chip': p.color }} data-peer-name={p.name}>
              <span class="presence__dot" aria-hidden="true" />
              <span class="presence__name">{p.name}</span>
              <Show when={p.self}><span class="muted"> ({t('you')})</span></Show>
              <Show when={p.right === 'view'}><span class="muted"> · {t('viewer')}</span></Show>
              <Show when={p.editing && cardName(p.editing!)}>
                <span class="presence__editing"> · {t('editingCard', { card: cardName(p.editing!) })}</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

export function NameDialog(props: { onDone: () => void }): JSX.Element {
  const { presence } = useApp();
  let dialog!: HTMLDialogElement;
  let input!: HTMLInputElement;
  const [error, setError] = createSignal(false);
  onMount(() => input.focus());
  const submit = (e: Event) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!v) {
      setError(true);
      input.focus();
      return;
    }
    presence.setName(v);
    dialog.close();
  };
  return (
    <Dialog
      ref={(el) => (dialog = el)}
      class="dialog--small"
      labelledBy="name-title"
      returnFocus={false}
      onCancel={(e) => { if (!presence.name()) e.preventDefault(); }}
      onClose={() => props.onDone()}
    >
      <form onSubmit={submit} novalidate>
        <h2 id="name-title">{t('yourName')}</h2>
        <p id="name-help">{t('namePrompt')}</p>
        <div class="field" classList={{ 'field--error': error() }}>
          <label for="name-input">{t('yourName')}</label>
          <input
            id="name-input"
            ref={input}
            type="text"
            maxLength={60}
            autocomplete="name"
            value={presence.name()}
            aria-describedby={error() ? 'name-help name-err' : 'name-help'}
            aria-invalid={error()}
            required
          />
          <Show when={error()}><p id="name-err" class="field__error">{t('nameRequired')}</p></Show>
        </div>
        <footer class="dialog__foot">
          <button type="submit" class="button button--primary">{t('save')}</button>
        </footer>
      </form>
    </Dialog>
  );
}
