/**
 * Old name of http/services.ts, kept only because http/routes/exports.ts and http/routes/boards.ts
 * (being changed on another branch) still import it: move their imports to './services' and delete this file.
 */
export * from './services';
