/**
 * Due dates as plans write them, read to an ISO date (the last day allowed):
 *   "trước ngày 10/4/2025", "Trước 25/8/2025", "chậm nhất ngày 15/3/2025", "hoàn thành
 *   trước ngày 10 tháng 4 năm 2025", "trước 30/4" (year from the plan) → that day;
 *   "trong tháng 3/2025", "tháng 3 năm 2025" → the month's last day;
 *   "quý I năm 2025", "quý 2/2025" → the quarter's last day;
 *   "năm 2025" alone in a due-date cell → 31/12.
 * A bare date in a "Thời gian hoàn thành" cell is a due date too (readDueCell).
 * Pure: returns null when nothing is read, never guesses a year it was not given.
 */
import { daysInMonth, isRealIsoDate, quarterEnd, type IsoDate } from '../util/dates';

/** Lower case without diacritics, punctuation kept ("Trước 25/8/2025" → "truoc 25/8/2025"). */
export function foldKeepPunctuation(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ');
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function iso(y: number, m: number, d: number): IsoDate | null {
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealIsoDate(s) ? s : null;
}

function monthEnd(y: number, m: number): IsoDate | null {
  return m >= 1 && m <= 12 ? iso(y, m, daysInMonth(y, m)) : null;
}

/** A full day "10/4/2025", "10-04-2025", "10.4.2025", "ngày 10 tháng 4 năm 2025", or "10/4" with `year`. */
const DAY = /(\d{1,2})\s*(?:\/|-|\.|\s+thang\s+)\s*(\d{1,2})(?:\s*(?:\/|-|\.|\s+nam\s+)\s*(\d{4}))?/;

function readDay(folded: string, at: number, year: number | null): IsoDate | null {
  const m = DAY.exec(folded.slice(at));
  if (!m || m.index > 6) return null;
  const y = m[3] ? Number(m[3]) : year;
  return y ? iso(y, Number(m[2]), Number(m[1])) : null;
}

export interface DueOptions {
  /** The plan's year, for "trước 30/4". */
  year?: number | null;
}

/** The due date a sentence sets, or null. */
export function findDueDate(text: string, options: DueOptions = {}): IsoDate | null {
  const f = foldKeepPunctuation(text);
  const year = options.year ?? null;
  // trước (ngày) / chậm nhất (ngày|là ngày) / hạn (chót) / không quá ngày / xong trước
  const lead = /(?:truoc|cham nhat(?: la)?|han chot|thoi han|khong qua|hoan thanh)\s*(?:ngay\s*)?(?=\d)/g;
  for (let m = lead.exec(f); m; m = lead.exec(f)) {
    const d = readDay(f, m.index + m[0].length, year);
    if (d) return d;
  }
  const q = /quy\s+(iv|iii|ii|i|[1-4])\s*(?:\/|nam\s+|-)\s*(\d{4})/.exec(f);
  const month = /(?:trong\s+)?thang\s+(\d{1,2})\s*(?:\/|nam\s+|-)\s*(\d{4})/.exec(f);
  // "trong tháng 3/2025" / "quý I năm 2025" after a verb of finishing (or at the start of the cell)
  const finishing = /(?:hoan thanh|xong|trien khai|thuc hien|to chuc|trinh|nop|gui|bao cao)[^.;]{0,80}$/;
  if (month && (/trong\s+thang/.test(month[0]) || finishing.test(f.slice(0, month.index)))) return monthEnd(Number(month[2]), Number(month[1]));
  if (q && finishing.test(f.slice(0, q.index))) return quarterEnd(Number(q[2]), ROMAN[q[1]!] ?? Number(q[1]));
  return null;
}

/** A "Thời gian hoàn thành" cell: any of the phrases above, or a bare date, month, quarter or year. */
export function readDueCell(cell: string, options: DueOptions = {}): IsoDate | null {
  const found = findDueDate(cell, options);
  if (found) return found;
  const f = foldKeepPunctuation(cell).trim();
  if (!f) return null;
  // Several dates ("từ 01/4 đến 10/4/2025"): the last one is the deadline.
  const days = [...f.matchAll(new RegExp(DAY.source, 'g'))];
  for (let i = days.length - 1; i >= 0; i--) {
    const m = days[i]!;
    const y = m[3] ? Number(m[3]) : (days.find((d) => d[3])?.[3] ? Number(days.find((d) => d[3])![3]) : options.year ?? null);
    const d = y ? iso(y, Number(m[2]), Number(m[1])) : null;
    if (d && !/thang\s+\d{1,2}\s*(?:\/|nam)\s*\d{4}$/.test(m[0])) return d;
  }
  const q = /quy\s+(iv|iii|ii|i|[1-4])\s*(?:\/|nam\s+|-)\s*(\d{4})/.exec(f);
  if (q) return quarterEnd(Number(q[2]), ROMAN[q[1]!] ?? Number(q[1]));
  const month = /thang\s+(\d{1,2})\s*(?:\/|nam\s+|-)\s*(\d{4})/.exec(f) ?? /^(\d{1,2})\s*\/\s*(\d{4})$/.exec(f);
  if (month) return monthEnd(Number(month[2]), Number(month[1]));
  const yearOnly = /^(?:trong\s+)?nam\s+(\d{4})$/.exec(f);
  if (yearOnly) return iso(Number(yearOnly[1]), 12, 31);
  return null;
}
