/** A BenchClient over the stock y-websocket WebsocketProvider. */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { BenchClient } from './types';

export function providerClient(provider: WebsocketProvider, doc: Y.Doc): BenchClient {
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  let destroyed = false;
  return {
    doc,
    isSynced: () => provider.synced,
    whenSynced: () => synced,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}
