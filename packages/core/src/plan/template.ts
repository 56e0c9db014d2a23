/**
 * The board for plan 27/KH-UBND: what `npm start` seeds and what "new board from plan 27"
 * makes. Built by running the general importer on the plan's text, with two choices the text
 * leaves open:
 * - II.1 bullets that name no unit are commune-wide; they go to Văn phòng – Thống kê, the unit
 *   that coordinates the plan (IV.1: "Tham mưu…", "Xây dựng chương trình…"; III: "Văn phòng
 *   UBND phối hợp…"). The first bullet names "Bộ phận Văn hoá xã" and goes to Văn hóa – Xã hội.
 *   Their clause is "II.1" (the bullets are unnumbered in the plan; order keeps their sequence).
 * - The conference date is not fixed by the plan ("dự kiến trong quý I năm 2025"): it stays
 *   empty, and "days left" and the due dates count from the end of Q1 2025 (31/03/2025) until
 *   a leader sets it.
 * - Each task's due date is the conference date plus an offset of its own
 *   (PLAN_27_DUE_OFFSETS; why the offset is stored on the task: plan/due-dates.ts).
 */
import type * as Y from 'yjs';
import { PLAN_27_TEXT } from './plan-27-text';
import { importPlan, COMMENDATION_FUND, type ImportResult } from './importer';
import { applyImportedPlan } from './apply';
import { BINH_AN_UNITS } from './units-dictionary';
import type { BoardSnapshot, NewBudgetInput } from '../board/schema';
import type { WriteContext } from '../board/validate';
import { initBoard } from '../board/init';

export const PLAN_27_BOARD_TITLE =
  'Kế hoạch 27/KH-UBND: Hội nghị tuyên dương điển hình tiên tiến xã Bình An (2025 – 2030)';

/** The plan 27 text read by the importer, with the Bình An units and defaults. */
export function importPlan27(): ImportResult {
  return importPlan(PLAN_27_TEXT, { units: BINH_AN_UNITS, defaultUnit: 'office-statistics' });
}

/**
 * Starter budget lines for one conference of at most 150 delegates, for Tài chính – Kế toán to
 * adjust. Prices are estimates (not from the plan); award cash is not here: it is computed from
 * the nominees by the award rules.
 */
export const PLAN_27_STARTER_BUDGET: NewBudgetInput[] = [
  { kind: 'budget', id: 'budget-decoration', unit: 'finance', line: 'Trang trí hội trường, phông nền (ma-két) Hội nghị', quantity: 1, unitPrice: 2_500_000, fundingSource: COMMENDATION_FUND.id },
  { kind: 'budget', id: 'budget-water', unit: 'finance', line: 'Nước uống đại biểu', quantity: 150, unitPrice: 15_000, fundingSource: COMMENDATION_FUND.id },
  { kind: 'budget', id: 'budget-printing', unit: 'finance', line: 'In ấn tài liệu, giấy mời', quantity: 150, unitPrice: 10_000, fundingSource: COMMENDATION_FUND.id },
  { kind: 'budget', id: 'budget-frames', unit: 'finance', line: 'Khung giấy khen', quantity: 40, unitPrice: 60_000, fundingSource: COMMENDATION_FUND.id },
  { kind: 'budget', id: 'budget-flowers', unit: 'finance', line: 'Hoa tươi tặng các điển hình tiên tiến', quantity: 40, unitPrice: 100_000, fundingSource: COMMENDATION_FUND.id },
  { kind: 'budget', id: 'budget-sound', unit: 'finance', line: 'Thuê âm thanh, ánh sáng', quantity: 1, unitPrice: 2_000_000, fundingSource: COMMENDATION_FUND.id },
];

/**
 * Days from the conference to each plan 27 task's due date. The plan gives no dates; these
 * follow the order the plan implies (the council must choose the exemplars before the award
 * decision, the report and the programme are read at the conference, the publicity runs
 * before, during and after it) and can be changed per task on the board.
 */
export const PLAN_27_DUE_OFFSETS: Readonly<Record<string, number>> = {
  // II.1 — the campaign's content, carried on up to the conference.
  'task-ii-1-1': -7, // publicise Hồ Chí Minh's thought on emulation and the conference
  'task-ii-1-2': -30, // put the 2022 Law on emulation and commendation into practice
  'task-ii-1-3': -30, // units launch emulation and carry out the plan
  'task-ii-1-4': -30, // find the exemplars to honour (before the council meets)
  // IV.1 — Văn phòng – Thống kê
  'task-iv-1-1': -21, // council meeting that chooses the exemplars
  'task-iv-1-2': -10, // five-year report 2020–2025 and the 2025–2030 direction
  'task-iv-1-3': -10, // the conference programme and its papers
  'task-iv-1-4': -21, // the budget estimate, with finance
  // IV.2 — Tài chính – Kế toán
  'task-iv-2-1': -21, // the budget estimate
  // IV.3 — Văn hóa – Xã hội: publicity before, during and after the conference
  'task-iv-3-1': 7,
  // IV.4 — the council advises the chairman on the awards (the decision precedes the conference)
  'task-iv-4-1': -7,
  // IV.5 — the Front and mass organisations: members take part in the campaign
  'task-iv-5-1': 0,
};

export interface SeedOptions {
  boardId: string;
  /** The board's title; each template has its own default. */
  title?: string;
  actor: string;
  now: Date | string;
  newId?: () => string;
  origin?: unknown;
}

/** Seed an empty doc with the plan 27 board. */
export function seedPlan27Board(doc: Y.Doc, options: SeedOptions): BoardSnapshot {
  const { boardId, title, ...ctx } = options;
  const imported = importPlan27();
  if (imported.unplaced.length)
    throw new Error(`plan 27 import left ${imported.unplaced.length} item(s) unplaced`);
  return applyImportedPlan(doc, imported.plan, {
    boardId,
    title: title ?? PLAN_27_BOARD_TITLE,
    units: BINH_AN_UNITS,
    facts: { delegateCount: 0 },
    extraCards: PLAN_27_STARTER_BUDGET,
    dueOffsets: PLAN_27_DUE_OFFSETS,
  }, ctx as WriteContext);
}

export interface PlanTemplate {
  id: string;
  nameVi: string;
  nameEn: string;
  create(doc: Y.Doc, options: SeedOptions): BoardSnapshot;
}

/** Boards a user can create anew. */
export const planTemplates: PlanTemplate[] = [
  {
    id: 'plan-27',
    nameVi: 'Kế hoạch 27/KH-UBND – Hội nghị tuyên dương điển hình tiên tiến',
    nameEn: 'Plan 27/KH-UBND – conference honouring advanced exemplars',
    create: seedPlan27Board,
  },
  {
    id: 'blank',
    nameVi: 'Bảng trống với các bộ phận của UBND xã',
    nameEn: 'Empty board with the commune units',
    create(doc, { boardId, title, ...ctx }) {
      return initBoard(doc, {
        boardId,
        title: title ?? 'Bảng kế hoạch mới',
        units: BINH_AN_UNITS.map(({ id, nameVi, nameEn }) => ({ id, nameVi, nameEn })),
        facts: { funds: [COMMENDATION_FUND], awardFundId: COMMENDATION_FUND.id },
      }, ctx as WriteContext);
    },
  },
];
