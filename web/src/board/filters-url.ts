/**
 * The board's filters in the page's query string, beside board and token:
 * `?board=…&token=…&unit=finance&kind=task&status=task:todo&assignee=…&due=overdue&q=hội+trường&mine=1`.
 * A reload keeps them; each change of a choice is a history entry (back/forward steps through
 * them), typing in the search box replaces the current one. The hash (#/board, …) is kept.
 */
import type { Filters } from '../app-context';

const PARAMS: Array<[keyof Filters, string]> = [
  ['unit', 'unit'], ['kind', 'kind'], ['status', 'status'], ['assignee', 'assignee'], ['due', 'due'], ['text', 'q'], ['mine', 'mine'],
];

export function filtersFromSearch(search: string): Filters {
  const q = new URLSearchParams(search);
  const text = (k: string) => (q.get(k) ?? '').slice(0, 200);
  return {
    unit: text('unit'),
    kind: text('kind'),
    status: text('status'),
    assignee: text('assignee'),
    due: ['overdue', 'this-week'].includes(text('due')) ? text('due') : '',
    text: text('q'),
    mine: q.get('mine') === '1',
  };
}

/** The query string with `f` in it (other parameters kept, empty filters left out). */
export function searchWithFilters(search: string, f: Filters): string {
  const q = new URLSearchParams(search);
  for (const [key, param] of PARAMS) {
    const v = f[key];
    if (v === true) q.set(param, '1');
    else if (typeof v === 'string' && v.trim() !== '') q.set(param, v);
    else q.delete(param);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function readFiltersFromUrl(): Filters {
  return filtersFromSearch(typeof location === 'undefined' ? '' : location.search);
}

export function writeFiltersToUrl(f: Filters, replace: boolean): void {
  if (typeof location === 'undefined') return;
  const search = searchWithFilters(location.search, f);
  if (search === location.search) return;
  const url = `${location.pathname}${search}${location.hash}`;
  if (replace) history.replaceState(history.state, '', url);
  else history.pushState(history.state, '', url);
}
