/**
 * @binhan/core — the Bình An planning board as data: the board model on Yjs, plan 27/KH-UBND
 * as the board's content (@binhan/core/plan-27), a plan importer (@binhan/core/plan-reading),
 * award rules and dashboard metrics. Pure: no I/O.
 */
export * from './board/schema';
export * from './validation/issues';
export { type WriteContext, parseWith } from './board/validate';
export { BOARD_VERSION, MIGRATIONS, boardVersion, migrateBoard, requireCurrentBoard } from './board/doc';
export { keyBetween, keysBetween, byOrderThenId, isOrderKey } from './board/fractional';
export { initBoard, type InitBoardInput } from './board/init';
export { readBoard, readFacts, readAgenda, listUnits, getCard, requireCard, cardsInUnit } from './board/snapshot';
export { addUnit, renameUnit, moveUnit, removeUnit, UNASSIGNED_UNIT, type UnitInput, type RemoveUnitOptions } from './board/units';
export { addCard, updateCard, deleteCard, restoreCard, purgeCard, setChecklistItemDone, moveBudgetLinesToFund } from './board/cards';
export { moveCard, type MoveTarget } from './board/move';
export * from './board/comments';
export { setFacts, setAgenda, validateFactsPatch } from './board/facts';
export { budgetLinesOfFund, fundRemovalIssues, fundUsage, type FundLine, type FundUsage } from './board/fund-usage';
export { clearDamagedCards, damagedCards, type DamagedCard } from './board/damaged-cards';

// The importer, the plan reader, its dictionaries and applying a plan to a board:
// @binhan/core/plan-reading (their types here).
export type { UnitAlias, UnitMatch } from './plan/units-dictionary';
export type {
  ImportOptions, ImportReport, ImportResult, ImportedFacts, ImportedPlan, ImportedTask, ImportedUnit, ReportCode,
} from './plan/importer';
export type { PlanReading, PlanSource, ReadTask } from './plan/plan-reader';
export type { ApplyReadingOptions, UnitChoice } from './plan/apply-reading';
export type { DueOptions } from './plan/due-date-phrases';
export type { EventFacts } from './plan/event-facts';
export type { ApplyPlanOptions } from './plan/apply';
export * from './plan/due-dates';

export * from './awards/forms';
export * from './awards/rules';
export * from './awards/amounts';

export * from './metrics/dashboard';

export * from './i18n/messages';
export * from './i18n/format';
export * from './i18n/document-date';
export * from './money/vnd-in-words';
export {
  isRealIsoDate, vietnamDate, daysBetween, quarterEnd, VIETNAM_UTC_OFFSET_MINUTES, type IsoDate,
} from './util/dates';
export { foldVietnamese, slugify } from './util/text';
export * from './board/change-tracker';
export * from './board/entry-snapshot';
export * from './board/value-changes';
export type { AuditAction, AuditEntry, AuditPerson, AuditValueChange } from './board/audit-entry';
export { auditEntriesFrom } from './board/audit-entries';
export * from './board/entry-checks';
export * from './policy';
