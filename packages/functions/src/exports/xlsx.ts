/**
 * XLSX with write-excel-file (Node API): a title row, the commune and plan line, a bold
 * header row, the table with money as numbers in a VND number format, bold totals, notes.
 * Text cells are typed as strings, so nothing a user typed can become a formula.
 */
import writeExcelFile from 'write-excel-file/node';
import type { Cell, CellObject, Row, SheetData } from 'write-excel-file/node';

/** A write-excel-file "feature" for the Node build (its FileContent type is not exported). */
type NodeFeature = NonNullable<NonNullable<Parameters<typeof writeExcelFile>[1]>['features']>[number];
import type { ExportColumn, ExportTable, CellValue } from './columns';

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

export function tableToSheetData(table: ExportTable): SheetData {
  const n = table.columns.length;
  const spanRow = (cell: CellObject): Row => [{ ...cell, columnSpan: n }, ...Array.from({ length: n - 1 }, () => null)];
  const data: SheetData = [
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

export async function tableToXlsx(table: ExportTable): Promise<Uint8Array> {
  const buffer = await writeExcelFile(tableToSheetData(table), {
    sheet: table.sheetName,
    columns: table.columns.map((c) => ({ width: c.width })),
    stickyRowsCount: 4,
    ...(table.landscape ? { orientation: 'landscape' as const } : {}),
  }, { fontFamily: 'Times New Roman', fontSize: 12, features: [fitToPageWidth] }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
