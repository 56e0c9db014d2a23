/**
 * The HTTP API (`/api/…` on `httpUrl`): JSON in, JSON out, the session in the HttpOnly
 * `binhan_session` cookie. Every state-changing request is sent as application/json (the
 * server's CSRF rule). Errors come back as `{error: {code, message, messageVi}}`.
 */
import { lang, t } from './i18n';
import { ROLES, roleRank, type Role } from '@binhan/core';

export interface ApiErrorInfo {
  code: string;
  message: string;
  messageVi: string;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiErrorInfo; retryAfter: number | null };

export interface User {
  userId: string;
  email: string;
  name: string;
  status: 'invited' | 'active' | 'disabled';
  globalAdmin: boolean;
}

export interface BoardEntry {
  boardId: string;
  title: string;
  createdAt: string;
  archived: boolean;
  role: Role;
}

export interface SignedIn {
  user: User;
  boards: BoardEntry[];
}

let base = '';
export function setApiBase(httpUrl: string): void {
  base = httpUrl.replace(/\/+$/, '');
}
export const apiUrl = (path: string): string => `${base}${path}`;

const NETWORK: ApiErrorInfo = { code: 'network', message: '', messageVi: '' };

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      credentials: 'include',
      headers: method === 'GET' ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  } catch {
    return { ok: false, status: 0, error: NETWORK, retryAfter: null };
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const e = (json as { error?: Partial<ApiErrorInfo> } | null)?.error ?? {};
  const retry = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    status: res.status,
    error: { code: e.code ?? `http-${res.status}`, message: e.message ?? res.statusText, messageVi: e.messageVi ?? e.message ?? res.statusText },
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
  };
}

/**
 * A plan file or text as multipart/form-data, with the header the server's upload CSRF rule
 * asks for (X-Binhan-Upload: 1; a cross-site form cannot set it). The browser sends Origin.
 */
export async function upload<T>(path: string, form: FormData): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path), { method: 'POST', credentials: 'include', headers: { accept: 'application/json', 'x-binhan-upload': '1' }, body: form });
  } catch {
    return { ok: false, status: 0, error: NETWORK, retryAfter: null };
  }
  const json = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const e = (json as { error?: Partial<ApiErrorInfo> } | null)?.error ?? {};
  return {
    ok: false, status: res.status, retryAfter: null,
    error: { code: e.code ?? `http-${res.status}`, message: e.message ?? res.statusText, messageVi: e.messageVi ?? e.message ?? res.statusText },
  };
}

/** The server's message in the page's language (or ours when the network failed). */
export function errorText(r: { status: number; error: ApiErrorInfo }): string {
  if (r.error.code === 'network') return t('networkError');
  return lang() === 'vi' ? r.error.messageVi : r.error.message;
}

/** Roles on a board, lowest first (the order a role choice lists them); the roles are core's. */
export const ROLE_ORDER: readonly Role[] = [...ROLES].sort((a, b) => roleRank(a) - roleRank(b));
