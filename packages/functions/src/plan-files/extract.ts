/**
 * A plan file (.docx, .pdf, .txt) to what core's plan reader reads: its text, and its tables
 * as rows of cells. The format is told by the bytes, not the name. Refused, with what to do:
 *   - over 10 MB;
 *   - an old binary Word file (.doc): "save it as .docx";
 *   - a .docx that is not a zip with word/document.xml, or that would unpack to more than
 *     50 MB or more than 100 times its size (a zip bomb): checked from the zip's directory
 *     before anything is unpacked;
 *   - a PDF with a password, or with no text (a scan): "no text in this PDF";
 *   - text that is neither UTF-8 nor UTF-16.
 * mammoth reads .docx (to HTML, so tables keep their cells); unpdf (pdf.js, no worker, no
 * network) reads PDFs: lines rebuilt from the positions of the text on the page, and a task
 * table rebuilt from the columns of its header (pdfTables below).
 */
import type { PlanSource } from '@binhan/core';
import { tableColumns } from '@binhan/core/plan-reading';

export const MAX_PLAN_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024;
export const MAX_DOCX_RATIO = 100;

export type PlanFileErrorCode = 'too-large' | 'old-doc' | 'bad-docx' | 'zip-bomb' | 'encrypted-pdf' | 'no-text' | 'bad-pdf' | 'unknown-format' | 'empty-file';

export class PlanFileError extends Error {
  constructor(readonly code: PlanFileErrorCode, message: string, readonly messageVi: string) {
    super(message);
    this.name = 'PlanFileError';
  }
}

const fail = (code: PlanFileErrorCode, en: string, vi: string): never => { throw new PlanFileError(code, en, vi); };

export type PlanFileFormat = 'docx' | 'pdf' | 'txt';

export interface ExtractedPlan extends PlanSource {
  format: PlanFileFormat;
  tables: string[][][];
}

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((v, i) => b[i] === v);
}

/** The zip's directory: entries and their unpacked sizes (no data is inflated). */
function zipDirectory(b: Uint8Array): Array<{ name: string; size: number; packed: number }> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = b.length - 22;
  const stop = Math.max(0, b.length - 22 - 65_535);
  while (eocd >= stop && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < stop) return fail('bad-docx', 'This .docx is damaged (it is not a complete zip file). Open it in Word and save it again.',
    'Tệp .docx bị hỏng (không phải tệp zip hoàn chỉnh). Hãy mở bằng Word và lưu lại.');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: Array<{ name: string; size: number; packed: number }> = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50)
      return fail('bad-docx', 'This .docx is damaged (its zip directory is broken). Open it in Word and save it again.',
        'Tệp .docx bị hỏng (mục lục zip sai). Hãy mở bằng Word và lưu lại.');
    const packed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    out.push({ name, size, packed });
    p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()] ?? m);
}
/** HTML to text: paragraphs and line breaks as new lines, list items as "- ". */
function htmlText(html: string): string {
  return decodeEntities(html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li>/gi, '\n- ')
    .replace(/<\/(p|h[1-6]|li|tr|div)>/gi, '\n')
    .replace(/<[^>]+>/g, ''))
    .replace(/[ \t]+\n/g, '\n');
}

async function readDocx(b: Uint8Array): Promise<ExtractedPlan> {
  const entries = zipDirectory(b);
  if (!entries.some((e) => e.name === 'word/document.xml'))
    fail('bad-docx', 'This file is a zip but not a Word document (no word/document.xml). Save the plan as .docx from Word.',
      'Tệp là zip nhưng không phải văn bản Word (thiếu word/document.xml). Hãy lưu kế hoạch dưới dạng .docx từ Word.');
  const unpacked = entries.reduce((s, e) => s + e.size, 0);
  if (unpacked > MAX_DOCX_UNPACKED_BYTES || unpacked > MAX_DOCX_RATIO * Math.max(b.length, 1))
    fail('zip-bomb', `This .docx would unpack to ${Math.round(unpacked / 1e6)} MB, far more than a plan holds; it was not opened. Save the plan again from Word.`,
      `Tệp .docx này khi giải nén lên tới ${Math.round(unpacked / 1e6)} MB, quá lớn so với một kế hoạch; tệp không được mở. Hãy lưu lại kế hoạch từ Word.`);
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(b.buffer, b.byteOffset, b.byteLength) })).value;
  } catch (e) {
    return fail('bad-docx', `This .docx could not be read (${(e as Error).message}). Open it in Word and save it again.`,
      `Không đọc được tệp .docx này (${(e as Error).message}). Hãy mở bằng Word và lưu lại.`);
  }
  const tables: string[][][] = [];
  // Tables out of the text (their rows are read as tables), in document order.
  const text = htmlText(html.replace(/<table[\s\S]*?<\/table>/gi, (t) => {
    tables.push([...t.matchAll(/<tr[\s\S]*?<\/tr>/gi)].map((r) =>
      [...r[0].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => htmlText(c[1]!).replace(/\s+/g, ' ').trim())));
    return '\n';
  }));
  return { format: 'docx', text, tables };
}

interface PdfItem { str: string; x: number; y: number; w: number }

/**
 * A table drawn in a PDF: a line of three or more cells whose words name a task table's
 * columns (tableColumns) is its header; its cells' left edges are the columns. Each later line
 * puts its pieces in the column they start in; a line with a number (STT) in the first column
 * starts a row, other lines continue the cells of the row above (a wrapped cell). The table
 * ends at a line that starts left of the first column (the body text again). Lines of a table
 * go to `tables`, the others to `lines`.
 */
type PdfLine = Array<{ x: number; text: string }> & { items: PdfItem[] };

