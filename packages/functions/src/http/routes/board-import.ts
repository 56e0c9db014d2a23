/**
 * Importing a board back from its export:
 *   POST /api/boards/import    administrator: a board.json (GET …/exports/board.json) → a new board
 * The JSON reader is exports/board-json.ts (loaded on first use, with the other generators).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv, HttpServices } from '../services';
import { contentAuthor, createBoardFromDoc, newBoardId } from '../board-creation';
import { loadBoardDocs } from '../board-doc-loader';
import { globalAdmin } from '../middleware/require-role';
import { validateJson } from '../validate';
import { loadGenerators } from './exports';

/** Where boardImportRoutes is mounted; its own path is relative to it. */
export const BOARD_IMPORT_BASE = '/api/boards/import';

export function boardImportRoutes(s: HttpServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/', globalAdmin(), validateJson(z.unknown()), async (c) => {
    const user = c.get('user')!;
    const json = c.req.valid('json');
    const title = (json as { board?: { title?: unknown } } | null)?.board?.title;
    const boardId = newBoardId(typeof title === 'string' ? title : 'board');
    const [{ importBoardJson }, { buildBoardDoc, readBoard }] = await Promise.all([loadGenerators(), loadBoardDocs()]);
    const { result: snapshot, update } = buildBoardDoc((doc) => {
      const imported = importBoardJson(json, doc, { actor: contentAuthor(user), now: new Date(s.clock()), boardId });
      readBoard(doc); // the imported doc is readable as a board
      return imported;
    });
    await createBoardFromDoc(s, { boardId, title: snapshot.title, actor: user.userId, update });
    const entry = await s.registry.get(boardId);
    return c.json({ board: { ...entry, role: 'admin' }, cards: snapshot.cards.length }, 201);
  });

  return app;
}
