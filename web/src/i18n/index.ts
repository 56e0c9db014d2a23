/**
 * Language: Vietnamese first, English switchable (kept in localStorage). Words of the board
 * (field names, statuses, award forms) and formats (dd/mm/yyyy, "1.234.000 ₫") come from
 * @binhan/core; the app's own sentences are in ./strings.
 */
import { createSignal } from 'solid-js';
import {
  AWARD_FORM_LABELS, formatDate, formatNumber, formatVnd, fieldLabel, valueLabel,
  type Bilingual, type Lang, type Issue,
} from '@binhan/core';
import { STRINGS, type StringKey } from './strings';

const STORE_KEY = 'binhan:lang';

function initialLang(): Lang {
  try {
    const q = new URLSearchParams(window.location.search).get('lang');
    if (q === 'en' || q === 'vi') return q;
    const saved = localStorage.getItem(STORE_KEY);
    if (saved === 'en' || saved === 'vi') return saved;
  } catch {
    /* storage may be blocked */
  }
  return 'vi';
}

const [lang, setLangSignal] = createSignal<Lang>(initialLang());
export { lang };

export function setLang(l: Lang): void {
  setLangSignal(l);
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORE_KEY, l);
  } catch {
    /* ignore */
  }
}

/** The app's own sentence in the current language; `{name}` placeholders are filled from vars. */
export function t(key: StringKey, vars?: Record<string, string | number>): string {
  const entry = STRINGS[key];
  let s = entry[lang()];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export const pick = (b: Bilingual): string => b[lang()];
export const field = (name: string): string => pick(fieldLabel(name));
export const value = (fieldName: string, v: string): string => pick(valueLabel(fieldName, v));
export const awardForm = (id: string): string => pick(AWARD_FORM_LABELS[id as keyof typeof AWARD_FORM_LABELS] ?? { vi: id, en: id });
export const vnd = (n: number): string => formatVnd(n, lang());
export const num = (n: number): string => formatNumber(n, lang());
/** A quantity: grouped when whole, with the language's decimal mark otherwise (1,5 / 1.5). */
export const qty = (n: number): string =>
  Number.isInteger(n) ? formatNumber(n, lang()) : String(n).replace('.', lang() === 'vi' ? ',' : '.');
export const date = (iso: string): string => formatDate(iso, lang());
export const issueText = (i: Issue): string => pick(i);
