/**
 * API errors: every refusal is JSON `{ "error": { "code", "message", "messageVi" } }` (English
 * and Vietnamese), with the status that says what kind of refusal it is.
 */
import { BoardValidationError } from '@binhan/core/yjs-free';

export type ApiStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500;

export interface ApiErrorBody {
  error: { code: string; message: string; messageVi: string; issues?: { path: string; message: string; messageVi?: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: ApiStatus,
    readonly code: string,
    message: string,
    readonly messageVi: string,
    readonly extra: { issues?: ApiErrorBody['error']['issues']; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, messageVi: this.messageVi, ...(this.extra.issues ? { issues: this.extra.issues } : {}) } };
  }
}

export const errors = {
  signInRequired: () =>
    new ApiError(401, 'sign-in-required', 'Sign in (or open the board with a valid link) to do this.', 'Vui lòng đăng nhập (hoặc mở bảng bằng liên kết hợp lệ) để thực hiện việc này.'),
  invalidCredentials: () => new ApiError(401, 'invalid-credentials', 'Wrong e-mail or password.', 'E-mail hoặc mật khẩu không đúng.'),
  forbidden: (what = 'Your role on this board does not allow this.') =>
    new ApiError(403, 'forbidden', what, 'Vai trò của bạn trên bảng này không được phép làm việc này.'),
  notMember: () => new ApiError(403, 'not-a-member', 'You are not a member of this board.', 'Bạn không phải là thành viên của bảng này.'),
  globalAdminOnly: () =>
    new ApiError(403, 'forbidden', 'Only an administrator may do this.', 'Chỉ quản trị viên mới được làm việc này.'),
  revoked: () => new ApiError(403, 'revoked', 'This link was revoked.', 'Liên kết đã bị thu hồi.'),
  archived: () => new ApiError(403, 'archived', 'This board is archived.', 'Bảng này đã được lưu trữ.'),
  token: (status: 401 | 403, reason: string) => new ApiError(status, 'invalid-token', reason, 'Liên kết không hợp lệ hoặc đã hết hạn.'),
  boardNotFound: () => new ApiError(404, 'not-found', 'No such board.', 'Không tìm thấy bảng.'),
  notFound: (what: string, whatVi: string) => new ApiError(404, 'not-found', `No such ${what}.`, `Không tìm thấy ${whatVi}.`),
  invalidId: (what: string, whatVi: string) =>
    new ApiError(400, 'invalid-id', `Invalid ${what}: lower-case letters, digits and "-" only.`, `Mã ${whatVi} không hợp lệ: chỉ gồm chữ thường, số và dấu "-".`),
  malformedJson: () => new ApiError(400, 'malformed-json', 'The request body is not valid JSON.', 'Nội dung gửi lên không phải JSON hợp lệ.'),
  unsupportedMedia: () =>
    new ApiError(415, 'unsupported-media-type', 'Send the request as JSON (Content-Type: application/json).', 'Hãy gửi yêu cầu dạng JSON (Content-Type: application/json).'),
  tooLarge: (max: number) =>
    new ApiError(413, 'too-large', `The request body is over ${Math.round(max / 1024)} KB.`, `Nội dung gửi lên vượt quá ${Math.round(max / 1024)} KB.`),
  throttled: (retryAfter: number) =>
    new ApiError(429, 'too-many-attempts', `Too many failed sign-ins: try again in ${Math.ceil(retryAfter / 60)} minutes.`,
      `Đăng nhập sai quá nhiều lần: vui lòng thử lại sau ${Math.ceil(retryAfter / 60)} phút.`, { headers: { 'Retry-After': String(retryAfter) } }),
  conflict: (code: string, message: string, messageVi: string) => new ApiError(409, code, message, messageVi),
  badRequest: (code: string, message: string, messageVi: string) => new ApiError(400, code, message, messageVi),
};

/** A refused board write (core's BoardValidationError) as a 400 with both languages. */
export function fromBoardValidation(error: BoardValidationError): ApiError {
  return new ApiError(400, 'invalid-board', error.message, error.messageVi, {
    issues: error.issues.map((i) => ({ path: i.path, message: i.en, messageVi: i.vi })),
  });
}
