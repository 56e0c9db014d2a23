/** The fields one audit entry changed, each "field: old → new" (old left out for a creation). */
import { For, Show, type JSX } from 'solid-js';

export interface ChangeLine {
  field: string;
  old: string | null;
  new: string | null;
}

export function ChangeList(props: { lines: ChangeLine[]; withOld: boolean }): JSX.Element {
  return (
    <ul class="history__changes">
      <For each={props.lines}>
        {(c) => (
          <li>
            <span class="history__field">{c.field}</span>
            <Show when={c.new !== null}>
              {': '}
              <Show when={props.withOld}>
                <del class="history__old">{c.old}</del>
                <span aria-hidden="true"> → </span>
              </Show>
              <ins class="history__new">{c.new}</ins>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
