/**
 * Boards from plan files (issue 11, part 1):
 *   POST /api/boards/preview   administrator: multipart/form-data `file` (.docx, .pdf, .txt) or
 *                              `text` (pasted) → what was read; nothing is created
 *   POST /api/boards           administrator: multipart/form-data `title`, `file` or `text`,
 *                              optional `units` (JSON {foundUnitId: {mapTo?, nameVi?}}) → a new
 *                              board with the columns the plan names (createFromPlanFile, run
 *                              by the boards route's POST; JSON bodies go on to its handler)
 * A cross-site form can post multipart, so these two are defended (app.ts, uploadGuard): the
 * Origin must be the app's own, and the request must carry X-Binhan-Upload: 1, a header no
 * form can set and a cross-site script cannot send without a CORS preflight this API never
 * answers.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { LIMITS } from '@binhan/core/yjs-free';
import type { PlanReading, UnitChoice } from '@binhan/core';
import type { AppEnv, HttpServices } from '../services';
import { ApiError, errors } from '../errors';
import { contentAuthor, createBoardFromDoc, newBoardId } from '../board-creation';
import { loadBoardDocs } from '../board-doc-loader';
import { globalAdmin } from '../middleware/require-role';

export const UPLOAD_HEADER = 'x-binhan-upload';
export const MULTIPART = /^multipart\/form-data\s*;/i;

/** The plan reader, loaded on first use: no other request needs it (see @binhan/core/plan-reading). */
const loadPlanReading = () => import('@binhan/core/plan-reading');

/** The reading as the preview shows it (and the create route reports). */
export function previewOf(r: PlanReading, format: string) {
  return {
    format,
    units: r.plan.units.map((u) => ({ id: u.id, nameVi: u.nameVi, known: u.known, foundAs: u.foundAs })),
    tasks: r.plan.tasks.map((t) => ({ unit: t.unit, clause: t.clause, title: t.title, due: t.due, cooperating: t.cooperating, line: t.line })),
    agenda: r.plan.agenda,
    facts: {
      planNumber: r.plan.facts.planNumber, planDate: r.plan.facts.planDate, conferenceDate: r.plan.facts.conferenceDate,
      delegateCap: r.plan.facts.delegateCap, fundingText: r.plan.facts.fundingText, session: r.plan.facts.session,
    },
    event: r.event,
    unplaced: r.unplaced.map((u) => ({ line: u.line, clause: u.clause, text: u.text, vi: u.vi, en: u.en })),
    notes: r.notes.map((n) => ({ line: n.line, text: n.text, vi: n.vi, en: n.en })),
  };
}

async function readUpload(c: Context<AppEnv>): Promise<{ reading: PlanReading; format: string; form: Record<string, unknown> }> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw errors.badRequest('malformed-form', 'The form could not be read: send multipart/form-data with a "file" or a "text" field.',
      'Không đọc được biểu mẫu: hãy gửi multipart/form-data có trường "file" hoặc "text".');
  }
  const file = form['file'];
  const text = form['text'];
  const [{ extractPlanFile, PlanFileError }, { readPlanSource }] = await Promise.all([import('../../plan-files/extract'), loadPlanReading()]);
  let source;
  if (file instanceof File) {
    try {
      source = await extractPlanFile(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      if (e instanceof PlanFileError) throw new ApiError(e.code === 'too-large' ? 413 : 400, e.code, e.message, e.messageVi);
      throw e;
    }
  } else if (typeof text === 'string' && text.trim()) {
    source = { format: 'text', text, tables: [] };
  } else {
    throw errors.badRequest('no-plan', 'Give the plan: a "file" (.docx, .pdf or .txt) or its "text".',
      'Hãy gửi kế hoạch: trường "file" (.docx, .pdf hoặc .txt) hoặc "text" (nội dung dán vào).');
  }
  const reading = readPlanSource({ text: source.text, tables: source.tables });
  if (reading.plan.tasks.length === 0 && reading.plan.agenda.length === 0)
    throw errors.badRequest('empty-plan', 'No task or agenda item could be read from this plan.',
      'Không đọc được nhiệm vụ hay mục chương trình nào từ kế hoạch này.');
  return { reading, format: source.format, form };
}

function unitChoices(raw: unknown): Record<string, UnitChoice> {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    parsed = null;
  }
  const ok = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((v) =>
    v !== null && typeof v === 'object' && Object.entries(v).every(([k, x]) => (k === 'mapTo' || k === 'nameVi') && typeof x === 'string' && x.length <= LIMITS.shortText));
  if (!ok) throw errors.badRequest('invalid-input', '"units" must be JSON: {"<found unit id>": {"mapTo": "<unit id>", "nameVi": "<name>"}}.',
    '"units" phải là JSON: {"<mã đơn vị>": {"mapTo": "<mã đơn vị>", "nameVi": "<tên>"}}.');
  return parsed as Record<string, UnitChoice>;
}

/** Where planUploadRoutes (the preview) is mounted; its own path is relative to it. */
export const PLAN_PREVIEW_BASE = '/api/boards/preview';

export function planUploadRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', globalAdmin(), async (c) => {
    const { reading, format } = await readUpload(c);
    return c.json({ preview: previewOf(reading, format) });
  });

  return app;
}

/**
 * The multipart `POST /api/boards`: a board from a plan file. Mounted by boards.ts in its one
 * POST route, after the administrator check: a multipart body is answered here, any other body
 * goes on (`next()`) to the JSON route.
 */
export function createFromPlanFile(s: HttpServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!MULTIPART.test(c.req.header('content-type') ?? '')) return next();
    const user = c.get('user')!;
    const { reading, format, form } = await readUpload(c);
    const title = typeof form['title'] === 'string' ? form['title'].trim() : '';
    if (!title || title.length > LIMITS.title)
      throw errors.badRequest('invalid-input', `Give the board a title (1–${LIMITS.title} characters).`, `Hãy đặt tên bảng (1–${LIMITS.title} ký tự).`);
    const units = unitChoices(form['units']);
    const boardId = newBoardId(title);
    const [{ applyPlanReading }, { buildBoardDoc, readBoard }] = await Promise.all([loadPlanReading(), loadBoardDocs()]);
    const { result: snapshot, update } = buildBoardDoc((doc) => {
      applyPlanReading(doc, reading, { boardId, title, units }, { actor: contentAuthor(user), now: new Date(s.clock()) });
      return readBoard(doc);
    });
    await createBoardFromDoc(s, { boardId, title, actor: user.userId, update });
    const entry = await s.registry.get(boardId);
    return c.json({ board: { ...entry, role: 'admin' }, cards: snapshot.cards.length, units: snapshot.units.map((u) => u.nameVi), import: previewOf(reading, format) }, 201);
  };
}
