/**
 * Where the page connects and with which right.
 * - `?board=<id>&token=<token>` in the page's query string (the edit or view link).
 * - The WebSocket origin is the page's own (ws:// or wss://) with path `/sync`, unless an
 *   optional `/config.json` ({"wsUrl": "wss://…", "httpUrl": "https://…"}, written by infra at
 *   deploy time; wsUrl is an origin and the page appends `/sync`) says otherwise
 *   (production: the web app on CloudFront, the API on API Gateway).
 * The token's payload (`v1.<base64url JSON {b, r, exp, jti, sub}>.<sig>`) tells the page which
 * controls to show; the server enforces the right anyway.
 */
import { isRole, rightOf, type Right, type Role } from '@binhan/core';

/** Roles and rights are core's (the policy the server enforces); re-exported for the app's modules. */
export type { Right, Role };

export interface TokenInfo {
  boardId: string | null;
  right: Right;
  /** Expiry, epoch seconds; null when unreadable. */
  expiresAt: number | null;
  subject: string;
  /** The token's id (jti): the identity of a token without a subject is `token:<id>`. */
  tokenId: string;
  /** The holder's role on the board (viewer < editor < leader < admin), when the token says it. */
  role: Role;
}

export interface AppConfig {
  boardId: string;
  token: string;
  /** WebSocket base: the provider connects to `${wsUrl}` + '/' + boardId (moved to ?board= by the polyfill). */
  wsUrl: string;
  httpUrl: string;
  tokenInfo: TokenInfo;
}

export type ConfigProblem = 'no-link' | 'bad-token' | 'expired' | 'other-board';

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the token's payload without checking its signature (only the server can). */
export function decodeToken(token: string): TokenInfo | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  try {
    const p = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
    return {
      boardId: typeof p['b'] === 'string' ? p['b'] : null,
      // Anything but an explicit edit right is treated as view: show no edit control.
      right: p['r'] === 'edit' ? 'edit' : 'view',
      expiresAt: typeof p['exp'] === 'number' ? p['exp'] : null,
      subject: typeof p['sub'] === 'string' ? p['sub'] : '',
      tokenId: typeof p['jti'] === 'string' ? p['jti'] : '',
      // A role that does not match the right (a viewer with edit, an editor with view) is not believed.
      role: isRole(p['ro']) && rightOf(p['ro']) === (p['r'] === 'edit' ? 'edit' : 'view')
        ? p['ro']
        : p['r'] === 'edit' ? 'editor' : 'viewer',
    };
  } catch {
    return null;
  }
}

interface RemoteConfig {
  wsUrl?: string;
  httpUrl?: string;
}

async function fetchRemoteConfig(): Promise<RemoteConfig> {
  try {
    // Same request as the <link rel="preload"> in index.html, so the preloaded answer is used.
    const res = await fetch('/config.json', { mode: 'cors', credentials: 'same-origin' });
    if (!res.ok) return {};
    // The local server answers unknown paths with index.html: only JSON counts.
    if (!(res.headers.get('content-type') ?? '').includes('json')) return {};
    const json = (await res.json()) as unknown;
    if (!json || typeof json !== 'object') return {};
    const c = json as Record<string, unknown>;
    return {
      ...(typeof c['wsUrl'] === 'string' && /^wss?:\/\//.test(c['wsUrl']) ? { wsUrl: c['wsUrl'] } : {}),
      ...(typeof c['httpUrl'] === 'string' && /^https?:\/\//.test(c['httpUrl']) ? { httpUrl: c['httpUrl'] } : {}),
    };
  } catch {
    return {};
  }
}

/** Where the page talks to: the WebSocket base (`…/sync`) and the HTTP API's origin. */
export interface Endpoints {
  wsUrl: string;
  httpUrl: string;
}

let endpointsOnce: Promise<Endpoints> | null = null;

/** The page's own origin, or what /config.json says (fetched once). */
export function loadEndpoints(location: Location = window.location): Promise<Endpoints> {
  endpointsOnce ??= fetchRemoteConfig().then((remote) => {
    const wsOrigin = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
    // config.json's wsUrl is an origin (infra names the API Gateway stage `sync`), as is the page's.
    const wsUrl = `${(remote.wsUrl ?? wsOrigin).replace(/\/+$/, '')}/sync`;
    return { wsUrl, httpUrl: (remote.httpUrl ?? location.origin).replace(/\/+$/, '') };
  });
  return endpointsOnce;
}

/** Checks a token for a board (shape, board, expiry) and makes the page's config from it. */
export function configFor(boardId: string, token: string, endpoints: Endpoints): { ok: true; config: AppConfig } | { ok: false; problem: ConfigProblem } {
  const info = decodeToken(token);
  if (!info) return { ok: false, problem: 'bad-token' };
  if (info.boardId && info.boardId !== boardId) return { ok: false, problem: 'other-board' };
  if (info.expiresAt !== null && info.expiresAt * 1000 <= Date.now()) return { ok: false, problem: 'expired' };
  return { ok: true, config: { boardId, token, ...endpoints, tokenInfo: info } };
}

export async function loadConfig(location: Location = window.location): Promise<{ ok: true; config: AppConfig } | { ok: false; problem: ConfigProblem }> {
  const q = new URLSearchParams(location.search);
  const boardId = q.get('board') ?? '';
  const token = q.get('token') ?? '';
  if (!boardId || !token) return { ok: false, problem: 'no-link' };
  // Refuse a bad link before waiting for /config.json.
  const early = configFor(boardId, token, { wsUrl: '', httpUrl: '' });
  if (!early.ok) return early;
  return configFor(boardId, token, await loadEndpoints(location));
}
