/**
 * Exports of a board (issue 5, part B): the nominee list and the cost estimate as CSV, XLSX
 * and printable HTML, and the whole board as versioned JSON (with its import).
 *
 * Every list function takes (board, lang); the optional third argument only fixes the clock
 * (tests, or a document dated on purpose).
 */
import type { BoardSnapshot } from '@binhan/core';
import { budgetTable, nomineeTable, type ExportOptions } from './columns';
import { tableToCsv } from './csv';
import { tableToXlsx } from './xlsx';
import { tableToHtml } from './html';
import type { ExportLang } from './labels';

export { exportBoardJson, importBoardJson, BOARD_EXPORT_FORMAT, BOARD_EXPORT_VERSION } from './board-json';
export type { BoardExport, ImportContext } from './board-json';
export type { ExportOptions, ExportTable, ExportColumn, ExportRow, CellValue } from './columns';
export { nomineeTable, budgetTable } from './columns';
export type { ExportLang } from './labels';
export { UTF8_BOM } from './csv';
export { XLSX_MIME, VND_FORMAT } from './xlsx';
export { escapeHtml } from './escape';
export { PRINT_SCRIPT, PRINT_SCRIPT_SOURCE } from './html';
export { XLSX_HEADER_ROWS } from './xlsx';
export * from './papers/index';

/** Content types for the HTTP routes. */
export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** Danh sách đề nghị khen thưởng as CSV (UTF-8 with BOM). */
export function nomineeListCsv(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions): string {
  return tableToCsv(nomineeTable(board, lang, options));
}

/** Dự toán kinh phí as CSV (UTF-8 with BOM): budget lines, award cash, total. */
export function budgetEstimateCsv(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions): string {
  return tableToCsv(budgetTable(board, lang, options));
}

export function nomineeListXlsx(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions): Promise<Uint8Array> {
  return tableToXlsx(nomineeTable(board, lang, options), lang);
}

export function budgetEstimateXlsx(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions): Promise<Uint8Array> {
  return tableToXlsx(budgetTable(board, lang, options), lang);
}

/** A complete printable page (A4 landscape); with `print`, it opens the print dialog on load. */
export function nomineeListHtml(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions & { print?: boolean }): string {
  return tableToHtml(nomineeTable(board, lang, options), lang, { print: options?.print === true });
}

/** A complete printable page (A4 portrait); with `print`, it opens the print dialog on load. */
export function budgetEstimateHtml(board: BoardSnapshot, lang: ExportLang, options?: ExportOptions & { print?: boolean }): string {
  return tableToHtml(budgetTable(board, lang, options), lang, { print: options?.print === true });
}
