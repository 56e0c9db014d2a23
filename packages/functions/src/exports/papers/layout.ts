/**
 * The layout every paper shares, in the form of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4,
 * margins top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the heading in two
 * columns — on the left the issuing body (bold, upper case, a short rule under it) and the
 * number and symbol ("Số: 12/QĐ-UBND"), on the right the national heading (bold, 13 pt), the
 * motto (bold, 14 pt, a rule under it) and the place and date (italic); then the kind of paper
 * and its subject (bold, centred), the body (14 pt, justified, first line indented), and at the
 * foot the recipients ("Nơi nhận:", 12 pt bold italic, list in 11 pt) on the left and the
 * signer's authority, title, room to sign and name on the right. Papers are built as a
 * PaperSpec (plain data, testable without Word) and laid out by renderPaper.
 *
 * The papers are in Vietnamese only: they are the state's documents, filed as written.
 */
import {
  AlignmentType, BorderStyle, Document, Packer, PageBreak, Paragraph, Table, TableCell, TableLayoutType, TableRow,
  TextRun, VerticalAlign, WidthType, convertMillimetersToTwip,
  type IBorderOptions,
} from 'docx';
import { placeAndDocumentDate, vietnamDate, type BoardSnapshot, type IsoDate } from '@binhan/core';
import { COMMUNE } from '../labels';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Page geometry, millimetres. */
export const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
const TEXT_WIDTH_MM = PAGE.width - PAGE.left - PAGE.right; // 165 mm
/** Font sizes in points. */
export const FONT = { name: 'Times New Roman', body: 14, heading: 13, nation: 12, motto: 14, table: 12, recipientsTitle: 12, recipients: 11 } as const;

/** What a user may choose for every paper (query parameters of the paper routes). */
export interface PaperOptions {
  /** The time the paper is made (default now); dates it unless `date` is given. */
  now?: Date | string;
  /** The date printed on the paper, yyyy-mm-dd (default: today in Vietnam). */
  date?: IsoDate;
  /** The commune's name without "xã" (default: the board's commune, Bình An). */
  commune?: string;
  /** The body above the commune in the heading, e.g. "UBND HUYỆN BÌNH SƠN" (default: none). */
  parentBody?: string;
  /** The number of the paper ("12"); left blank for the office to write in when absent. */
  number?: string;
  /** The signer's full name; the space under the title is left for the signature either way. */
  signer?: string;
  /** Kính gửi (the progress report's addressee; default Phòng Nội vụ huyện). */
  recipient?: string;
  /** Where the conference is held (the programme; default Hội trường UBND xã …). */
  venue?: string;
}

/** A run of text inside a paragraph. */
export interface Run { text: string; bold?: boolean; italic?: boolean }

export type Block =
  /** The kind of paper: QUYẾT ĐỊNH, BÁO CÁO… (bold, upper case, centred). */
  | { kind: 'title'; text: string }
  /** The subject under the title (bold, centred), with a short rule under it. */
  | { kind: 'subject'; lines: string[] }
  | { kind: 'center'; runs: Run[]; size?: number }
  /** A body paragraph: justified, first line indented 1 cm. */
  | { kind: 'para'; runs: Run[]; indent?: boolean }
  /** A section heading in the body ("I. KẾT QUẢ THỰC HIỆN"). */
  | { kind: 'heading'; text: string }
  | { kind: 'table'; table: PaperTable }
  | { kind: 'pageBreak' };

export interface PaperColumn { header: string; /** relative width */ width: number; align?: 'left' | 'center' | 'right' }
export interface PaperTable {
  columns: PaperColumn[];
  rows: Array<{ cells: string[]; bold?: boolean; /** the first cell spans this many columns */ span?: number }>;
}

export interface PaperSignature {
  /** "TM. ỦY BAN NHÂN DÂN" (on behalf of a collective body), or null when the signer signs in his own right. */
  authority: string | null;
  title: string;
  name: string | null;
}

export interface PaperSpec {
  /** Upper-case lines of the issuing body: ["ỦY BAN NHÂN DÂN", "XÃ BÌNH AN"]. */
  issuer: string[];
  /** "Số: 12/QĐ-UBND" or "Số:     /QĐ-UBND". */
  number: string;
  /** "Bình An, ngày 05 tháng 3 năm 2025". */
  placeDate: string;
  body: Block[];
  /** "Nơi nhận:" items ("- Như Điều 3;"), or null when the paper has none (an attached list). */
  recipients: string[] | null;
  signature: PaperSignature;
  /** Pages after the signature (an attached list), each with its own heading. */
  annex?: { heading: string[]; body: Block[]; signature: PaperSignature | null };
}

