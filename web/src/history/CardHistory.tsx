/** A card's history in its editor: opened on demand, 10 changes a page. */
import { Show, createSignal, type JSX } from 'solid-js';
import { useApp } from '../app-context';
import { th } from '../i18n/strings-history';
import { HistoryList } from './HistoryList';
import './history.css';

export const CARD_HISTORY_PAGE_SIZE = 10;

export function CardHistory(props: { cardId: string }): JSX.Element {
  const { conn } = useApp();
  const [open, setOpen] = createSignal(false);
  const path = `/api/boards/${encodeURIComponent(conn.config.boardId)}/cards/${encodeURIComponent(props.cardId)}/audit`;
  return (
    <details class="card-history" data-testid="card-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{th('historyOfCard')}</summary>
      <Show when={open()}>
        <HistoryList path={path} limit={CARD_HISTORY_PAGE_SIZE} testId="card-history-list" />
      </Show>
    </details>
  );
}
