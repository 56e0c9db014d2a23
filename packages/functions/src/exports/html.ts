/**
 * A complete printable page (A4) in the layout of a commune document: the administrative
 * header, place and date, title, the table with totals, notes and the signature block.
 * Self-contained: inline CSS only, no external resources. Every value from the board is
 * escaped. The print view (`print: true`) adds one fixed script that opens the browser's print
 * dialog once the page has loaded; the route allows exactly that script by its hash
 * (PRINT_SCRIPT_SOURCE), and nothing else.
 */
import { createHash } from 'node:crypto';
import { formatDate, formatNumber } from '@binhan/core';
import { formatQuantity, type CellValue, type ExportColumn, type ExportTable } from './columns';
import { escapeHtml, escapeHtmlLines } from './escape';
import { TEXT, pick, placeAndDate, type ExportLang } from './labels';

/** The only script a print view carries. */
export const PRINT_SCRIPT = "window.addEventListener('load',function(){window.print();});";
/** CSP source allowing PRINT_SCRIPT and no other script. */
export const PRINT_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(PRINT_SCRIPT).digest('base64')}'`;

function css(landscape: boolean): string {
  return `
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 15mm 15mm 15mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 12pt; color: #000; margin: 0 auto; max-width: ${landscape ? '277mm' : '190mm'}; }
table.doc-header, table.signatures { width: 100%; border-collapse: collapse; }
table.doc-header td, table.signatures td { vertical-align: top; text-align: center; padding: 0 4px; border: none; }
table.doc-header td.issuer { width: 40%; }
.upper { text-transform: none; font-weight: bold; margin: 0; }
.plain { margin: 0; }
.motto { font-weight: bold; margin: 0; text-decoration: underline; }
p.date { text-align: right; font-style: italic; margin: 10px 0 0 0; }
p.title { text-align: center; font-weight: bold; font-size: 14pt; margin: 16px 0 2px 0; }
p.subtitle { text-align: center; font-style: italic; margin: 0 0 12px 0; }
table.list { width: 100%; border-collapse: collapse; page-break-inside: auto; }
table.list th, table.list td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
table.list th { text-align: center; font-weight: bold; background: #eee; }
table.list thead { display: table-header-group; }
table.list tr { page-break-inside: avoid; }
td.index { text-align: center; }
td.money, td.quantity { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
p.note { font-style: italic; margin: 4px 0 0 0; }
table.signatures { margin-top: 18px; page-break-inside: avoid; }
table.signatures td { width: 50%; }
.sign-space { height: 70px; }
@media print { body { max-width: none; } }
`;
}

function cellHtml(column: ExportColumn, value: CellValue, lang: ExportLang): string {
  const cls = column.kind === 'longText' ? 'text' : column.kind;
  if (value === null || value === undefined || value === '') return `<td class="${cls}"></td>`;
  if (typeof value === 'number') {
    const text = column.kind === 'quantity' ? formatQuantity(value, lang) : formatNumber(value, lang);
    return `<td class="${cls}">${escapeHtml(text)}</td>`;
  }
  return `<td class="${cls}">${escapeHtmlLines(value)}</td>`;
}

export function tableToHtml(table: ExportTable, lang: ExportLang, options: { print?: boolean } = {}): string {
  const t = (b: { vi: string; en: string }) => escapeHtml(pick(b, lang));
  const widths = table.columns.reduce((s, c) => s + c.width, 0);
  const colgroup = table.columns
    .map((c) => `<col style="width:${((c.width / widths) * 100).toFixed(1)}%">`)
    .join('');
  const head = table.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const body = table.rows.length
    ? table.rows
      .map((r) => {
        const cells = r.cells.map((v, i) => cellHtml(table.columns[i]!, v, lang)).join('');
        return `<tr${r.total ? ' class="total"' : ''}>${cells}</tr>`;
      })
      .join('\n')
    : `<tr><td colspan="${table.columns.length}">${t(TEXT.noRows)}</td></tr>`;
  const notes = table.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n');
  const date = formatDate(table.date, 'vi');
  return `<!DOCTYPE html>
<html lang="${lang === 'en' ? 'en' : 'vi'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(table.title)} – ${escapeHtml(table.issuer)}</title>
<style>${css(table.landscape)}</style>
${options.print ? `<script>${PRINT_SCRIPT}</script>\n` : ''}</head>
<body>
<table class="doc-header"><tr>
<td class="issuer"><p class="plain">${t(TEXT.committeeUpper)}</p><p class="upper">${t(TEXT.communeUpper)}</p></td>
<td class="nation"><p class="upper">${t(TEXT.republic)}</p><p class="motto">${t(TEXT.motto)}</p></td>
</tr></table>
<p class="date">${escapeHtml(placeAndDate(date, lang))}</p>
<p class="title">${escapeHtml(table.title)}</p>
<p class="subtitle">${escapeHtml(table.issuer)}</p>
<table class="list">
<colgroup>${colgroup}</colgroup>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${notes}
<table class="signatures"><tr>
<td><p class="upper">${t(TEXT.preparer)}</p><p class="plain"><i>${t(TEXT.signHint)}</i></p><div class="sign-space"></div></td>
<td><p class="upper">${t(TEXT.onBehalf)}</p><p class="upper">${t(TEXT.chairman)}</p><p class="plain"><i>${t(TEXT.signSealHint)}</i></p><div class="sign-space"></div></td>
</tr></table>
</body>
</html>
`;
}