/** The commune, number and date every paper needs, chosen from the options and the board. */
export interface PaperContext {
  commune: string;
  parentBody: string | null;
  /** The number alone ("12") or blank spaces. */
  number: string;
  date: IsoDate;
  signer: string | null;
  recipient: string | null;
  planNumber: string | null;
  planDate: IsoDate | null;
}

/** Blank for a number the office writes in by hand: "Số:        /QĐ-UBND". */
export const BLANK_NUMBER = '\u00a0'.repeat(8);

export function paperContext(board: BoardSnapshot, o: PaperOptions = {}): PaperContext {
  const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
  return {
    commune: clean(o.commune) ?? COMMUNE.nameVi,
    parentBody: clean(o.parentBody),
    number: clean(o.number) ?? BLANK_NUMBER,
    date: o.date ?? vietnamDate(o.now ?? new Date()),
    signer: clean(o.signer),
    recipient: clean(o.recipient),
    planNumber: board.facts.planNumber,
    planDate: board.facts.planDate,
  };
}

/** The standard heading of the commune People's Committee. */
export function communeIssuer(ctx: PaperContext): string[] {
  return [...(ctx.parentBody ? [ctx.parentBody.toUpperCase()] : []), 'ỦY BAN NHÂN DÂN', `XÃ ${ctx.commune.toUpperCase()}`];
}

export function numberLine(ctx: PaperContext, symbol: string): string {
  return `Số: ${ctx.number}/${symbol}`;
}

export function placeDateLine(ctx: PaperContext): string {
  return placeAndDocumentDate(ctx.commune, ctx.date);
}

export const NATIONAL_HEADING = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

// ---------- building a paper's parts (the one table builder, the total, the usual spec) ----------

/** A column as [header, relative width, alignment (default left)]. */
export type ColumnSpec = readonly [header: string, width: number, align?: PaperColumn['align']];

/** The "STT" (số thứ tự) column every table of a paper starts with. */
export const stt = (width: number): ColumnSpec => ['STT', width, 'center'];

/** A table block from its columns and rows. */
export function paperTable(columns: readonly ColumnSpec[], rows: PaperTable['rows']): Block {
  return { kind: 'table', table: { columns: columns.map(([header, width, align]) => (align ? { header, width, align } : { header, width })), rows } };
}

/** The bold last row: "Tổng cộng" across the STT and the first column, then `cells`. */
export function totalRow(...cells: string[]): PaperTable['rows'][number] {
  return { cells: ['Tổng cộng', ...cells], bold: true, span: 2 };
}

/** "Bằng chữ: …" under a table of amounts. */
export function amountInWords(words: string): Block {
  return { kind: 'para', indent: false, runs: [{ text: 'Bằng chữ: ', bold: true }, { text: words, italic: true }] };
}

/** Signed for the People's Committee by its chairman: the usual signature of a commune paper. */
export const COMMITTEE_SIGNATURE = (ctx: PaperContext): PaperSignature => ({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: ctx.signer });

/**
 * A paper's spec from its own parts; the issuer (default: the commune's People's Committee),
 * the number line with `symbol`, and the place and date come from `ctx`.
 */
export function paperSpec(
  ctx: PaperContext,
  parts: { symbol: string; body: Block[]; recipients: string[]; signature: PaperSignature; issuer?: string[]; annex?: PaperSpec['annex'] },
): PaperSpec {
  return {
    issuer: parts.issuer ?? communeIssuer(ctx),
    number: numberLine(ctx, parts.symbol),
    placeDate: placeDateLine(ctx),
    body: parts.body,
    recipients: parts.recipients,
    signature: parts.signature,
    ...(parts.annex ? { annex: parts.annex } : {}),
  };
}

/** Text of a run list (for tests and plain-text previews). */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

// ---------- rendering ----------

const pt = (n: number) => n * 2; // docx sizes are half-points
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const twip = (mm: number) => Math.round(convertMillimetersToTwip(mm));

function run(r: Run, size: number = FONT.body): TextRun {
  return new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size: pt(size), font: FONT.name });
}

function center(runs: Run[], o: { size?: number; before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    children: runs.map((r) => run(r, o.size)),
  });
}

