/**
 * The two lists as format-neutral tables: columns, rows of plain values, totals and notes.
 * csv.ts, xlsx.ts and html.ts only lay these out, so the three formats always agree.
 */
import {
  budgetSummary, formatNumber, nomineeAwards, vietnamDate,
  type BoardSnapshot, type BudgetCard, type IsoDate, type NomineeCard, type ReviewStatus,
} from '@binhan/core';
import {
  TEXT, awardFormLabel, awardLineLabel, budgetStatusLabel, fundName, issuerLine, nomineeKindLabel, pick,
  reviewStatusLabel, unitName, type ExportLang,
} from './labels';

/** Extra inputs of an export. All optional: the HTTP routes call the exports with (board, lang). */
export interface ExportOptions {
  /**
   * The time of the export (default: now). It dates the document, and it is the decision date
   * of a nominee that has none when the board has no conference date either (as on the
   * leaders' dashboard).
   */
  now?: Date | string;
  /** The nominee list only: list only nominees in these review statuses (default: all). */
  statuses?: readonly ReviewStatus[];
}

/** index: STT; money: whole đồng; quantity: a number that may have decimals. */
export type ColumnKind = 'index' | 'text' | 'longText' | 'money' | 'quantity';

export interface ExportColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Width in characters (spreadsheet) — also the relative width of the HTML column. */
  width: number;
}

export type CellValue = string | number | null;

export interface ExportRow {
  cells: CellValue[];
  /** A total line (bold; the label sits in the second column). */
  total?: boolean;
}

export interface ExportTable {
  title: string;
  /** Commune and plan number. */
  issuer: string;
  sheetName: string;
  columns: ExportColumn[];
  /** Data rows, then the total row(s). */
  rows: ExportRow[];
  /** Lines printed under the table (unpriced nominees, fund balance). */
  notes: string[];
  /** The document date (today in Vietnam at `now`). */
  date: IsoDate;
  /** Wide tables print in landscape. */
  landscape: boolean;
}

function col(key: string, vi: string, en: string, kind: ColumnKind, width: number, lang: ExportLang): ExportColumn {
  return { key, header: lang === 'en' ? en : vi, kind, width };
}

function exportNow(options: ExportOptions | undefined): Date | string {
  return options?.now ?? new Date();
}

export function nomineeColumns(lang: ExportLang): ExportColumn[] {
  return [
    col('index', 'STT', 'No.', 'index', 6, lang),
    col('name', 'Tên tập thể, hộ gia đình, cá nhân', 'Name', 'text', 34, lang),
    col('nomineeKind', 'Đối tượng', 'Type', 'text', 14, lang),
    col('unit', 'Bộ phận', 'Unit', 'text', 26, lang),
    col('achievement', 'Thành tích', 'Achievement', 'longText', 42, lang),
    col('awardForm', 'Hình thức khen thưởng', 'Award form', 'text', 32, lang),
    col('reviewStatus', 'Tình trạng xét duyệt', 'Review status', 'text', 24, lang),
    col('amount', 'Tiền thưởng (đồng)', 'Cash award (VND)', 'money', 16, lang),
  ];
}

export function budgetColumns(lang: ExportLang): ExportColumn[] {
  return [
    col('index', 'STT', 'No.', 'index', 6, lang),
    col('line', 'Nội dung chi', 'Budget line', 'longText', 48, lang),
    col('quantity', 'Số lượng', 'Quantity', 'quantity', 10, lang),
    col('unitPrice', 'Đơn giá (đồng)', 'Unit price (VND)', 'money', 16, lang),
    col('amount', 'Thành tiền (đồng)', 'Amount (VND)', 'money', 18, lang),
    col('fundingSource', 'Nguồn kinh phí', 'Funding source', 'text', 30, lang),
    col('status', 'Trạng thái', 'Status', 'text', 14, lang),
  ];
}

/**
 * Danh sách đề nghị khen thưởng: every live nominee (or those in `options.statuses`), in board
 * order, with its cash award; a filtered list says which statuses it holds under its title.
 */
