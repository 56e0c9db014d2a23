/**
 * The one modal dialog of the app: a native <dialog> opened with showModal() when it mounts
 * (so the page behind is inert and focus stays inside), named by `labelledBy`, closed by Esc
 * (the browser's own cancel) or by `close()`. When it unmounts, focus goes back to the element
 * that had it when the dialog opened (unless `returnFocus` is false: the caller moves it).
 */
import { onCleanup, onMount, type JSX } from 'solid-js';

export interface DialogProps {
  /** Id of the element that names the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  /** Extra classes after "dialog" (e.g. "dialog--small"). */
  class?: string;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  /** Called when the dialog closed (Esc, a close button, a form with method=dialog). */
  onClose?: () => void;
  /** Esc: call preventDefault() to keep the dialog open. */
  onCancel?: (e: Event) => void;
  /** Gets the element, to call close() on it. */
  ref?: (el: HTMLDialogElement) => void;
  /** Focus the opener again when the dialog goes away (default true). */
  returnFocus?: boolean;
  children: JSX.Element;
}

export function Dialog(props: DialogProps): JSX.Element {
  let el: HTMLDialogElement | undefined;
  const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  onMount(() => {
    if (el && !el.open) el.showModal();
  });
  onCleanup(() => {
    if (el?.open) el.close();
    if (props.returnFocus !== false && opener && document.contains(opener)) opener.focus();
  });
  return (
    <dialog
      ref={(d) => {
        el = d;
        props.ref?.(d);
      }}
      class={props.class ? `dialog ${props.class}` : 'dialog'}
      role={props.role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      data-testid={props.testId}
      onClose={() => props.onClose?.()}
      onCancel={(e) => props.onCancel?.(e)}
    >
      {props.children}
    </dialog>
  );
}
