/** How the history shows a time, a person, an action and a field's value (Vietnamese first). */
import { fundName, type BoardSnapshot } from '@binhan/core';
import { awardForm, date, field, pick, qty, t, value, vnd } from '../i18n';
import { th } from '../i18n/strings-history';
import type { AuditRow } from './audit-api';

/** dd/mm/yyyy hh:mm in Vietnam's time (the commune's), whatever the machine's zone. */
export function stamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const v = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date(`${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())}`)} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
}

/** The person as the history names them: the account, or the link and the self-declared name. */
export function personText(row: AuditRow): { name: string; note: string | null } {
  const p = row.person;
  if (p?.kind === 'account') return { name: p.name, note: null };
  const declared = (p ? p.declaredName : null) ?? row.declaredName ?? null;
  const via = p?.kind === 'link' ? th('viaLink', { label: p.label }) : null;
  if (declared) return { name: declared, note: [th('selfDeclared'), via].filter(Boolean).join(', ') };
  if (p?.kind === 'link') return { name: p.label, note: null };
  return { name: p?.name || row.actor || th('unknownPerson'), note: null };
}

const ACTIONS = {
  created: 'actionCreated',
  updated: 'actionUpdated',
  moved: 'actionMoved',
  deleted: 'actionDeleted',
  restored: 'actionRestored',
  purged: 'actionPurged',
} as const;

export function actionText(a: AuditRow['action']): string {
  return th(ACTIONS[a] ?? 'actionUpdated');
}

export function fieldText(f: string): string {
  if (f === 'unit') return field('unit');
  if (f.startsWith('facts.')) return field(f.slice(6));
  return field(f);
}

/**
 * A stored value in words: statuses by label, dates dd/mm/yyyy, money in đồng, units by name.
 * `items`: the value is the items one change touched of a list (AuditValueChange.itemsChanged),
 * on the `old` or the `new` side: none there means the items were new, or were removed.
 */
export function valueText(f: string, v: unknown, board: BoardSnapshot | null, items?: 'old' | 'new'): string {
  if (items && Array.isArray(v) && v.length === 0) return th(items === 'old' ? 'noItemBefore' : 'itemRemoved');
  if (v === null || v === undefined || v === '') return th('empty');
  if (f.startsWith('facts.')) return factText(f.slice(6), v, board);
  if (Array.isArray(v)) {
    const list = v as Array<{ text?: unknown; done?: unknown }>;
    if (f === 'checklist' || f === 'dossier') {
      if (!list.length) return th('empty');
      return list.map((i) => `${i.done ? '☑' : '☐'} ${String(i.text ?? '')}`).join('; ');
    }
    // Other lists of items (the comments): their texts.
    if (items) return list.map((i) => String(i?.text ?? '')).join('; ');
    return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  }
  if (typeof v === 'string') {
    if (['status', 'reviewStatus', 'nomineeKind', 'kind'].includes(f)) return value(f, v);
    if (f === 'awardForm') return awardForm(v);
    if ((f === 'due' || f === 'decisionDate') && /^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
    if (f === 'unit') {
      const u = board?.units.find((x) => x.id === v);
      return u ? pick({ vi: u.nameVi, en: u.nameEn }) : v;
    }
    if (f === 'fundingSource') return board ? pick(fundName(board.facts, v)) : v;
    return v;
  }
  if (typeof v === 'number') return f === 'unitPrice' || f === 'amount' ? vnd(v) : qty(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  return JSON.stringify(v);
}

/** A fact's stored value in words: the funds with their amounts, the paying fund by name, the date dd/mm/yyyy. */
function factText(key: string, v: unknown, board: BoardSnapshot | null): string {
  if (key === 'funds' && Array.isArray(v)) {
    if (!v.length) return th('empty');
    return v
      .map((x) => {
        const f = (typeof x === 'object' && x !== null ? x : {}) as { nameVi?: unknown; nameEn?: unknown; amount?: unknown };
        const name = pick({ vi: String(f.nameVi ?? ''), en: String(f.nameEn ?? f.nameVi ?? '') });
        return `${name}: ${typeof f.amount === 'number' ? vnd(f.amount) : t('fundNotSet')}`;
      })
      .join('; ');
  }
  if (key === 'awardFundId' && typeof v === 'string') return board ? pick(fundName(board.facts, v)) : v;
  if (key === 'conferenceDate' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return date(v);
  if (typeof v === 'number') return qty(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}
