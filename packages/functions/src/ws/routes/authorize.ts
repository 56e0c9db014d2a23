/**
 * Who may open a connection, decided once at $connect: the sync token verified, not revoked,
 * its board not archived. On AWS this runs as the $connect route's Lambda authorizer, and what
 * it found becomes the connection's authorizer context (ws/connection-identity.ts), carried by
 * every later event; the local gateway calls it the same way before $connect. A $connect event
 * without that context (a direct call, an older deployment) is checked by the $connect route
 * itself with the same function.
 */
import { REVOKED_MESSAGE } from '../../sockets/cut-off';
import { BOARD_ID } from '../../storage/table-schema';
import { authorizerContextOf, type AuthorizerContext, type ConnectionIdentity } from '../connection-identity';
import type { WsDeps } from '../deps';
import type { WebSocketAuthorizerEvent, WebSocketAuthorizerResult } from '../events';

export type ConnectCheck = { ok: true; identity: ConnectionIdentity } | { ok: false; status: 400 | 401 | 403; reason: string };

/** The decision an authorizer hands its gateway: allowed with a context, or refused and why. */
export type AuthorizerDecision =
  | { allow: true; principalId: string; context: AuthorizerContext }
  | { allow: false; status: 400 | 401 | 403; reason: string };

export async function checkConnect(deps: WsDeps, query: Record<string, string | undefined>): Promise<ConnectCheck> {
  const boardId = query.board;
  if (boardId !== undefined && !BOARD_ID.test(boardId)) {
    return { ok: false, status: 400, reason: 'Invalid board id: letters, digits, "-" and "_" only, at most 64.' };
  }
  const check = deps.tokens.verify(query.token, boardId);
  if (!check.ok) return { ok: false, status: check.status, reason: check.reason };
  // Revoked links and tokens, and archived boards, are refused before anything is written.
  const [revoked, entry] = await Promise.all([
    deps.access.revocations.check(check.claims),
    deps.access.registry.get(check.claims.boardId),
  ]);
  if (revoked) return { ok: false, status: 403, reason: REVOKED_MESSAGE };
  if (entry?.archived) return { ok: false, status: 403, reason: 'Bảng này đã được lưu trữ / This board is archived: it can no longer be opened live.' };
  const c = check.claims;
  return {
    ok: true,
    identity: {
      boardId: c.boardId,
      right: c.right,
      role: c.role,
      subject: c.subject,
      tokenId: c.tokenId,
      tokenExpiresAt: c.expiresAt,
      ...declaredNameOf(query.name),
    },
  };
}

/** The authorizer's decision for a $connect request (what the local gateway calls). */
export async function authorizeConnect(deps: WsDeps, event: Pick<WebSocketAuthorizerEvent, 'queryStringParameters'>): Promise<AuthorizerDecision> {
  const check = await checkConnect(deps, event.queryStringParameters ?? {});
  if (!check.ok) return { allow: false, status: check.status, reason: check.reason };
  return { allow: true, principalId: check.identity.tokenId, context: authorizerContextOf(check.identity) };
}

/**
 * The Lambda authorizer's answer, in API Gateway's terms: an Allow policy with the context, a
 * Deny policy (403) for a refused token, or the 'Unauthorized' error (401) for a missing or
 * malformed one. API Gateway gives the client only the status, not our reason.
 */
export async function onAuthorize(deps: WsDeps, event: WebSocketAuthorizerEvent): Promise<WebSocketAuthorizerResult> {
  const decision = await authorizeConnect(deps, event);
  if (!decision.allow && decision.status === 401) throw new Error('Unauthorized');
  const policy = (effect: 'Allow' | 'Deny') => ({
    Version: '2012-10-17' as const,
    Statement: [{ Action: 'execute-api:Invoke' as const, Effect: effect, Resource: event.methodArn }],
  });
  if (!decision.allow) return { principalId: 'refused', policyDocument: policy('Deny') };
  return { principalId: decision.principalId, policyDocument: policy('Allow'), context: decision.context };
}

/** Longest self-declared name kept (the presence dialog allows 60). */
export const DECLARED_NAME_MAX = 60;

/**
 * The name the page's presence dialog sent (`name` in the query): trimmed, control characters
 * removed, at most DECLARED_NAME_MAX characters; nothing when empty. Never refused: it is only
 * what the person says about themselves, shown as such in the audit.
 */
export function declaredNameOf(raw: string | undefined): { declaredName?: string } {
  if (typeof raw !== 'string') return {};
  // eslint-disable-next-line no-control-regex
  const name = [...raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim()].slice(0, DECLARED_NAME_MAX).join('');
  return name ? { declaredName: name } : {};
}
