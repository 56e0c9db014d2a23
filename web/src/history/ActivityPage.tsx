/** The board's activity page (#/activity): the whole audit log, 25 changes a page. */
import { onMount, type JSX } from 'solid-js';
import { useApp } from '../app-context';
import { th } from '../i18n/strings-history';
import { HistoryList } from './HistoryList';
import './history.css';

export const ACTIVITY_PAGE_SIZE = 25;

export function ActivityPage(): JSX.Element {
  const { conn } = useApp();
  let heading!: HTMLHeadingElement;
  onMount(() => heading.focus());
  return (
    <section class="activity" aria-labelledby="activity-title" data-testid="activity-page">
      <h2 id="activity-title" ref={heading} tabIndex={-1}>{th('activityTitle')}</h2>
      <p class="muted">{th('activityIntro')}</p>
      <HistoryList path={`/api/boards/${encodeURIComponent(conn.config.boardId)}/audit`} limit={ACTIVITY_PAGE_SIZE} showCard testId="activity-list" />
    </section>
  );
}
