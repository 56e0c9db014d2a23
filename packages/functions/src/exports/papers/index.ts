/**
 * The conference's papers as Word documents in the form of Nghị định 30/2020/NĐ-CP (layout.ts).
 * Each takes the board and PaperOptions (commune, signer, number, date…; see layout.ts).
 */
export { DOCX_MIME, paperContext, specText, type PaperOptions, type PaperSpec } from './layout';
export { awardDecisionDocx, awardDecisionSpec, awardDecisionData, AWARD_DECISION_SYMBOL } from './award-decision';
export { proposedListDocx, proposedListSpec, PROPOSED_LIST_SYMBOL } from './proposed-list';
export { budgetEstimateDocx, budgetEstimateSpec, BUDGET_ESTIMATE_SYMBOL } from './budget-estimate';
export { programmeDocx, programmeSpec, splitPresenter, PROGRAMME_SYMBOL } from './conference-programme';
export { progressReportDocx, progressReportSpec, PROGRESS_REPORT_SYMBOL, DEFAULT_REPORT_RECIPIENT } from './progress-report';

import type { BoardSnapshot } from '@binhan/core';
import type { PaperOptions } from './layout';
import { awardDecisionDocx } from './award-decision';
import { proposedListDocx } from './proposed-list';
import { budgetEstimateDocx } from './budget-estimate';
import { programmeDocx } from './conference-programme';
import { progressReportDocx } from './progress-report';

/** The papers by the file name of their route, with their Vietnamese name. */
export const PAPERS = {
  'award-decision.docx': { nameVi: 'Quyết định khen thưởng', make: awardDecisionDocx },
  'proposed-list.docx': { nameVi: 'Danh sách đề nghị khen thưởng', make: proposedListDocx },
  'budget-estimate.docx': { nameVi: 'Dự toán kinh phí', make: budgetEstimateDocx },
  'programme.docx': { nameVi: 'Chương trình Hội nghị', make: programmeDocx },
  'progress-report.docx': { nameVi: 'Báo cáo tiến độ', make: progressReportDocx },
} as const satisfies Record<string, { nameVi: string; make: (b: BoardSnapshot, o: PaperOptions) => Promise<Uint8Array> }>;
export type PaperFile = keyof typeof PAPERS;
