/** Copies a text to the clipboard and says so (or that it failed) in a live region beside it. */
import { createSignal, onCleanup, type JSX } from 'solid-js';
import { ta } from '../i18n/strings-account';

export function CopyButton(props: { text: string; label: string; testId?: string }): JSX.Element {
  const [said, setSaid] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setSaid(ta('copied'));
    } catch {
      setSaid(ta('copyFailed'));
    }
    clearTimeout(timer);
    timer = setTimeout(() => setSaid(''), 4000);
  };
  return (
    <span class="copy">
      <button type="button" class="button button--small" aria-label={props.label} data-testid={props.testId} onClick={() => void copy()}>{ta('copy')}</button>
      <span class="copy__said" role="status">{said()}</span>
    </span>
  );
}
