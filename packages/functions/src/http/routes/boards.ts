/**
 * Boards.
 *   GET   /api/boards[?archived=1]          signed in: my boards (administrator: all)
 *   POST  /api/boards                       administrator: {title, template: plan-27|blank} | {title, planText}
 *   GET   /api/boards/:boardId              viewer+ or a link: the board as JSON
 *   PATCH /api/boards/:boardId              board admin: {title?, archived?}
 *   GET   /api/boards/:boardId/dashboard    viewer+ or a link: the leaders' metrics
 *   GET   /api/boards/:boardId/cards        viewer+ or a link: cards filtered by kind, status, unit, q
 */
import * as Y from 'yjs';
import {
  applyImportedPlan,
  BINH_AN_UNITS,
  BoardValidationError,
  BUDGET_STATUSES,
  CARD_KINDS,
  dashboard,
  importPlan,
  importPlan27,
  initBoard,
  PLAN_27_STARTER_BUDGET,
  REVIEW_STATUSES,
  slugify,
  TASK_STATUSES,
  UNIT_ID,
  type BoardSnapshot,
  type Card,
} from '@binhan/core';
import { Hono } from 'hono';
import * as z from 'zod';
import { randomId } from '../../auth/sessions';
import { NEEDS } from '../../auth/roles';
import { cutConnections } from '../../ws/cut-off';
import { changeDoc, loadSnapshot } from '../board-doc';
import type { AppEnv, HttpServices } from '../context';
import { errors, fromBoardValidation } from '../errors';
import { boardRole, globalAdmin, signedIn } from '../middleware/require-role';
import { validateJson, validateQuery } from '../validate';
import { myBoards } from './auth';

export const MAX_PLAN_TEXT_CHARS = 1_000_000;
const title = z.string().trim().min(1).max(300);

const createSchema = z
  .object({
    title,
    template: z.enum(['plan-27', 'blank']).optional(),
    planText: z.string().min(1).max(MAX_PLAN_TEXT_CHARS).optional(),
  })
  .strict()
  .refine((v) => (v.template === undefined) !== (v.planText === undefined), {
    message: 'give either template ("plan-27" or "blank") or planText',
  });
const patchSchema = z
  .object({ title: title.optional(), archived: z.boolean().optional() })
  .strict()
  .refine((v) => v.title !== undefined || v.archived !== undefined, { message: 'give title or archived' });

const STATUSES = [...new Set<string>([...TASK_STATUSES, ...REVIEW_STATUSES, ...BUDGET_STATUSES])] as [string, ...string[]];
const cardsQuery = z
  .object({
    kind: z.enum(CARD_KINDS).optional(),
    status: z.enum(STATUSES).optional(),
    unit: z.string().max(60).regex(UNIT_ID).optional(),
    q: z.string().max(200).optional(),
  })
  .strict();
const listQuery = z.object({ archived: z.enum(['0', '1']).optional() }).strict();

/** A fresh board id: the title's slug and a random suffix, `[a-z0-9-]{1,64}`. */
export function newBoardId(boardTitle: string): string {
  const base = slugify(boardTitle).slice(0, 48).replace(/-+$/, '') || 'board';
  return `${base}-${randomId(8)}`;
}

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

export async function createBoardFromDoc(
  s: HttpServices,
  input: { boardId: string; title: string; actor: string; update: Uint8Array },
): Promise<void> {
  const createdAt = new Date(s.clock()).toISOString();
  const created = await s.registry.create({ boardId: input.boardId, title: input.title, createdAt, createdBy: input.actor }, input.update);
  if (!created) throw errors.conflict('board-exists', 'A board with this id exists already; try again.', 'Đã có bảng với mã này; vui lòng thử lại.');
  await s.memberships.put(input.boardId, input.actor, 'admin', input.actor);
}

