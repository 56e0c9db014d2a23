/**
 * The reference server (@y/websocket-server, in memory) in a process of its own, for the
 * like-for-like comparison with the `npm start` configuration (reference-own-process.ts): tells
 * its parent the port; 'close' stops it.
 */
import { startReferenceSocketServer } from './reference';
import { recordWireTimes } from '../wire-split';

if (process.env.BENCH_WIRE_SPLIT) recordWireTimes(process.env.BENCH_WIRE_SPLIT, 'server', 'reference-own-process');

async function main(): Promise<void> {
  const server = await startReferenceSocketServer();
  process.send?.({ type: 'ready', port: server.port });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'close') void server.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