function pdfTables(pieced: PdfLine[], lines: string[], tables: string[][][]): void {
  let cols: number[] | null = null;
  let table: string[][] = [];
  let header: string[] = [];
  let inRows = false;
  const close = () => {
    if (cols && table.length) tables.push([header.map((h) => h.trim()), ...table.map((r) => r.map((c) => c.trim()))]);
    cols = null; table = []; header = []; inRows = false;
  };
  for (const cells of pieced) {
    if (!cols) {
      if (cells.length >= 3 && tableColumns(cells.map((c) => c.text)) !== null) {
        cols = cells.map((c) => c.x);
        header = cells.map((c) => c.text);
        continue;
      }
      lines.push(cells.map((c) => c.text).join(' '));
      continue;
    }
    const c0: number = cols[0]!;
    if (cells[0]!.x < c0 - 2) { close(); lines.push(cells.map((c) => c.text).join(' ')); continue; }
    const at = (x: number) => { let k = 0; cols!.forEach((cx, i) => { if (x >= cx - 3) k = i; }); return k; };
    const first = cells.find((c) => at(c.x) === 0);
    const startsRow = first !== undefined && /^(\d+|[IVX]+)\.?$/.test(first.text.trim());
    if (startsRow) { table.push(cols.map(() => '')); inRows = true; }
    const target = inRows ? table[table.length - 1]! : header;
    // The line's own pieces, each in the column it starts in (two cells' words close together stay apart).
    let lastK = -1;
    let lastEnd = 0;
    for (const it of cells.items) {
      const k = at(it.x);
      const join = k === lastK && it.x - lastEnd <= 1 ? '' : ' ';
      target[k] = `${target[k] ?? ''}${join}${it.str}`;
      lastK = k;
      lastEnd = it.x + it.w;
    }
  }
  close();
}

async function readPdf(b: Uint8Array): Promise<ExtractedPlan> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(b));
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException' || /password/i.test((e as Error).message))
      return fail('encrypted-pdf', 'This PDF is protected by a password: open it, print or save it without the password, and send that.',
        'Tệp PDF này có mật khẩu: hãy mở, lưu lại không đặt mật khẩu rồi gửi tệp đó.');
    return fail('bad-pdf', `This PDF could not be read (${(e as Error).message}).`, `Không đọc được tệp PDF này (${(e as Error).message}).`);
  }
  const lines: string[] = [];
  const tables: string[][][] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || !it.str.trim()) continue;
      items.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, w: it.width });
    }
    // Lines by their baseline (top to bottom); within a line, pieces far apart are cells.
    items.sort((a, b) => b.y - a.y || a.x - b.x);
    const rows: PdfItem[][] = [];
    for (const it of items) {
      const row = rows.find((r) => Math.abs(r[0]!.y - it.y) < 3);
      if (row) row.push(it);
      else rows.push([it]);
    }
    const pieced = rows.map((row) => {
      row.sort((a, b) => a.x - b.x);
      const cells: PdfLine = Object.assign([] as Array<{ x: number; text: string }>, { items: row });
      let last: PdfItem | null = null;
      for (const it of row) {
        const gap = last ? it.x - (last.x + last.w) : 0;
        if (!last || gap > 12) cells.push({ x: it.x, text: it.str });
        else cells[cells.length - 1]!.text += (gap > 1 ? ' ' : '') + it.str;
        last = it;
      }
      return cells;
    });
    pdfTables(pieced, lines, tables);
  }
  // A line the PDF wrapped where the sentence plainly goes on (it ends in a dash, a comma or
  // "và") continues on the next line: join them, as the paragraph was written.
  const joined: string[] = [];
  for (const line of lines) {
    const prev = joined[joined.length - 1];
    if (prev !== undefined && /(?:[-–,]|\svà)\s*$/u.test(prev) && !/^\s*(?:\d+\.|[IVX]+\.|[a-zđ]\)|[-+•])/u.test(line)) joined[joined.length - 1] = `${prev} ${line.trim()}`;
    else joined.push(line);
  }
  const text = joined.join('\n');
  if (text.replace(/\s/g, '').length < 20)
    fail('no-text', 'There is no text in this PDF (it looks like a scan). Send the plan as .docx, or a PDF saved from Word.',
      'Không có chữ trong tệp PDF này (có vẻ là bản scan). Hãy gửi kế hoạch dạng .docx, hoặc PDF lưu từ Word.');
  return { format: 'pdf', text, tables };
}

function readText(b: Uint8Array): ExtractedPlan {
  let text: string;
  if (startsWith(b, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(b.subarray(2));
  else if (startsWith(b, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(b.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      return fail('unknown-format', 'This file is not a .docx, a PDF or UTF-8 text. Save the plan as .docx from Word.',
        'Tệp không phải .docx, PDF hay văn bản UTF-8. Hãy lưu kế hoạch dưới dạng .docx từ Word.');
    }
  }
  return { format: 'txt', text: text.replace(/^\uFEFF/, ''), tables: [] };
}

export async function extractPlanFile(bytes: Uint8Array): Promise<ExtractedPlan> {
  if (bytes.length === 0) fail('empty-file', 'The file is empty.', 'Tệp rỗng.');
  if (bytes.length > MAX_PLAN_FILE_BYTES)
    fail('too-large', `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; a plan file may be at most 10 MB.`,
      `Tệp nặng ${(bytes.length / 1024 / 1024).toFixed(1)} MB; tệp kế hoạch tối đa 10 MB.`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    fail('old-doc', 'This is an old Word file (.doc). Open it in Word, save it as .docx ("Word Document"), and send that.',
      'Đây là tệp Word cũ (.doc). Hãy mở bằng Word, lưu thành .docx ("Word Document") rồi gửi tệp đó.');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readDocx(bytes);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return readPdf(bytes);
  return readText(bytes);
}
