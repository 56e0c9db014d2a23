/** $disconnect: forgets the connection and releases its presence (relayed to the board's others). */
import { dropConnection } from '../broadcast';
import { recordFromEvent } from '../connection-identity';
import type { WsDeps } from '../deps';
import type { WebSocketEvent, WebSocketResult } from '../events';

export async function onDisconnect(deps: WsDeps, event: WebSocketEvent): Promise<WebSocketResult> {
  // Also a record whose token has expired meanwhile: its presence must still be released.
  const fromEvent = recordFromEvent(event, (deps.clock ?? Date.now)(), { includeExpired: true });
  const record = fromEvent !== null && fromEvent !== 'expired' ? fromEvent : await deps.connections.get(event.requestContext.connectionId, { includeExpired: true });
  if (record) await dropConnection(deps, deps.posterFor(event), record);
  return { statusCode: 200 };
}
