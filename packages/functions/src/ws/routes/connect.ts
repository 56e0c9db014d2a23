/**
 * $connect: verifies the sync token (and that it is not revoked and the board not archived),
 * then records the connection. Nothing may be posted to the connection until $connect returns:
 * the greeting waits for the client's first message (its sync step 1).
 */
import { REVOKED_MESSAGE } from '../../sockets/cut-off';
import { BOARD_ID } from '../../storage/table-schema';
import type { WsDeps } from '../deps';
import type { WebSocketEvent, WebSocketResult } from '../events';

export async function onConnect(deps: WsDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  const query = event.queryStringParameters ?? {};
  const boardId = query.board;
  if (boardId !== undefined && !BOARD_ID.test(boardId)) {
    return { statusCode: 400, body: 'Invalid board id: letters, digits, "-" and "_" only, at most 64.' };
  }
  const check = deps.tokens.verify(query.token, boardId);
  if (!check.ok) return { statusCode: check.status, body: check.reason };
  // Revoked links and tokens, and archived boards, are refused before anything is written.
  const [revoked, entry] = await Promise.all([
    deps.access.revocations.check(check.claims),
    deps.access.registry.get(check.claims.boardId),
  ]);
  if (revoked) return { statusCode: 403, body: REVOKED_MESSAGE };
  if (entry?.archived) return { statusCode: 403, body: 'Bảng này đã được lưu trữ / This board is archived: it can no longer be opened live.' };
  await deps.connections.put({
    connectionId: event.requestContext.connectionId,
    boardId: check.claims.boardId,
    right: check.claims.right,
    role: check.claims.role,
    subject: check.claims.subject,
    tokenId: check.claims.tokenId,
    ...declaredNameOf(query.name),
    tokenExpiresAt: check.claims.expiresAt,
  });
  return { statusCode: 200 };
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
