/**
 * A change of this page that the server undid ("undo, never drop"): the server kept the
 * page's update, wrote a compensating update restoring the last valid value of each entry,
 * and said why in a control frame `{"type":"error","code":"undone","message","entries"}`.
 * The reason is `"<vi> / <en>"`, several joined by `" | "` (core's policy/refusals.ts).
 */
import type { Lang } from '@binhan/core';

export interface UndoneChange {
  id: number;
  /** The server's reason, as sent ("<vi> / <en> | <vi> / <en>"). */
  reason: string;
  /** The entries that were put back: "cards.n1", "facts.funds", "units.finance", "meta.title", "agenda". */
  entries: string[];
  /** When the page was told (epoch ms). */
  at: number;
}

/** The refusals' closing words, which the notice's own title already says. */
const UNDONE_TAIL = /;\s*(thay đổi đã được hoàn tác|your change was undone)\.?$/i;

/**
 * The reason in one language: each "<vi> / <en>" part cut at its first " / ", without the
 * closing "your change was undone" (the notice says it), repeats left out.
 */
export function reasonIn(reason: string, lang: Lang): string[] {
  const lines = reason
    .split(' | ')
    .map((part) => {
      const cut = part.indexOf(' / ');
      const text = cut < 0 ? part : lang === 'vi' ? part.slice(0, cut) : part.slice(cut + 3);
      return text.trim().replace(UNDONE_TAIL, '');
    })
    .filter((s) => s !== '');
  return [...new Set(lines)];
}

export type EntryRef =
  | { area: 'cards'; id: string }
  | { area: 'facts'; key: string }
  | { area: 'units'; id: string }
  | { area: 'meta'; key: string }
  | { area: 'agenda' }
  | { area: 'other'; path: string };

/** "cards.n1" → { area: 'cards', id: 'n1' } (ids may hold dots: only the first one splits). */
export function parseEntry(entry: string): EntryRef {
  if (entry === 'agenda' || entry.startsWith('agenda.')) return { area: 'agenda' };
  const dot = entry.indexOf('.');
  if (dot > 0) {
    const area = entry.slice(0, dot);
    const rest = entry.slice(dot + 1);
    if (area === 'cards' || area === 'units') return { area, id: rest };
    if (area === 'facts' || area === 'meta') return { area, key: rest };
  }
  return { area: 'other', path: entry };
}

/** Most notices kept at once (the oldest go first). */
export const MAX_UNDONE_NOTICES = 3;

/** `list` with `next` added: one notice per distinct reason and entries (a repeat moves to the end). */
export function withUndone(list: readonly UndoneChange[], next: UndoneChange): UndoneChange[] {
  const key = (u: UndoneChange) => `${u.reason}\u0000${u.entries.join(',')}`;
  const rest = list.filter((u) => key(u) !== key(next));
  return [...rest, next].slice(-MAX_UNDONE_NOTICES);
}
