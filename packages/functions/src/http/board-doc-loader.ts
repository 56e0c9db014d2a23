/**
 * The routes' Yjs work (board-doc.ts: reading a stored board, writing a server-side change,
 * building a new board's first document) is loaded on the first request that needs it. Yjs and
 * core's board model are then a chunk of their own in the http Lambda, so a cold start for a
 * sign-in, a member list or a link does not load them (bench/lambda-bundles.ts: own code at start
 * under 250 KB). Routes import only this loader and `type`s from board-doc.ts.
 */
import type * as BoardDoc from './board-doc';

export type BoardDocs = typeof BoardDoc;

export const loadBoardDocs = (): Promise<BoardDocs> => import('./board-doc');
