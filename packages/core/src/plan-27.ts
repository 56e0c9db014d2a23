/**
 * @binhan/core/plan-27 — plan 27/KH-UBND as content: its text, the board seeded from it and the
 * templates a new board starts from. A subpath of its own so that code which never creates a
 * board (most Lambda invocations) does not load the plan's text.
 */
export { PLAN_27_TEXT } from './plan/plan-27-text';
export * from './plan/template';
