/**
 * Boards.
 *   GET   /api/boards[?archived=1]          signed in: my boards (administrator: all)
 *   POST  /api/boards                       administrator: {title, template: plan-27|blank} | {title, planText}
 *   GET   /api/boards/:boardId              viewer+ or a link: the board as JSON
 *   PATCH /api/boards/:boardId              board admin: {title?, archived?}
 *   GET   /api/boards/:boardId/dashboard    viewer+ or a link: the leaders' metrics
 *   GET   /api/boards/:boardId/cards        viewer+ or a link: cards filtered by kind, status, unit, q
 */
import {
  BUDGET_STATUSES,
  CARD_KINDS,
  dashboard,
  REVIEW_STATUSES,
  TASK_STATUSES,
  UNIT_ID,
  type BoardSnapshot,
  type Card,
} from '@binhan/core/yjs-free';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { NEEDS } from '../../auth/roles';
import { cutConnections } from '../../sockets/cut-off';
import { loadBoardDocs } from '../board-doc-loader';
import type { AppEnv, HttpServices } from '../services';
import { errors } from '../errors';
import { contentAuthor, createBoardFromDoc, newBoardId } from '../board-creation';
import { boardRole, globalAdmin, signedIn } from '../middleware/require-role';
import { validateJson, validateQuery } from '../validate';
import { myBoards } from './auth';
import { createFromPlanFile } from './plan-upload';

export const MAX_PLAN_TEXT_CHARS = 1_000_000;
const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));

const createSchema = z
  .strictObject({
    title,
    template: z.optional(z.enum(['plan-27', 'blank'])),
    planText: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_PLAN_TEXT_CHARS))),
  })
  .check(
    z.refine((v) => (v.template === undefined) !== (v.planText === undefined), {
      message: 'give either template ("plan-27" or "blank") or planText',
    }),
  );
const patchSchema = z
  .strictObject({ title: z.optional(title), archived: z.optional(z.boolean()) })
  .check(z.refine((v) => v.title !== undefined || v.archived !== undefined, { message: 'give title or archived' }));

const STATUSES = [...new Set<string>([...TASK_STATUSES, ...REVIEW_STATUSES, ...BUDGET_STATUSES])] as [string, ...string[]];
const cardsQuery = z.strictObject({
  kind: z.optional(z.enum(CARD_KINDS)),
  status: z.optional(z.enum(STATUSES)),
  unit: z.optional(z.string().check(z.maxLength(60), z.regex(UNIT_ID))),
  q: z.optional(z.string().check(z.maxLength(200))),
});
const listQuery = z.strictObject({ archived: z.optional(z.enum(['0', '1'])) });

export function statusOf(card: Card): string {
  return card.kind === 'nominee' ? card.reviewStatus : card.status;
}

function cardText(card: Card): string {
  if (card.kind === 'task') return [card.title, card.clause ?? '', card.description, card.assignee ?? ''].join('\n');
  if (card.kind === 'nominee') return [card.name, card.achievement, card.awardForm ?? ''].join('\n');
  return [card.line, card.fundingSource].join('\n');
}

/** Lower case without diacritics ("Nước" → "nuoc"); punctuation is kept, so the match stays literal. */
function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/**
 * Plain-text match (never a regex, never an expression): a substring test, case-insensitive,
 * and also without diacritics ("nuoc uong" finds "Nước uống").
 */
export function matchesText(card: Card, q: string): boolean {
  const needle = q.normalize('NFC').toLocaleLowerCase('vi').trim();
  if (!needle) return true;
  const hay = cardText(card).normalize('NFC').toLocaleLowerCase('vi');
  return hay.includes(needle) || stripMarks(hay).includes(stripMarks(needle));
}

/** Where boardRoutes is mounted; its own paths are relative to it. */
export const BOARDS_BASE = '/api/boards';

export function boardRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', signedIn(), validateQuery(listQuery), async (c) => {
    const { archived } = c.req.valid('query');
    return c.json({ boards: await myBoards(s, c.get('user')!, archived === '1') });
  });

  // A multipart body (a plan file) is answered by plan-upload.ts's createFromPlanFile; a JSON
  // body goes on to this route's own validation. One route, so no mount order decides.
  app.post('/', globalAdmin(), createFromPlanFile(s), validateJson(createSchema), async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user')!;
    const boardId = newBoardId(body.title);
    const ctx = { actor: contentAuthor(user), now: new Date(s.clock()) };
    const [{ fillNewBoard }, { buildBoardDoc }] = await Promise.all([import('../new-board-content'), loadBoardDocs()]);
    const { result: outcome, update } = buildBoardDoc((doc) =>
      fillNewBoard(doc, body.planText === undefined ? { template: body.template ?? 'blank' } : { planText: body.planText }, { boardId, title: body.title }, ctx));
    if (!outcome.ok) {
      throw errors.badRequest('empty-plan', 'No task or agenda item could be read from this plan text.',
        'Không đọc được nhiệm vụ hay mục chương trình nào từ văn bản kế hoạch này.');
    }
    const report = outcome.report;
    await createBoardFromDoc(s, { boardId, title: body.title, actor: user.userId, update });
    const entry = await s.registry.get(boardId);
    return c.json({ board: { ...entry, role: 'admin' }, ...(report ? { import: report } : {}) }, 201);
  });

  app.get('/:boardId', boardRole(s, NEEDS.readBoard, { allowToken: true }), async (c) => {
    const access = c.get('access');
    const board = await (await loadBoardDocs()).loadSnapshot(s, access.boardId);
    return c.json({ boardId: access.boardId, title: access.entry.title, archived: access.entry.archived, role: access.role, board });
  });

  app.patch('/:boardId', boardRole(s, NEEDS.manageBoard), validateJson(patchSchema), async (c) => {
    const access = c.get('access');
    const patch = c.req.valid('json');
    if (patch.title !== undefined && patch.title !== access.entry.title) {
      // The title lives in the board document too (what the page shows): change both.
      await (await loadBoardDocs()).changeDoc(s, access.boardId, (doc) => doc.getMap('meta').set('title', patch.title));
    }
    const entry = await s.registry.update(access.boardId, patch);
    if (!entry) throw errors.boardNotFound();
    if (patch.archived === true && s.poster) {
      await cutConnections(s.connections, s.poster, access.boardId, () => true, 'Bảng đã được lưu trữ / This board was archived');
    }
    return c.json({ board: { ...entry, role: access.role } });
  });

  app.get('/:boardId/dashboard', boardRole(s, NEEDS.readBoard, { allowToken: true }), async (c) => {
    const access = c.get('access');
    const board: BoardSnapshot = await (await loadBoardDocs()).loadSnapshot(s, access.boardId);
    return c.json({ boardId: access.boardId, at: new Date(s.clock()).toISOString(), dashboard: dashboard(board, new Date(s.clock())) });
  });

  app.get('/:boardId/cards', boardRole(s, NEEDS.readBoard, { allowToken: true }), validateQuery(cardsQuery), async (c) => {
    const access = c.get('access');
    const f = c.req.valid('query');
    const board = await (await loadBoardDocs()).loadSnapshot(s, access.boardId);
    const cards = board.cards.filter(
      (card) =>
        (!f.kind || card.kind === f.kind) &&
        (!f.status || statusOf(card) === f.status) &&
        (!f.unit || card.unit === f.unit) &&
        (!f.q || matchesText(card, f.q)),
    );
    return c.json({ boardId: access.boardId, count: cards.length, cards });
  });

  return app;
}

