/**
 * Exports offices use (generators: ../../exports, part B). Importing a board.json back is
 * board-import.ts.
 *   GET  /api/boards/:boardId/exports/<file>?lang=vi|en   viewer+ or a link
 *        nominees.csv|xlsx|html  danh sách đề nghị khen thưởng; &status=proposed,council-reviewed,…
 *                                lists only nominees in those review statuses
 *        budget.csv|xlsx|html    dự toán kinh phí
 *        *.html&print=1          the print view: opens the browser's print dialog on load
 *        board.json              the whole board (re-importable)
 *   GET  /api/boards/:boardId/exports/papers/<file>       viewer+ or a link: Word papers in the
 *        award-decision.docx, proposed-list.docx,        form of Nghị định 30/2020 (../../exports/papers);
 *        budget-estimate.docx, programme.docx,            query: number, signer, commune, parentBody,
 *        progress-report.docx                             date (dd/mm/yyyy), recipient, venue
 * Downloads carry Content-Disposition with an ASCII filename and the Vietnamese one as
 * RFC 5987 `filename*`; printable pages are `inline` under a CSP that allows no script at all,
 * or, for the print view, the one print script by its hash.
 *
 * Papers: the board has no fact for the commune's name, the signer or a paper's number, so the
 * commune is Bình An (exports/labels.ts COMMUNE) unless `commune` is given, the number is left
 * blank for the office to write in ("Số:      /QĐ-UBND") unless `number` is given, and the
 * signer's name is printed only when `signer` is given (the room to sign is there either way).
 * The plan number and date come from the board's facts.
 */
import { BoardValidationError, REVIEW_STATUSES, foldVietnamese, parseDateInput, type ReviewStatus } from '@binhan/core/yjs-free';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type * as Generators from '../../exports';
import { NEEDS } from '../../auth/roles';
import { loadBoardDocs } from '../board-doc-loader';
import type { AppEnv, HttpServices } from '../services';
import { errors, fromBoardValidation } from '../errors';
import { boardRole } from '../middleware/require-role';
import { validateQuery } from '../validate';

/**
 * The generators (XLSX writer, CSV, HTML, board JSON) are loaded on the first export or import,
 * not at cold start: most invocations of the HTTP function never need them, and they are a
 * third of its code (the bundle puts them in a chunk of their own).
 */
export const loadGenerators = (): Promise<typeof Generators> => import('../../exports');

export const EXPORT_FILES = ['nominees.csv', 'nominees.xlsx', 'nominees.html', 'budget.csv', 'budget.xlsx', 'budget.html', 'board.json'] as const;
type ExportFile = (typeof EXPORT_FILES)[number];
type Lang = 'vi' | 'en';

const NAMES: Record<'nominees' | 'budget' | 'board', Record<Lang, string>> = {
  nominees: { vi: 'Danh sách đề nghị khen thưởng', en: 'Nominee list' },
  budget: { vi: 'Dự toán kinh phí', en: 'Budget estimate' },
  board: { vi: 'Bảng kế hoạch', en: 'Planning board' },
};

/** No script, no external resource, nothing framed: a printable page and nothing else. */
export const PRINT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** RFC 5987 / 6266: `filename` in ASCII for old clients, `filename*` in UTF-8 for the rest. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const ascii = (foldVietnamese(stem).replace(/ /g, '-') || 'export') + ext.replace(/[^A-Za-z0-9.]/g, '');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const exportQuery = z.strictObject({
  lang: z.optional(z.enum(['vi', 'en'])),
  /** Review statuses, comma-separated (the nominee list only). */
  status: z.optional(z.string().check(z.maxLength(200))),
  print: z.optional(z.enum(['1'])),
});

const paperText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));
const paperQuery = z.strictObject({
  /** The number alone: "15", "15a". */
  number: z.optional(z.string().check(z.trim(), z.regex(/^[0-9A-Za-z.]{0,12}$/, 'a paper number is digits and letters, at most 12, e.g. 15 (the symbol /QĐ-UBND is added)'))),
  signer: paperText(100),
  commune: paperText(60),
  parentBody: paperText(100),
  date: paperText(20),
  recipient: paperText(200),
  venue: paperText(200),
});

/** "proposed,approved" → the statuses, or an error naming the ones that are not. */
function parseStatuses(text: string | undefined): ReviewStatus[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(REVIEW_STATUSES as readonly string[]).includes(s));
  if (bad.length)
    throw errors.badRequest('invalid-input', `Unknown review status ${bad.map((b) => `"${b}"`).join(', ')}: use ${REVIEW_STATUSES.join(', ')}.`,
      `Không có tình trạng xét duyệt ${bad.map((b) => `"${b}"`).join(', ')}: dùng ${REVIEW_STATUSES.join(', ')}.`);
  return [...new Set(list)] as ReviewStatus[];
}

