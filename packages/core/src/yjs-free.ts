/**
 * @binhan/core/yjs-free — the parts of core that never load Yjs: the board's schema and limits,
 * validation errors, roles and rights, award forms and rules, the dashboard's metrics, text and
 * date formatting. For code that must start without the board model: the http Lambda's routes
 * import from here, and reach the Yjs side (reading a stored board) through a lazily loaded
 * module, so its cold start does not load Yjs (bench/lambda-bundles.ts;
 * tests/infra/bundles.test.ts fails if Yjs is at the http start).
 *
 * Why a barrel of its own: esbuild splits a bundle by file, and a file its entry reaches through
 * any import goes in the entry's chunks. `@binhan/core` re-exports the board model, so anything
 * that imports it reaches Yjs, whatever names it takes.
 */
export * from './board/schema';
export * from './validation/issues';
export * from './policy/roles';
export * from './awards/forms';
export * from './awards/rules';
export * from './awards/amounts';
export * from './metrics/dashboard';
export * from './plan/conference-date';
export * from './i18n/messages';
export * from './i18n/format';
export * from './i18n/document-date';
export * from './money/vnd-in-words';
export { foldVietnamese, slugify } from './util/text';
