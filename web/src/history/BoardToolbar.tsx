/** The board's toolbar: undo / redo of one's own changes, the trash, the activity page. */
import { Show, createSignal, type JSX } from 'solid-js';
import { atLeast } from '@binhan/core';
import { useApp } from '../app-context';
import { th } from '../i18n/strings-history';
import { TrashDialog } from './Trash';
import { stepText, undoHistoryOf } from './undo-text';

import './history.css';

export function BoardToolbar(): JSX.Element {
  const { conn, store, ui } = useApp();
  const history = undoHistoryOf(conn);
  const [trashOpen, setTrashOpen] = createSignal(false);
  const step = (kind: 'undo' | 'redo') => ui.announce(stepText(kind, kind === 'undo' ? history.undo() : history.redo()));
  const trashCount = () => store.state.board?.deletedCards.length ?? 0;
  return (
    <div class="board-toolbar no-print" role="toolbar" aria-label={th('toolbar')} data-testid="board-toolbar">
      <Show when={conn.canEdit}>
        <button type="button" class="button button--small" data-testid="undo" title={th('undoHint')} aria-keyshortcuts="Control+Z" disabled={!history.canUndo()} onClick={() => step('undo')}>
          ↶ {th('undo')}
        </button>
        <button type="button" class="button button--small" data-testid="redo" title={th('redoHint')} aria-keyshortcuts="Control+Shift+Z Control+Y" disabled={!history.canRedo()} onClick={() => step('redo')}>
          ↷ {th('redo')}
        </button>
      </Show>
      <span class="board-toolbar__sep" />
      <button type="button" class="button button--small" data-testid="open-trash" onClick={() => setTrashOpen(true)}>
        {th('trash')} ({trashCount()})
      </button>
      <Show when={atLeast(conn.config.tokenInfo.role, 'editor')}>
        <a class="button button--small" href={`${location.search}#/activity`} data-testid="open-activity">{th('activity')}</a>
      </Show>
      <Show when={trashOpen()}>
        <TrashDialog onClose={() => setTrashOpen(false)} />
      </Show>
    </div>
  );
}
