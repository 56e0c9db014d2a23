/**
 * Old place of sockets/cut-off.ts, kept only because http/routes/boards.ts (being changed on
 * another branch) still imports it: move that import to '../../sockets/cut-off' and delete this file.
 */
export * from '../sockets/cut-off';
