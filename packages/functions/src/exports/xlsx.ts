/**
 * XLSX with write-excel-file (Node API), laid out like the commune's paper lists: the heading
 * (ỦY BAN NHÂN DÂN / XÃ BÌNH AN on the left, the national heading and motto on the right),
 * the place and date, a title row, the commune and plan line, a bold header row, the table
 * with money as numbers in a VND number format, bold totals, notes, and the signature rows
 * (the preparer on the left, the chairman for the committee on the right, room to sign).
 * Text cells are typed as strings, so nothing a user typed can become a formula.
 */
import writeExcelFile from 'write-excel-file/node';
import type { Cell, CellObject, Row, SheetData } from 'write-excel-file/node';

/** A write-excel-file "feature" for the Node build (its FileContent type is not exported). */
type NodeFeature = NonNullable<NonNullable<Parameters<typeof writeExcelFile>[1]>['features']>[number];
import { formatDate } from '@binhan/core';
import type { ExportColumn, ExportTable, CellValue } from './columns';
import { TEXT, pick, placeAndDate, type ExportLang } from './labels';

/** Rows above the column headers (heading, date, title, issuer, blank): frozen with the headers. */
export const XLSX_HEADER_ROWS = 7;

/** Whole đồng with grouping and the đồng sign: 2500000 → 2,500,000 ₫ (separators follow the reader's locale). */
export const VND_FORMAT = '#,##0 "₫"';
export const QUANTITY_FORMAT = '#,##0.####';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const BORDER = { borderStyle: 'thin', borderColor: '#000000' } as const;

function dataCell(column: ExportColumn, value: CellValue, bold: boolean): Cell {
  const base: CellObject = { ...BORDER, alignVertical: 'top', ...(bold ? { fontWeight: 'bold' } : {}) };
  if (value === null || value === undefined) return { ...base, value: '', type: String };
  if (typeof value === 'number') {
    if (column.kind === 'money') return { ...base, value, type: Number, format: VND_FORMAT, align: 'right' };
    if (column.kind === 'index') return { ...base, value, type: Number, align: 'center' };
    return { ...base, value, type: Number, align: 'right', ...(Number.isInteger(value) ? {} : { format: QUANTITY_FORMAT }) };
  }
  return { ...base, value, type: String, wrap: true };
}

/** Points per line of 12 pt text. */
const LINE_HEIGHT_PT = 16;

/** Lines `text` takes in a column `width` characters wide (an estimate: ~1.1 characters per width unit). */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 1);
  return text.split(/\r\n|\r|\n/).reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

export function tableToSheetData(table: ExportTable, lang: ExportLang = 'vi'): SheetData {
  const n = table.columns.length;
  const spanRow = (cell: CellObject): Row => [{ ...cell, columnSpan: n }, ...Array.from({ length: n - 1 }, () => null)];
  // Two blocks side by side: the left one over the first `leftSpan` columns.
  const leftSpan = Math.max(1, Math.floor(n / 2) - 1);
  const rightSpan = n - leftSpan;
  const pair = (left: CellObject | null, right: CellObject | null): Row => [
    left ? { ...left, columnSpan: leftSpan, align: 'center' } : null, ...Array.from({ length: leftSpan - 1 }, () => null),
    right ? { ...right, columnSpan: rightSpan, align: 'center' } : null, ...Array.from({ length: rightSpan - 1 }, () => null),
  ];
  const text = (value: string, style: Partial<CellObject> = {}): CellObject => ({ value, type: String, ...style });
  const t = (b: { vi: string; en: string }) => pick(b, lang);
  const data: SheetData = [
    pair(text(t(TEXT.committeeUpper)), text(t(TEXT.republic), { fontWeight: 'bold' })),
    pair(text(t(TEXT.communeUpper), { fontWeight: 'bold' }), text(t(TEXT.motto), { fontWeight: 'bold' })),
    pair(null, text(placeAndDate(formatDate(table.date, 'vi'), lang), { fontStyle: 'italic' })),
    spanRow({ value: table.title, type: String, fontWeight: 'bold', fontSize: 14, align: 'center' }),
    spanRow({ value: table.issuer, type: String, fontStyle: 'italic', align: 'center' }),
    [],
    table.columns.map((c): Cell => ({
      value: c.header, type: String, fontWeight: 'bold', align: 'center', alignVertical: 'center', wrap: true,
      backgroundColor: '#E7E6E6', ...BORDER,
    })),
  ];
  for (const row of table.rows) {
    const cells = row.cells.map((v, i) => dataCell(table.columns[i]!, v, row.total === true));
    // Spreadsheets do not all re-measure wrapped rows on open: give the row its height.
    const lines = Math.max(1, ...row.cells.map((v, i) => (typeof v === 'string' ? wrappedLines(v, table.columns[i]!.width) : 1)));
    if (lines > 1 && cells[0] && typeof cells[0] === 'object') cells[0] = { ...cells[0], height: lines * LINE_HEIGHT_PT };
    data.push(cells);
  }
  if (table.notes.length) {
    data.push([]);
    for (const note of table.notes) data.push(spanRow({ value: note, type: String, fontStyle: 'italic', wrap: false }));
  }
  // Signatures: the preparer, and the chairman for the committee; four empty rows to sign in.
  data.push([]);
  data.push(pair(text(t(TEXT.preparer), { fontWeight: 'bold' }), text(t(TEXT.onBehalf), { fontWeight: 'bold' })));
  data.push(pair(text(t(TEXT.signHint), { fontStyle: 'italic' }), text(t(TEXT.chairman), { fontWeight: 'bold' })));
  data.push(pair(null, text(t(TEXT.signSealHint), { fontStyle: 'italic' })));
  for (let i = 0; i < 4; i++) data.push([]);
  return data;
}

/**
 * Print on A4, fitted to the page width (write-excel-file has no page-setup option): adds
 * <sheetPr><pageSetUpPr fitToPage/></sheetPr> and fitToWidth="1" fitToHeight="0".
 */
const fitToPageWidth: NodeFeature = {
  files: {
    transform: {
      'xl/worksheets/sheet{id}.xml': {
        transform(xml) {
          let out = xml;
          if (!out.includes('<sheetPr')) out = out.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
          if (out.includes('<pageSetup ')) {
            out = out.replace(/<pageSetup ([^>]*?)\/>/, (_m, attrs: string) =>
              `<pageSetup ${/paperSize=/.test(attrs) ? '' : 'paperSize="9" '}${attrs} fitToWidth="1" fitToHeight="0"/>`);
          } else {
            const setup = '<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>';
            const margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
            if (/<pageMargins [^>]*\/>/.test(out)) out = out.replace(/(<pageMargins [^>]*\/>)/, `$1${setup}`);
            else if (out.includes('<drawing ')) out = out.replace('<drawing ', `${margins}${setup}<drawing `);
            else out = out.replace('</worksheet>', `${margins}${setup}</worksheet>`);
          }
          return out;
        },
      },
    },
  },
};

export async function tableToXlsx(table: ExportTable, lang: ExportLang = 'vi'): Promise<Uint8Array> {
  const buffer = await writeExcelFile(tableToSheetData(table, lang), {
    sheet: table.sheetName,
    columns: table.columns.map((c) => ({ width: c.width })),
    stickyRowsCount: XLSX_HEADER_ROWS,
    ...(table.landscape ? { orientation: 'landscape' as const } : {}),
  }, { fontFamily: 'Times New Roman', fontSize: 12, features: [fitToPageWidth] }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
