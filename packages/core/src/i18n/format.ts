/**
 * Display formats used by the web app and the exports. Written by hand (not Intl) so the
 * output is the same in every browser and Lambda runtime.
 */
import type { Lang } from './messages';
import { isRealIsoDate } from '../util/dates';

function group(n: number, sep: string): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return (n < 0 ? '-' : '') + out;
}

/** 1234000 → "1.234.000 ₫" (vi) or "1,234,000 VND" (en). Amounts are whole đồng. */
export function formatVnd(amount: number, lang: Lang = 'vi'): string {
  const n = Math.round(amount);
  return lang === 'vi' ? `${group(n, '.')} ₫` : `${group(n, ',')} VND`;
}

/** Plain grouped number: 150 → "150", 2340000 → "2.340.000" (vi) / "2,340,000" (en). */
export function formatNumber(n: number, lang: Lang = 'vi'): string {
  return group(n, lang === 'vi' ? '.' : ',');
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** "2025-03-05" → "05/03/2025" (vi) or "5 March 2025" (en). */
export function formatDate(iso: string, lang: Lang = 'vi'): string {
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (lang === 'vi') return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  return `${d} ${EN_MONTHS[m - 1] ?? '?'} ${y}`;
}

/**
 * A date typed by a person: "15/3/2025", "15-03-2025", "15.03.2025" (Vietnamese day-first
 * order) or ISO "2025-03-15". Returns the ISO date, or null when it is not a real date
 * ("31/02/2025" → null).
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  let iso: string | null = null;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  return iso && isRealIsoDate(iso) ? iso : null;
}