export function boardRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/boards', signedIn(), validateQuery(listQuery), async (c) => {
    const { archived } = c.req.valid('query');
    return c.json({ boards: await myBoards(s, c.get('user')!, archived === '1') });
  });

  app.post('/api/boards', globalAdmin(), validateJson(createSchema), async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user')!;
    const boardId = newBoardId(body.title);
    const ctx = { actor: user.userId, now: new Date(s.clock()) };
    const doc = new Y.Doc();
    let report: { unplaced: unknown[]; notes: unknown[] } | undefined;
    try {
      if (body.template === 'plan-27') {
        const imported = importPlan27();
        applyImportedPlan(doc, imported.plan, {
          boardId, title: body.title, units: BINH_AN_UNITS, facts: { delegateCount: 0 }, extraCards: PLAN_27_STARTER_BUDGET,
        }, ctx);
      } else if (body.template === 'blank' || body.planText === undefined) {
        initBoard(doc, { boardId, title: body.title, units: BINH_AN_UNITS.map((u) => ({ id: u.id, nameVi: u.nameVi, nameEn: u.nameEn })) }, ctx);
      } else {
        const imported = importPlan(body.planText, { units: BINH_AN_UNITS, defaultUnit: 'office-statistics' });
        if (imported.plan.tasks.length === 0 && imported.plan.agenda.length === 0) {
          throw errors.badRequest('empty-plan', 'No task or agenda item could be read from this plan text.',
            'Không đọc được nhiệm vụ hay mục chương trình nào từ văn bản kế hoạch này.');
        }
        applyImportedPlan(doc, imported.plan, { boardId, title: body.title, units: BINH_AN_UNITS }, ctx);
        report = { unplaced: imported.unplaced, notes: imported.notes };
      }
    } catch (error) {
      if (error instanceof BoardValidationError) throw fromBoardValidation(error);
      throw error;
    }
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    await createBoardFromDoc(s, { boardId, title: body.title, actor: user.userId, update });
    const entry = await s.registry.get(boardId);
    return c.json({ board: { ...entry, role: 'admin' }, ...(report ? { import: report } : {}) }, 201);
  });

  app.get('/api/boards/:boardId', boardRole(s, NEEDS.readBoard, { allowToken: true }), async (c) => {
    const access = c.get('access');
    const board = await loadSnapshot(s, access.boardId);
    return c.json({ boardId: access.boardId, title: access.entry.title, archived: access.entry.archived, role: access.role, board });
  });

  app.patch('/api/boards/:boardId', boardRole(s, NEEDS.manageBoard), validateJson(patchSchema), async (c) => {
    const access = c.get('access');
    const patch = c.req.valid('json');
    if (patch.title !== undefined && patch.title !== access.entry.title) {
      // The title lives in the board document too (what the page shows): change both.
      await changeDoc(s, access.boardId, (doc) => doc.getMap('meta').set('title', patch.title));
    }
    const entry = await s.registry.update(access.boardId, patch);
    if (!entry) throw errors.boardNotFound();
    if (patch.archived === true && s.poster) {
      await cutConnections(s.connections, s.poster, access.boardId, () => true, 'Bảng đã được lưu trữ / This board was archived');
    }
    return c.json({ board: { ...entry, role: access.role } });
  });

  app.get('/api/boards/:boardId/dashboard', boardRole(s, NEEDS.readBoard, { allowToken: true }), async (c) => {
    const access = c.get('access');
    const board: BoardSnapshot = await loadSnapshot(s, access.boardId);
    return c.json({ boardId: access.boardId, at: new Date(s.clock()).toISOString(), dashboard: dashboard(board, new Date(s.clock())) });
  });

  app.get('/api/boards/:boardId/cards', boardRole(s, NEEDS.readBoard, { allowToken: true }), validateQuery(cardsQuery), async (c) => {
    const access = c.get('access');
    const f = c.req.valid('query');
    const board = await loadSnapshot(s, access.boardId);
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

