/**
 * @binhan/core/plan-reading — reading a plan into a board: the importer (plan text → units,
 * tasks, facts) with its dictionaries of units, hamlets and due-date phrases, the plan reader
 * (a file's text and tables → a reading with its report) and applying a reading to a new board. A subpath of its own, out of the main entry: only the
 * routes that make a board from a plan need it, and the HTTP Lambda loads them on first use,
 * so its cold start does not carry the reader (~30 KB minified). The main entry still gives the
 * types, which cost nothing at run time.
 */
export * from './plan/units-dictionary';
export * from './plan/commune-units';
export * from './plan/due-date-phrases';
export * from './plan/event-facts';
export * from './plan/importer';
export * from './plan/plan-reader';
export * from './plan/apply-reading';
export { applyImportedPlan } from './plan/apply';
