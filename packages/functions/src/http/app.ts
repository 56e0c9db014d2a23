/**
 * The HTTP API (Hono). The same app runs behind API Gateway's HTTP API on Lambda and behind the
 * local gateway. Every error is JSON: { error: { code, message, messageVi } }.
 *
 * On every /api request, in order:
 *  - secure headers (nosniff, frame and referrer policy, …) and `Cache-Control: no-store`;
 *  - a body limit (64 KB; 2 MB for creating/importing a board) → 413;
 *  - CSRF: a state-changing request (POST, PUT, PATCH, DELETE) must say
 *    `Content-Type: application/json` → else 415. A cross-site form cannot send that, and a
 *    cross-origin fetch with it needs a CORS preflight this API never approves; the session
 *    cookie is also SameSite=Lax;
 *  - the session cookie → `c.var.user`.
 */
import * as Y from 'yjs';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { BoardValidationError } from '@binhan/core';
import { BOARD_ID } from '../storage/table-schema';
import { createHttpServices, type AppEnv, type HttpDeps, type HttpServices } from './services';
import { ApiError, errors, fromBoardValidation } from './errors';
import { loadSession } from './middleware/session';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { boardRoutes } from './routes/boards';
import { exportRoutes } from './routes/exports';
import { linkRoutes } from './routes/links';
import { memberRoutes } from './routes/members';
import { peopleRoutes } from './routes/people';
import { syncTokenRoutes } from './routes/sync-tokens';
import { MULTIPART, UPLOAD_HEADER, planUploadRoutes } from './routes/plan-upload';

export type { HttpDeps } from './services';

export const BODY_LIMIT_BYTES = 64 * 1024;
export const LARGE_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** Routes that take a whole plan text or board export. */
const LARGE_BODY_ROUTES = new Set(['/api/boards', '/api/boards/import']);
/** Routes that take a plan file (multipart/form-data); the extractor refuses files over 10 MB in words. */
const UPLOAD_ROUTES = new Set(['/api/boards', '/api/boards/preview']);
export const UPLOAD_BODY_LIMIT_BYTES = 11 * 1024 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * CSRF defence for the multipart routes (a cross-site form can post multipart): the Origin
 * must be this app's (PUBLIC_URL, else the request's own host), and X-Binhan-Upload: 1 must be
 * set — a form cannot set a header, and a cross-site fetch with one needs a CORS preflight
 * this API never grants.
 */
function uploadGuard(c: Context<AppEnv>, s: HttpServices): void {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  const proto = c.req.header('x-forwarded-proto') ?? 'https';
  const own = s.publicUrl ? new URL(s.publicUrl).origin : host ? `${proto}://${host}` : null;
  if (!origin || !own || origin !== own)
    throw new ApiError(403, 'cross-site-upload', `Plan files are accepted from this app's own pages only (Origin ${origin ?? 'missing'}).`,
      `Chỉ nhận tệp kế hoạch gửi từ chính trang của ứng dụng (Origin ${origin ?? 'không có'}).`);
  if (c.req.header(UPLOAD_HEADER) !== '1')
    throw new ApiError(403, 'cross-site-upload', `Send plan files with the header ${UPLOAD_HEADER}: 1 (the app's new-board form does).`,
      `Hãy gửi tệp kế hoạch kèm tiêu đề ${UPLOAD_HEADER}: 1 (biểu mẫu tạo bảng của ứng dụng có gửi).`);
}

function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
  for (const [k, v] of Object.entries(error.extra.headers ?? {})) c.header(k, v);
  return c.json(error.body(), error.status);
}

export function createHttpApp(deps: HttpDeps): Hono<AppEnv> {
  const s: HttpServices = createHttpServices(deps);
  const app = new Hono<AppEnv>();

  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin', referrerPolicy: 'no-referrer' }));
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', async (c, next) => {
    const upload = UPLOAD_ROUTES.has(c.req.path) && MULTIPART.test(c.req.header('content-type') ?? '');
    const max = upload ? UPLOAD_BODY_LIMIT_BYTES : LARGE_BODY_ROUTES.has(c.req.path) ? LARGE_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    return bodyLimit({ maxSize: max, onError: () => { throw errors.tooLarge(max); } })(c, next);
  });
  app.use('/api/*', async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!SAFE_METHODS.has(c.req.method) && UPLOAD_ROUTES.has(c.req.path) && MULTIPART.test(type)) {
      uploadGuard(c, s);
      return next();
    }
    if (c.req.path === '/api/boards/preview' && c.req.method === 'POST')
      throw new ApiError(415, 'unsupported-media-type', 'Send the plan as multipart/form-data with a "file" or a "text" field.',
        'Hãy gửi kế hoạch dạng multipart/form-data, có trường "file" hoặc "text".');
    if (!SAFE_METHODS.has(c.req.method) && !JSON_TYPE.test(type)) throw errors.unsupportedMedia();
    await next();
  });
  app.use('/api/*', loadSession(s));

  app.get('/api/health', (c) => c.json({ ok: true }));

  app.route('/', authRoutes(s));
  app.route('/', exportRoutes(s)); // before boardRoutes: POST /api/boards/import
  app.route('/', planUploadRoutes(s)); // before boardRoutes: multipart POST /api/boards
  app.route('/', boardRoutes(s));
  app.route('/', memberRoutes(s));
  app.route('/', peopleRoutes(s));
  app.route('/', linkRoutes(s));
  app.route('/', syncTokenRoutes(s));
  app.route('/', auditRoutes(s));

  /** The board's Yjs state sizes (for checks); needs a view or edit token. */
  app.get('/api/boards/:boardId/state', async (c) => {
    const boardId = c.req.param('boardId');
    if (!BOARD_ID.test(boardId)) throw errors.invalidId('board id', 'bảng');
    const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
    const check = deps.tokens.verify(bearer ?? c.req.query('token'), boardId);
    if (!check.ok) throw errors.token(check.status, check.reason);
    if (await s.revocations.check(check.claims)) throw errors.revoked();
    const { update, stored } = await deps.updates.loadMerged(boardId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return c.json({
      boardId,
      stateBytes: state.byteLength,
      storedBytes: stored.storedBytes,
      snapshotVersion: stored.snapshotVersion,
      pendingUpdates: stored.updates.length,
    });
  });

  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `No route ${c.req.method} ${c.req.path}.`, messageVi: `Không có đường dẫn ${c.req.method} ${c.req.path}.` } }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof BoardValidationError) return errorResponse(c, fromBoardValidation(error));
    if (error instanceof HTTPException) {
      if (error.status === 400 && /Malformed JSON/i.test(error.message)) return errorResponse(c, errors.malformedJson());
      if (error.status === 413) return errorResponse(c, errors.tooLarge(BODY_LIMIT_BYTES));
      return c.json({ error: { code: 'bad-request', message: error.message, messageVi: 'Yêu cầu không hợp lệ.' } }, error.status);
    }
    s.reportError(error, `${c.req.method} ${c.req.path}`);
    return c.json({ error: { code: 'internal', message: 'Internal error; try again.', messageVi: 'Lỗi máy chủ; vui lòng thử lại.' } }, 500);
  });
  return app;
}
