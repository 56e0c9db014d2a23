/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel otherwise reads Vietnamese as
 * Windows-1252), comma-separated, CRLF line ends, one header row, amounts as plain whole
 * numbers (no grouping, so every spreadsheet reads them as numbers).
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportTable } from './columns';
import { csvText } from './escape';

export const UTF8_BOM = '\uFEFF';

export function tableToCsv(table: ExportTable): string {
  const records: string[][] = [table.columns.map((c) => c.header)];
  for (const row of table.rows) {
    records.push(row.cells.map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return String(v);
      return csvText(v);
    }));
  }
  return UTF8_BOM + stringify(records, { record_delimiter: 'windows'});
}
