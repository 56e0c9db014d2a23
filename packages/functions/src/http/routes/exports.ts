/**
 * Exports offices use, and importing a board back (generators: ../../exports, part B).
 *   GET  /api/boards/:boardId/exports/<file>?lang=vi|en   viewer+ or a link
 *        nominees.csv|xlsx|html  danh sách đề nghị khen thưởng
 *        budget.csv|xlsx|html    dự toán kinh phí
 *        board.json              the whole board (re-importable)
 *   POST /api/boards/import                               administrator: a board.json → a new board
 * Downloads carry Content-Disposition with an ASCII filename and the Vietnamese one as
 * RFC 5987 `filename*`; printable pages are `inline` under a CSP that allows no script at all.
 */
import * as Y from 'yjs';
import { BoardValidationError, foldVietnamese, readBoard } from '@binhan/core';
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import type * as Generators from '../../exports';
import { NEEDS } from '../../auth/roles';
import { loadDoc, loadSnapshot } from '../board-doc';
import type { AppEnv, HttpServices } from '../context';
import { errors, fromBoardValidation } from '../errors';
import { boardRole, globalAdmin } from '../middleware/require-role';
import { validateJson, validateQuery } from '../validate';
import { createBoardFromDoc, newBoardId } from './boards';

/**
 * The generators (XLSX writer, CSV, HTML, board JSON) are loaded on the first export or import,
 * not at cold start: most invocations of the HTTP function never need them, and they are a
 * third of its code (the bundle puts them in a chunk of their own).
 */
const loadGenerators = (): Promise<typeof Generators> => import('../../exports');

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

const langQuery = z.strictObject({ lang: z.optional(z.enum(['vi', 'en'])) });

function send(c: Context<AppEnv>, body: string | Uint8Array, type: string, disposition: string, html = false): Response {
  c.header('Content-Type', type);
  c.header('Content-Disposition', disposition);
  if (html) c.header('Content-Security-Policy', PRINT_PAGE_CSP);
  if (typeof body === 'string') return c.body(body);
  return c.body(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
}

export function exportRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/boards/:boardId/exports/:file', boardRole(s, NEEDS.exportBoard, { allowToken: true }), validateQuery(langQuery), async (c) => {
    const file = c.req.param('file') as ExportFile;
    if (!(EXPORT_FILES as readonly string[]).includes(file)) {
      throw errors.badRequest('unknown-export', `No export "${file}": choose one of ${EXPORT_FILES.join(', ')}.`,
        `Không có tệp xuất "${file}": chọn một trong ${EXPORT_FILES.join(', ')}.`);
    }
    const lang: Lang = c.req.valid('query').lang ?? 'vi';
    const { boardId } = c.get('access');
    const { EXPORT_CONTENT_TYPES, exportBoardJson, nomineeListCsv, budgetEstimateCsv, nomineeListXlsx, budgetEstimateXlsx, nomineeListHtml, budgetEstimateHtml } = await loadGenerators();
    const [what, ext] = file.split('.') as ['nominees' | 'budget' | 'board', 'csv' | 'xlsx' | 'html' | 'json'];
    const name = `${NAMES[what][lang]} - ${boardId}.${ext}`;
    if (what === 'board') {
      const doc = await loadDoc(s, boardId);
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
    const board = await loadSnapshot(s, boardId);
    const options = { now: new Date(s.clock()) };
    switch (ext) {
      case 'csv':
        return send(c, what === 'nominees' ? nomineeListCsv(board, lang, options) : budgetEstimateCsv(board, lang, options), EXPORT_CONTENT_TYPES.csv, contentDisposition('attachment', name));
      case 'xlsx':
        return send(c, what === 'nominees' ? await nomineeListXlsx(board, lang, options) : await budgetEstimateXlsx(board, lang, options), EXPORT_CONTENT_TYPES.xlsx, contentDisposition('attachment', name));
      default:
        return send(c, what === 'nominees' ? nomineeListHtml(board, lang, options) : budgetEstimateHtml(board, lang, options), EXPORT_CONTENT_TYPES.html, contentDisposition('inline', name), true);
    }
  });

  app.post('/api/boards/import', globalAdmin(), validateJson(z.unknown()), async (c) => {
    const user = c.get('user')!;
    const json = c.req.valid('json');
    const title = (json as { board?: { title?: unknown } } | null)?.board?.title;
    const boardId = newBoardId(typeof title === 'string' ? title : 'board');
    const { importBoardJson } = await loadGenerators();
    const doc = new Y.Doc();
    let snapshot;
    try {
      snapshot = importBoardJson(json, doc, { actor: user.userId, now: new Date(s.clock()), boardId });
    } catch (error) {
      doc.destroy();
      if (error instanceof BoardValidationError) throw fromBoardValidation(error);
      throw error;
    }
    const update = Y.encodeStateAsUpdate(doc);
    readBoard(doc); // the imported doc is readable as a board
    doc.destroy();
    await createBoardFromDoc(s, { boardId, title: snapshot.title, actor: user.userId, update });
    const entry = await s.registry.get(boardId);
    return c.json({ board: { ...entry, role: 'admin' }, cards: snapshot.cards.length }, 201);
  });

  return app;
}
