/** The board `npm start` creates on first start: plan 27/KH-UBND from @binhan/core's template. */
import * as Y from 'yjs';
import { type BoardSnapshot } from '@binhan/core';
import { PLAN_27_BOARD_TITLE, seedPlan27Board } from '@binhan/core/plan-27';

export const SEED_BOARD_ID = 'binh-an-27';
/** Who the seeded content says wrote it (the dashboard's "last changed by"): the plan's issuer. */
export const SEED_AUTHOR = 'UBND xã Bình An';

export function seedBoard(now: Date): { title: string; update: Uint8Array; board: BoardSnapshot } {
  const doc = new Y.Doc();
  const board = seedPlan27Board(doc, { boardId: SEED_BOARD_ID, actor: SEED_AUTHOR, now });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { title: PLAN_27_BOARD_TITLE, update, board };
}
