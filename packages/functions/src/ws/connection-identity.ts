/**
 * Who a connection is, as its $connect check found it: the board, the right and role, the token
 * and its expiry, the name the person typed. It never changes while the connection lives.
 *
 * On AWS the $connect route's Lambda authorizer (routes/authorize.ts) returns it as the
 * authorizer context; API Gateway then hands that context, unchanged, to EVERY later event of the
 * connection (`requestContext.authorizer` of $default and $disconnect). So a message knows who
 * sent it without reading the connection record: the edit's hot path makes no connection read
 * (issue 12). Clients cannot write this context: API Gateway (or the local gateway, which plays
 * it) builds the event. The record is still written, for the board's audience and for cut-offs.
 *
 * API Gateway passes context values as strings, numbers or booleans; everything here is a
 * string, and read back through a schema: a context that does not parse is ignored (the handler
 * then reads the record, as it does for events without one).
 */
import * as z from 'zod/mini';
import { RIGHTS, ROLES, type Right, type Role } from '@binhan/core';
import type { ConnectionRecord } from '../storage/connections';
import type { WebSocketEvent } from './events';

export interface ConnectionIdentity {
  boardId: string;
  right: Right;
  role: Role;
  subject: string;
  tokenId: string;
  /** When the token expires, epoch seconds. */
  tokenExpiresAt: number;
  declaredName?: string;
}

/** The authorizer context: string values only (what API Gateway keeps as given). */
export type AuthorizerContext = Record<string, string>;

const contextSchema = z.object({
  boardId: z.string().check(z.minLength(1)),
  right: z.enum(RIGHTS),
  role: z.enum(ROLES),
  subject: z.string(),
  tokenId: z.string().check(z.minLength(1)),
  tokenExpiresAt: z.string().check(z.regex(/^\d{1,12}$/)),
  declaredName: z.optional(z.string()),
});

export function authorizerContextOf(identity: ConnectionIdentity): AuthorizerContext {
  return {
    boardId: identity.boardId,
    right: identity.right,
    role: identity.role,
    subject: identity.subject,
    tokenId: identity.tokenId,
    tokenExpiresAt: String(identity.tokenExpiresAt),
    ...(identity.declaredName ? { declaredName: identity.declaredName } : {}),
  };
}

/**
 * Identities already read, by the context object they were read from. The local gateway hands
 * every event of a connection the same context object, so a message reads it once per
 * connection, not once per edit (issue 12); on AWS each event is parsed JSON, a new object, and
 * is read afresh. Weak: a context goes with its connection. Frozen: what was read cannot change.
 */
const readIdentities = new WeakMap<object, ConnectionIdentity | null>();

/** The identity the authorizer gave this connection, or null when the event carries none. */
export function identityOf(event: WebSocketEvent): ConnectionIdentity | null {
  const given = event.requestContext.authorizer;
  if (!given || typeof given !== 'object') return null;
  const frozen = Object.isFrozen(given);
  if (frozen && readIdentities.has(given)) return readIdentities.get(given) ?? null;
  const identity = readIdentity(given);
  if (frozen) readIdentities.set(given, identity);
  return identity;
}

function readIdentity(given: Record<string, unknown>): ConnectionIdentity | null {
  // Numbers and booleans are read as API Gateway may stringify them.
  const strings = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v]));
  const parsed = contextSchema.safeParse(strings);
  if (!parsed.success) return null;
  const c = parsed.data;
  return Object.freeze({
    boardId: c.boardId,
    right: c.right,
    role: c.role,
    subject: c.subject,
    tokenId: c.tokenId,
    tokenExpiresAt: Number(c.tokenExpiresAt),
    ...(c.declaredName ? { declaredName: c.declaredName } : {}),
  });
}

/**
 * The connection's record from the identity its event carries: null when it carries none, and
 * 'expired' once the token has expired (the connection is then treated as gone, as an expired
 * record is).
 */
export function recordFromEvent(event: WebSocketEvent, now: number, options: { includeExpired?: boolean } = {}): ConnectionRecord | 'expired' | null {
  const identity = identityOf(event);
  if (!identity) return null;
  if (!options.includeExpired && identity.tokenExpiresAt * 1000 <= now) return 'expired';
  return Object.assign(recordFields(event.requestContext.connectionId, identity), { connectedAt: event.requestContext.connectedAt ?? 0 });
}

/**
 * The connection record's fields an identity gives (all but when it connected). Built field by
 * field, without object spreads: recordFromEvent runs for every message (issue 12).
 */
export function recordFields(connectionId: string, identity: ConnectionIdentity): Omit<ConnectionRecord, 'connectedAt'> {
  const fields: Omit<ConnectionRecord, 'connectedAt'> = {
    connectionId,
    boardId: identity.boardId,
    right: identity.right,
    role: identity.role,
    subject: identity.subject,
    tokenId: identity.tokenId,
  };
  if (identity.declaredName) fields.declaredName = identity.declaredName;
  return fields;
}
