/** Small pure helpers for cards on the page: filtering, search text, number and date input. */
import { cardLabel, foldVietnamese, isDueThisWeek, isOverdueTask, parseDateInput, vietnamDate, type Card, type Lang } from '@binhan/core';
import { createSignal } from 'solid-js';
import type { Filters } from '../app-context';

export { cardLabel };

/** Today in Vietnam, refreshed every minute (overdue marks change at midnight UTC+7). */
const [today, setToday] = createSignal(vietnamDate(new Date()));
setInterval(() => setToday(vietnamDate(new Date())), 60_000);
export { today };

export function isOverdue(c: Card, day: string): boolean {
  return c.kind === 'task' && c.status !== 'done' && c.due !== null && c.due < day;
}

export function statusKey(c: Card): string {
  return `${c.kind}:${c.kind === 'nominee' ? c.reviewStatus : c.status}`;
}

function searchText(c: Card): string {
  const parts: Array<string | null> = [cardLabel(c)];
  if (c.kind === 'task') parts.push(c.description, c.assignee, c.clause);
  else if (c.kind === 'nominee') parts.push(c.achievement);
  else parts.push(c.fundingSource);
  return foldVietnamese(parts.filter(Boolean).join(' '));
}

export function filterActive(f: Filters): boolean {
  return Boolean(f.unit || f.kind || f.status || f.assignee || f.due || f.text.trim() || f.mine);
}

/** Whether a task is assigned to the person named `myName` (accents, case and spaces aside). */
export function isMine(c: Card, myName: string): boolean {
  const me = foldVietnamese(myName).replace(/\s+/g, ' ').trim();
  return c.kind === 'task' && me !== '' && foldVietnamese(c.assignee ?? '').replace(/\s+/g, ' ').trim() === me;
}

/** `day` is today in Vietnam (for the due filters); `myName` is who "việc của tôi" means. */
export function makeMatcher(f: Filters, day: string = today(), myName = ''): (c: Card) => boolean {
  const q = foldVietnamese(f.text);
  return (c) => {
    if (f.mine && !isMine(c, myName)) return false;
    if (f.due === 'overdue' && !(c.kind === 'task' && isOverdueTask(c, day))) return false;
    if (f.due === 'this-week' && !(c.kind === 'task' && isDueThisWeek(c, day))) return false;
    if (f.unit && c.unit !== f.unit) return false;
    if (f.kind && c.kind !== f.kind) return false;
    if (f.status && statusKey(c) !== f.status) return false;
    if (f.assignee && !(c.kind === 'task' && (c.assignee ?? '') === f.assignee)) return false;
    if (q && !searchText(c).includes(q)) return false;
    return true;
  };
}

/**
 * A number typed by a person, in either convention: "2.500.000" or "2500000" (vi), "2,500,000"
 * (en), "1,5" / "1.5" as decimals. Returns NaN when it is not a number.
 */
export function parseNumberInput(text: string, lang: Lang): number {
  const t = text.trim();
  // "−3" or "-3": a negative number, so the board model can say "… không được âm".
  if (/^[-−]/.test(t)) {
    const n = parseNumberInput(t.slice(1), lang);
    return Number.isNaN(n) ? NaN : -n;
  }
  const s = t.replace(/[\s\u00a0₫]|đ|vnd/gi, '');
  if (/^\d+$/.test(s)) return Number(s);
  const vi = () => (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) ? Number(s.replace(/\./g, '').replace(',', '.')) : NaN);
  const en = () => (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? Number(s.replace(/,/g, '')) : NaN);
  const dec = () => (/^\d+[.,]\d+$/.test(s) ? Number(s.replace(',', '.')) : NaN);
  for (const f of lang === 'vi' ? [vi, en, dec] : [en, vi, dec]) {
    const n = f();
    if (!Number.isNaN(n)) return n;
  }
  return NaN;
}

/**
 * A date typed as dd/mm/yyyy (or ISO). Returns the ISO date, null for an empty field, or the
 * text rearranged to yyyy-mm-dd (not checked) so the board model says why it is wrong.
 */
export function dateInputToIso(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  const ok = parseDateInput(s);
  if (ok) return ok;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return s;
}

export function isoToDateInput(iso: string | null): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
