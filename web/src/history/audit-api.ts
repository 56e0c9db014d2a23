/**
 * Reading the audit log over HTTP (`/api/boards/:id/audit`, `…/cards/:cardId/audit`, editor+),
 * one page at a time. A signed-in page sends its session cookie; a page opened by a link sends
 * the link's token as `Authorization: Bearer` (the API accepts links for reads).
 */
import type { AuditEntry, AuditPerson } from '@binhan/core';
import { apiUrl, errorText, type ApiErrorInfo } from '../api';

export type { AuditPerson, AuditValueChange } from '@binhan/core';

/** An audit entry as the API serves it: the stored entry and the person named. */
export type AuditRow = AuditEntry & { person?: AuditPerson };

export type AuditPageResult = { ok: true; entries: AuditRow[]; cursor: string | null } | { ok: false; message: string };

export async function readAuditPage(
  path: string,
  opts: { cursor: string | null; limit: number; bearer: string | null },
): Promise<AuditPageResult> {
  const q = new URLSearchParams({ limit: String(opts.limit) });
  if (opts.cursor) q.set('cursor', opts.cursor);
  let res: Response;
  try {
    res = await fetch(apiUrl(`${path}?${q}`), {
      credentials: 'include',
      headers: { accept: 'application/json', ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}) },
    });
  } catch {
    return { ok: false, message: errorText({ status: 0, error: { code: 'network', message: '', messageVi: '' } }) };
  }
  const json = (await res.json().catch(() => null)) as { entries?: AuditRow[]; cursor?: string; error?: ApiErrorInfo } | null;
  if (!res.ok || !json || !Array.isArray(json.entries)) {
    const error = json?.error ?? { code: String(res.status), message: `HTTP ${res.status}`, messageVi: `HTTP ${res.status}` };
    return { ok: false, message: errorText({ status: res.status, error }) };
  }
  return { ok: true, entries: json.entries, cursor: json.cursor ?? null };
}
