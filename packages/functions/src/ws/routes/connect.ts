/**
 * $connect: records the connection of a holder the authorizer allowed (routes/authorize.ts; its
 * context is on the event). An event without that context is checked here the same way (token,
 * revocation, archive). Nothing may be posted to the connection until $connect returns: the
 * greeting waits for the client's first message (its sync step 1).
 */
import { identityOf, recordFields } from '../connection-identity';
import type { WsDeps } from '../deps';
import type { WebSocketEvent, WebSocketResult } from '../events';
import { checkConnect } from './authorize';

export async function onConnect(deps: WsDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  let identity = identityOf(event);
  if (!identity) {
    const check = await checkConnect(deps, event.queryStringParameters ?? {});
    if (!check.ok) return { statusCode: check.status, body: check.reason };
    identity = check.identity;
  }
  await deps.connections.put({ ...recordFields(event.requestContext.connectionId, identity), tokenExpiresAt: identity.tokenExpiresAt });
  return { statusCode: 200 };
}