export function nomineeTable(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions): ExportTable {
  const now = exportNow(options);
  const awards = nomineeAwards(board, now);
  const amountOf = new Map(awards.awards.map((a) => [a.cardId, a.amount]));
  const problemOf = new Map(awards.problems.map((p) => [p.cardId, p.issues]));
  const statuses = options?.statuses?.length ? options.statuses : null;
  const nominees = board.cards.filter((c): c is NomineeCard => c.kind === 'nominee' && (!statuses || statuses.includes(c.reviewStatus)));
  const rows: ExportRow[] = nominees.map((n, i) => ({
    cells: [
      i + 1,
      n.name,
      nomineeKindLabel(n.nomineeKind, lang),
      unitName(board, n.unit, lang),
      n.achievement ?? '',
      awardFormLabel(n.awardForm, lang),
      reviewStatusLabel(n.reviewStatus, lang),
      amountOf.get(n.id) ?? null,
    ],
  }));
  const total = nominees.reduce((s, n) => s + (amountOf.get(n.id) ?? 0), 0);
  rows.push({ total: true, cells: [null, pick(TEXT.total, lang), null, null, null, null, null, total] });
  const notes = nominees
    .filter((n) => problemOf.has(n.id))
    .map((n) => `${pick(TEXT.unpriced, lang)}: ${n.name} — ${problemOf.get(n.id)!.map((i) => pick(i, lang)).join('; ')}`);
  return {
    title: pick(TEXT.nomineeTitle, lang),
    issuer: statuses
      ? `${issuerLine(board, lang)} – ${pick(TEXT.statusFilter, lang)}: ${statuses.map((s) => reviewStatusLabel(s, lang)).join(', ')}`
      : issuerLine(board, lang),
    sheetName: pick(TEXT.nomineeSheet, lang),
    columns: nomineeColumns(lang),
    rows,
    notes,
    date: vietnamDate(now),
    landscape: true,
  };
}

/**
 * Dự toán kinh phí: the budget lines, then the award cash (computed from the nominees by the
 * award rules, drawn from the commendation fund), then the total of both.
 */
export function budgetTable(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions): ExportTable {
  const now = exportNow(options);
  const summary = budgetSummary(board, now);
  const awards = nomineeAwards(board, now);
  const lines = board.cards.filter((c): c is BudgetCard => c.kind === 'budget');
  const rows: ExportRow[] = lines.map((l, i) => ({
    cells: [
      i + 1,
      l.line,
      l.quantity,
      l.unitPrice,
      l.amount,
      fundName(board, l.fundingSource, lang),
      budgetStatusLabel(l.status, lang),
    ],
  }));
  // The same fund budgetSummary charges the award cash to.
  const awardFund = board.facts.awardFundId ?? board.facts.funds[0]?.id ?? 'commendation-fund';
  rows.push({
    cells: [
      lines.length + 1,
      awardLineLabel(awards.awards.length, lang),
      awards.awards.length,
      null,
      summary.awardTotal,
      fundName(board, awardFund, lang),
      null,
    ],
  });
  rows.push({ total: true, cells: [null, pick(TEXT.total, lang), null, null, summary.total, null, null] });

  const notes: string[] = [];
  for (const s of summary.bySource) {
    if (s.fund === null) continue;
    const name = lang === 'en' ? s.nameEn : s.nameVi;
    const n = (v: number) => formatNumber(v, lang);
    notes.push(lang === 'en'
      ? `${name}: available ${n(s.fund)} VND, estimated ${n(s.total)} VND, ${s.overFund ? `short by ${n(-s.remaining!)}` : `remaining ${n(s.remaining!)}`} VND.`
      : `${name}: hiện có ${n(s.fund)} đồng, dự toán ${n(s.total)} đồng, ${s.overFund ? `còn thiếu ${n(-s.remaining!)}` : `còn lại ${n(s.remaining!)}`} đồng.`);
  }
  for (const p of awards.problems) {
    const name = board.cards.find((c) => c.id === p.cardId);
    const label = name && name.kind === 'nominee' ? name.name : p.cardId;
    notes.push(`${pick(TEXT.unpriced, lang)}: ${label} — ${p.issues.map((i) => pick(i, lang)).join('; ')}`);
  }
  return {
    title: pick(TEXT.budgetTitle, lang),
    issuer: issuerLine(board, lang),
    sheetName: pick(TEXT.budgetSheet, lang),
    columns: budgetColumns(lang),
    rows,
    notes,
    date: vietnamDate(now),
    landscape: false,
  };
}

/** A quantity as people write it: 150 → "150", 1.5 → "1,5" (vi) / "1.5" (en). */
export function formatQuantity(q: number, lang: ExportLang): string {
  const whole = Math.trunc(q);
  const frac = Math.abs(q - whole);
  const fracText = frac > 0 ? String(Number(frac.toFixed(4))).slice(2) : '';
  const head = formatNumber(whole, lang);
  const sign = q < 0 && whole === 0 ? '-' : '';
  return fracText ? `${sign}${head}${lang === 'vi' ? ',' : '.'}${fracText}` : `${sign}${head}`;
}
