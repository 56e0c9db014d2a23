/**
 * Helpers for the access tests: a local stack with an administrator, real HTTP calls with a
 * cookie, accounts with roles, and a digest of every item in the table (to prove that a refused
 * request changed nothing).
 */
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { bootstrapAdmin, hashPassword, Memberships, type Role, type Table } from '@binhan/functions';
import type { LocalStack, LocalStackOptions } from '@binhan/local';
import { openRawSocket } from './raw-socket';
import { startTestStack } from './sync-clients';

export const ADMIN = { email: 'quantri@binhan.gov.vn', password: 'mat-khau-quan-tri-2025' };
export const PASSWORD = 'mat-khau-can-bo-2025';

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (with Content-Type: application/json unless headers say otherwise). */
  raw?: string;
  cookie?: string | null;
  token?: string | null;
  headers?: Record<string, string>;
}

export function api(stack: LocalStack) {
  const base = stack.gateway.httpUrl;
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<Res> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined || options.raw !== undefined || !['GET', 'HEAD'].includes(method)) headers['content-type'] = 'application/json';
    if (options.cookie) headers.cookie = options.cookie;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    Object.assign(headers, options.headers ?? {});
    const res = await fetch(base + path, {
      method,
      headers,
      body: options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}
export type Call = ReturnType<typeof api>;

export async function login(call: Call, email: string, password: string): Promise<string> {
  const res = await call('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  if (!cookie.startsWith('binhan_session=')) throw new Error('no session cookie');
  return cookie;
}

export async function startAccessStack(options: LocalStackOptions = {}): Promise<{ stack: LocalStack; call: Call; adminCookie: string; adminId: string }> {
  const stack = await startTestStack({ throttle: { perEmail: 5, perIp: 1000, windowSeconds: 900 }, ...options });
  const admin = await bootstrapAdmin(stack.accounts, { ...ADMIN, allowGenerated: false });
  const call = api(stack);
  return { stack, call, adminCookie: await login(call, ADMIN.email, ADMIN.password), adminId: admin!.userId };
}

/** An active account (made directly in storage) with the given roles, signed in. */
export async function makeUser(
  stack: LocalStack,
  call: Call,
  email: string,
  roles: Record<string, Role> = {},
): Promise<{ userId: string; cookie: string }> {
  const { account } = await stack.accounts.create({ email, name: email.split('@')[0]!, status: 'active', passwordHash: await hashPassword(PASSWORD), createdBy: 'test' });
  const memberships = new Memberships(stack.table);
  for (const [boardId, role] of Object.entries(roles)) await memberships.put(boardId, account.userId, role, 'test');
  return { userId: account.userId, cookie: await login(call, email, PASSWORD) };
}

/** Every item of the table (full paginated Scan), hashed. Binary attributes as base64. */
export async function tableDigest(table: Table): Promise<{ digest: string; count: number }> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) {
      items.push(JSON.stringify(item, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  items.sort();
  return { digest: createHash('sha256').update(items.join('\n')).digest('hex'), count: items.length };
}

/** Every item of the table as text (to search it for secrets). */
export async function tableText(table: Table): Promise<string> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(JSON.stringify(item, (_k, v: unknown) => (v instanceof Uint8Array ? '<bytes>' : v)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.join('\n');
}

export async function createBoard(call: Call, cookie: string, title = 'Hội nghị điển hình tiên tiến'): Promise<string> {
  const res = await call('POST', '/api/boards', { cookie, body: { title, template: 'plan-27' } });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${res.text}`);
  return res.json.board.boardId as string;
}

/** A raw socket on /sync (no y-websocket): what the gateway answers, frames and close. */
export type { RawSocket } from './raw-socket';

export async function openRawSync(stack: LocalStack, boardId: string, token: string) {
  return openRawSocket(stack, `board=${encodeURIComponent(boardId)}&token=${encodeURIComponent(token)}`);
}
