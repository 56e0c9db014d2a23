/**
 * y-websocket sends every awareness change to the server, other people's too: each time a
 * colleague's presence is renewed (every 15 s), every open page sends it back. The server drops
 * those echoes (it keeps only newer states), but with 20 or more people on a board the echoes
 * of one renewal wave pass the per-connection awareness rate (20 at once, 10 a second), and the
 * page showed the server's "Too many awareness messages" beside the connection status.
 * So the page sends only its own presence: all of a change it made itself, and of a change
 * that came from the server, only its own entry — which is how y-protocols re-announces a
 * presence someone else removed (a reconnect), and that must still go out.
 */
import type { WebsocketProvider } from 'y-websocket';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

type AwarenessSender = (change: AwarenessChange, origin: unknown) => void;

export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const awareness = provider.awareness;
  const send = (provider as unknown as { _awarenessUpdateHandler?: AwarenessSender })._awarenessUpdateHandler;
  if (!send) return; // another y-websocket: leave it as it is
  awareness.off('update', send);
  const ownOnly = (change: AwarenessChange, origin: unknown): void => {
    if (origin !== provider) return send(change, origin); // made here: as y-websocket would
    const own = (ids: number[]) => ids.filter((id) => id === awareness.clientID);
    const mine: AwarenessChange = { added: own(change.added), updated: own(change.updated), removed: own(change.removed) };
    if (mine.added.length + mine.updated.length + mine.removed.length > 0) send(mine, origin);
  };
  awareness.on('update', ownOnly);
  // y-websocket's destroy() removes its own handler; remove this one with it.
  const destroy = provider.destroy.bind(provider);
  provider.destroy = () => {
    awareness.off('update', ownOnly);
    destroy();
  };
}