/**
 * A short centred rule under a heading line: an empty, 2-pt high paragraph with a bottom
 * border between indents, `widthMm` long inside a space `spaceMm` wide.
 */
function rule(widthMm: number, spaceMm: number, after = 0): Paragraph {
  const side = Math.max(0, (spaceMm - widthMm) / 2);
  return new Paragraph({
    spacing: { before: 0, after, line: 120, lineRule: 'exact' },
    border: { bottom: LINE },
    indent: { left: twip(side), right: twip(side) },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

/** A borderless cell holding paragraphs. */
function cell(children: Paragraph[], widthMm: number): TableCell {
  return new TableCell({
    width: { size: twip(widthMm), type: WidthType.DXA },
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    children,
  });
}

function layoutTable(rows: TableRow[], widthsMm: number[], borders: boolean, indentMm = 0): Table {
  return new Table({
    ...(indentMm ? { indent: { size: twip(indentMm), type: WidthType.DXA } } : {}),
    width: { size: twip(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(twip),
    layout: TableLayoutType.FIXED,
    ...(borders ? { borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN } } : { borders: NO_BORDERS }),
    rows,
  });
}

/** Left: issuer, then "Số: …"; right: national heading and motto, then place and date (two rows, so the number and the date share a line). */
function heading(spec: PaperSpec): Table {
  const left = 56;
  // The heading reaches 4 mm into each margin, so the national heading keeps to one line
  // even where Times New Roman is replaced by a wider font.
  const right = TEXT_WIDTH_MM + 8 - left;
  // The body's own name is bold; a body above it (UBND HUYỆN …) is not.
  const issuerParas = spec.issuer.map((line, i) => center([{ text: line, bold: i >= spec.issuer.length - 2 }], { size: FONT.heading }));
  return layoutTable([
    new TableRow({
      children: [
        cell([...issuerParas, rule(22, left - 4)], left),
        cell([
          center([{ text: NATIONAL_HEADING, bold: true }], { size: FONT.nation }),
          center([{ text: MOTTO, bold: true }], { size: FONT.motto }),
          rule(62, right - 4),
        ], right),
      ],
    }),
    new TableRow({
      children: [
        cell([center([{ text: spec.number }], { size: FONT.heading, before: 60 })], left),
        cell([center([{ text: spec.placeDate, italic: true }], { size: FONT.body, before: 60 })], right),
      ],
    }),
  ], [left, right], false, -4);
}

function dataTable(t: PaperTable): Table {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * TEXT_WIDTH_MM);
  const para = (text: string, align: PaperColumn['align'], bold: boolean) => text.split('\n').map((line) => new Paragraph({
    alignment: align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [run({ text: line, bold }, FONT.table)],
  }));
  const bordered = (children: Paragraph[], widthMm: number, span = 1) => new TableCell({
    width: { size: twip(widthMm), type: WidthType.DXA },
    columnSpan: span > 1 ? span : undefined,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    children,
  });
  const head = new TableRow({
    tableHeader: true,
    children: t.columns.map((c, i) => bordered(para(c.header, 'center', true), widths[i]!)),
  });
  const body = t.rows.map((r) => {
    const span = r.span ?? 1;
    const cells: TableCell[] = [];
    const spanWidth = widths.slice(0, span).reduce((a, b) => a + b, 0);
    cells.push(bordered(para(r.cells[0] ?? '', span > 1 ? 'center' : t.columns[0]!.align, r.bold === true), spanWidth, span));
    for (let i = span; i < t.columns.length; i++) {
      cells.push(bordered(para(r.cells[i - span + 1] ?? '', t.columns[i]!.align, r.bold === true), widths[i]!));
    }
    return new TableRow({ cantSplit: true, children: cells });
  });
  return layoutTable([head, ...body], widths, true);
}

function blocks(list: Block[]): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const b of list) {
    switch (b.kind) {
      case 'title':
        out.push(center([{ text: b.text.toUpperCase(), bold: true }], { before: 240 }));
        break;
      case 'subject':
        for (const line of b.lines) out.push(center([{ text: line, bold: true }]));
        out.push(rule(40, TEXT_WIDTH_MM, 240));
        break;
      case 'center':
        out.push(center(b.runs, { size: b.size, before: 120, after: 120 }));
        break;
      case 'heading':
        out.push(new Paragraph({ spacing: { before: 120, after: 60 }, indent: { firstLine: twip(10) }, children: [run({ text: b.text, bold: true })] }));
        break;
      case 'para':
        out.push(new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: { before: 60, after: 60, line: 300 },
          indent: b.indent === false ? undefined : { firstLine: twip(10) },
          children: b.runs.map((r) => run(r)),
        }));
        break;
      case 'table':
        out.push(dataTable(b.table), new Paragraph({ children: [] }));
        break;
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

function signatureParas(s: PaperSignature): Paragraph[] {
  return [
    ...(s.authority ? [center([{ text: s.authority, bold: true }])] : []),
    center([{ text: s.title, bold: true }]),
    center([{ text: '(Ký, ghi rõ họ tên, đóng dấu)', italic: true }], { size: FONT.recipients }),
    // Room to sign: about 3 cm.
    ...Array.from({ length: 4 }, () => center([{ text: '' }])),
    center([{ text: s.name ?? '' , bold: true }]),
  ];
}

/** Nơi nhận on the left, signer on the right (or the signer alone). */
function foot(recipients: string[] | null, s: PaperSignature | null): Table | null {
  if (!recipients && !s) return null;
  const left = 75;
  const right = TEXT_WIDTH_MM - left;
  const leftParas = recipients
    ? [
      new Paragraph({ children: [run({ text: 'Nơi nhận:', bold: true, italic: true }, FONT.recipientsTitle)] }),
      ...recipients.map((r) => new Paragraph({ children: [run({ text: r }, FONT.recipients)] })),
    ]
    : [new Paragraph({ children: [] })];
  return layoutTable([
    new TableRow({ cantSplit: true, children: [cell(leftParas, left), cell(s ? signatureParas(s) : [new Paragraph({ children: [] })], right)] }),
  ], [left, right], false);
}

/** A paper's .docx maker from its spec builder: `(board, options) → bytes`, titled `title`. */
export function paperDocx(spec: (board: BoardSnapshot, o?: PaperOptions) => PaperSpec, title: string): (board: BoardSnapshot, o?: PaperOptions) => Promise<Uint8Array> {
  return (board, o = {}) => renderPaper(spec(board, o), { title });
}

/** Lay a paper out as a .docx file. */
export async function renderPaper(spec: PaperSpec, meta: { title: string }): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [heading(spec), ...blocks(spec.body)];
  const f = foot(spec.recipients, spec.signature);
  if (f) children.push(new Paragraph({ children: [] }), f);
  if (spec.annex) {
    children.push(new Paragraph({ children: [new PageBreak()] }));
    spec.annex.heading.forEach((line, i) => children.push(center([{ text: line, bold: i === 0, italic: i > 0 }], i === spec.annex!.heading.length - 1 ? { after: 200 } : {})));
    children.push(...blocks(spec.annex.body));
    const af = foot(null, spec.annex.signature);
    if (af) children.push(af);
  }
  const doc = new Document({
    creator: 'Bảng kế hoạch Bình An',
    title: meta.title,
    styles: { default: { document: { run: { font: FONT.name, size: pt(FONT.body) } } } },
    sections: [{
      properties: {
        page: {
          size: { width: twip(PAGE.width), height: twip(PAGE.height) },
          margin: { top: twip(PAGE.top), bottom: twip(PAGE.bottom), left: twip(PAGE.left), right: twip(PAGE.right) },
        },
      },
      children,
    }],
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Text of all blocks, in order (the reading a test can compare with pdftotext's). */
export function specText(spec: PaperSpec): string[] {
  const lines: string[] = [...spec.issuer, spec.number, NATIONAL_HEADING, MOTTO, spec.placeDate];
  const add = (list: Block[]) => {
    for (const b of list) {
      if (b.kind === 'title' || b.kind === 'heading') lines.push(b.text);
      else if (b.kind === 'subject') lines.push(...b.lines);
      else if (b.kind === 'center' || b.kind === 'para') lines.push(runsText(b.runs));
      else if (b.kind === 'table') lines.push(b.table.columns.map((c) => c.header).join(' | '), ...b.table.rows.map((r) => r.cells.join(' | ')));
    }
  };
  add(spec.body);
  if (spec.recipients) lines.push('Nơi nhận:', ...spec.recipients);
  if (spec.signature.authority) lines.push(spec.signature.authority);
  lines.push(spec.signature.title);
  if (spec.signature.name) lines.push(spec.signature.name);
  if (spec.annex) {
    lines.push(...spec.annex.heading);
    add(spec.annex.body);
  }
  return lines;
}