function send(c: Context<AppEnv>, body: string | Uint8Array, type: string, disposition: string, html: false | 'page' | 'print' = false, scriptSource = ''): Response {
  c.header('Content-Type', type);
  c.header('Content-Disposition', disposition);
  if (html === 'page') c.header('Content-Security-Policy', PRINT_PAGE_CSP);
  if (html === 'print') c.header('Content-Security-Policy', `${PRINT_PAGE_CSP}; script-src ${scriptSource}`);
  if (typeof body === 'string') return c.body(body);
  return c.body(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
}

/** Where exportRoutes is mounted; its own paths are relative to it. */
export const EXPORTS_BASE = '/api/boards/:boardId/exports';

export function exportRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/papers/:file', boardRole(s, NEEDS.exportBoard, { allowToken: true }), validateQuery(paperQuery), async (c) => {
    const file = c.req.param('file');
    const { PAPERS, DOCX_MIME } = await loadGenerators();
    if (!Object.hasOwn(PAPERS, file)) {
      throw errors.badRequest('unknown-export', `No paper "${file}": choose one of ${Object.keys(PAPERS).join(', ')}.`,
        `Không có văn bản "${file}": chọn một trong ${Object.keys(PAPERS).join(', ')}.`);
    }
    const q = c.req.valid('query');
    let date: string | undefined;
    if (q.date) {
      const parsed = parseDateInput(q.date);
      if (!parsed) throw errors.badRequest('invalid-input', `"${q.date}" is not a date: write it as dd/mm/yyyy.`, `"${q.date}" không phải là ngày: hãy viết theo dạng dd/mm/yyyy.`);
      date = parsed;
    }
    const paper = PAPERS[file as keyof typeof PAPERS];
    const board = await (await loadBoardDocs()).loadSnapshot(s, c.get('access').boardId);
    const docx = await paper.make(board, {
      now: new Date(s.clock()), date, number: q.number, signer: q.signer, commune: q.commune,
      parentBody: q.parentBody, recipient: q.recipient, venue: q.venue,
    });
    return send(c, docx, DOCX_MIME, contentDisposition('attachment', `${paper.nameVi} - ${c.get('access').boardId}.docx`));
  });

  app.get('/:file', boardRole(s, NEEDS.exportBoard, { allowToken: true }), validateQuery(exportQuery), async (c) => {
    const file = c.req.param('file') as ExportFile;
    if (!(EXPORT_FILES as readonly string[]).includes(file)) {
      throw errors.badRequest('unknown-export', `No export "${file}": choose one of ${EXPORT_FILES.join(', ')}.`,
        `Không có tệp xuất "${file}": chọn một trong ${EXPORT_FILES.join(', ')}.`);
    }
    const query = c.req.valid('query');
    const lang: Lang = query.lang ?? 'vi';
    const { boardId } = c.get('access');
    const { EXPORT_CONTENT_TYPES, PRINT_SCRIPT_SOURCE, exportBoardJson, nomineeListCsv, budgetEstimateCsv, nomineeListXlsx, budgetEstimateXlsx, nomineeListHtml, budgetEstimateHtml } = await loadGenerators();
    const [what, ext] = file.split('.') as ['nominees' | 'budget' | 'board', 'csv' | 'xlsx' | 'html' | 'json'];
    const statuses = parseStatuses(query.status);
    if (statuses && what !== 'nominees')
      throw errors.badRequest('invalid-input', 'Only the nominee list can be filtered by status.', 'Chỉ danh sách đề nghị khen thưởng lọc được theo tình trạng.');
    if (query.print && ext !== 'html')
      throw errors.badRequest('invalid-input', 'Only a printable page (.html) has a print view.', 'Chỉ trang in (.html) mới có chế độ in.');
    const name = `${NAMES[what][lang]} - ${boardId}.${ext}`;
    if (what === 'board') {
      const doc = await (await loadBoardDocs()).loadDoc(s, boardId);
      try {
        const json = JSON.stringify(exportBoardJson(doc, { now: new Date(s.clock()) }), null, 2);
        return send(c, json, EXPORT_CONTENT_TYPES.json, contentDisposition('attachment', name));
      } catch (error) {
        if (error instanceof BoardValidationError) throw fromBoardValidation(error);
        throw error;
      } finally {
        doc.destroy();
      }
    }
    const board = await (await loadBoardDocs()).loadSnapshot(s, boardId);
    const options = { now: new Date(s.clock()), statuses };
    switch (ext) {
      case 'csv':
        return send(c, what === 'nominees' ? nomineeListCsv(board, lang, options) : budgetEstimateCsv(board, lang, options), EXPORT_CONTENT_TYPES.csv, contentDisposition('attachment', name));
      case 'xlsx':
        return send(c, what === 'nominees' ? await nomineeListXlsx(board, lang, options) : await budgetEstimateXlsx(board, lang, options), EXPORT_CONTENT_TYPES.xlsx, contentDisposition('attachment', name));
      default: {
        const print = query.print === '1';
        const page = what === 'nominees' ? nomineeListHtml(board, lang, { ...options, print }) : budgetEstimateHtml(board, lang, { ...options, print });
        return send(c, page, EXPORT_CONTENT_TYPES.html, contentDisposition('inline', name), print ? 'print' : 'page', PRINT_SCRIPT_SOURCE);
      }
    }
  });

  return app;
}
