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
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { BoardValidationError } from '@binhan/core/yjs-free';
import { createHttpServices, type AppEnv, type HttpDeps, type HttpServices } from './services';
import { ApiError, errors, fromBoardValidation } from './errors';
import { loadSession } from './middleware/session';
import { AUDIT_BASE, auditRoutes } from './routes/audit';
import { AUTH_BASE, authRoutes } from './routes/auth';
import { BOARD_IMPORT_BASE, boardImportRoutes } from './routes/board-import';
import { BOARD_STATE_BASE, boardStateRoutes } from './routes/board-state';
import { BOARDS_BASE, boardRoutes } from './routes/boards';
import { EXPORTS_BASE, exportRoutes } from './routes/exports';
import { LINKS_BASE, linkRoutes } from './routes/links';
import { ACCOUNT_INVITES_BASE, MEMBERS_BASE, memberRoutes } from './routes/members';
import { PEOPLE_BASE, peopleRoutes } from './routes/people';
import { SYNC_TOKEN_BASE, syncTokenRoutes } from './routes/sync-tokens';
import { MULTIPART, PLAN_PREVIEW_BASE, UPLOAD_HEADER, planUploadRoutes } from './routes/plan-upload';

export type { HttpDeps } from './services';

export const BODY_LIMIT_BYTES = 64 * 1024;
export const LARGE_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** Routes that take a whole plan text or board export. */
const LARGE_BODY_ROUTES = new Set([BOARDS_BASE, BOARD_IMPORT_BASE]);
/** Routes that take a plan file (multipart/form-data); the extractor refuses files over 10 MB in words. */
const UPLOAD_ROUTES = new Set([BOARDS_BASE, PLAN_PREVIEW_BASE]);
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
    if (c.req.path === PLAN_PREVIEW_BASE && c.req.method === 'POST')
      throw new ApiError(415, 'unsupported-media-type', 'Send the plan as multipart/form-data with a "file" or a "text" field.',
        'Hãy gửi kế hoạch dạng multipart/form-data, có trường "file" hoặc "text".');
    if (!SAFE_METHODS.has(c.req.method) && !JSON_TYPE.test(type)) throw errors.unsupportedMedia();
    await next();
  });
  app.use('/api/*', loadSession(s));

  app.get('/api/health', (c) => c.json({ ok: true }));

  // Each route file owns its base path and writes its routes relative to it. No two routes
  // answer the same method and path (tests/access/route-table.test.ts), so the order of these
  // lines decides nothing.
  const members = memberRoutes(s);
  app.route(AUTH_BASE, authRoutes(s));
  app.route(BOARDS_BASE, boardRoutes(s));
  app.route(PLAN_PREVIEW_BASE, planUploadRoutes(s));
  app.route(BOARD_IMPORT_BASE, boardImportRoutes(s));
  app.route(BOARD_STATE_BASE, boardStateRoutes(s));
  app.route(EXPORTS_BASE, exportRoutes(s));
  app.route(MEMBERS_BASE, members.members);
  app.route(ACCOUNT_INVITES_BASE, members.accountInvites);
  app.route(PEOPLE_BASE, peopleRoutes(s));
  app.route(LINKS_BASE, linkRoutes(s));
  app.route(SYNC_TOKEN_BASE, syncTokenRoutes(s));
  app.route(AUDIT_BASE, auditRoutes(s));

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
