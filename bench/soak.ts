/**
 * `npm run soak`: does the server's memory level off? The local stack (embedded DynamoDB on disk,
 * as `npm start` runs it) in this process; 50 y-websocket clients in a child process. Each
 * minute is one round: the clients connect, each edits once a second and shows its presence for
 * 30 s, then they leave and the server idles 30 s; after a forced GC it prints RSS and heap.
 *   SOAK_MINUTES (default 10)   rounds
 *   SOAK_CLIENTS (default 50)   clients per round
 *   SOAK_ACTIVE_SECONDS (30)    seconds of editing per round
 *   SOAK_HEAP_SNAPSHOT=<file>   write a heap snapshot after the last round
 * Run with the GC exposed (the npm script does): node --expose-gc --import tsx bench/soak.ts
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 50);
const ACTIVE_S = Number(process.env.SOAK_ACTIVE_SECONDS ?? 30);
const BOARD = 'soak';
const MB = 1024 * 1024;

process.setMaxListeners(0);

async function server(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { startLocalStack } = await import('@binhan/local');
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-soak-'));
  const stack = await startLocalStack({ port: 0, dataDir, syncTokenSecret: 'soak-secret-soak-secret-soak-secret-!!' });
  const token = stack.tokens.issue({ boardId: BOARD, right: 'edit', ttlSeconds: 24 * 3600, subject: 'soak' });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.warn('[soak] run with --expose-gc (npm run soak) for heap figures after GC');
  const sample = (label: string) => {
    gc?.();
    const m = process.memoryUsage();
    const line = `[soak] ${label}: rss ${(m.rss / MB).toFixed(0)} MB, heap used ${(m.heapUsed / MB).toFixed(0)} MB, external ${(m.external / MB).toFixed(0)} MB, array buffers ${(m.arrayBuffers / MB).toFixed(0)} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
    console.log(line);
    return m;
  };
  const samples = [sample('start')];
  const child = fork(fileURLToPath(import.meta.url), ['clients'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const ask = (msg: object) =>
    new Promise<{ edits: number; received: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { edits: number; received: number }));
      child.once('exit', (code) => reject(new Error(`clients exited ${code}`)));
      child.send(msg);
    });
  try {
    for (let minute = 1; minute <= MINUTES; minute++) {
      const started = Date.now();
      const round = await ask({ url: `${stack.gateway.wsUrl}/sync`, token, board: BOARD, clients: CLIENTS, seconds: ACTIVE_S });
      await stack.gateway.idle();
      const idle = 60_000 - (Date.now() - started);
      if (idle > 0) await new Promise((r) => setTimeout(r, idle));
      samples.push(sample(`minute ${minute} (${round.edits} edits, ${round.received} updates received by clients)`));
    }
    if (process.env.SOAK_HEAP_SNAPSHOT) {
      const { writeHeapSnapshot } = await import('node:v8');
      console.log(`[soak] heap snapshot: ${writeHeapSnapshot(process.env.SOAK_HEAP_SNAPSHOT)}`);
    }
  } finally {
    child.kill();
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const rss = samples.map((m) => Math.round(m.rss / MB));
  console.log(`[soak] RSS by minute (MB): ${rss.join(' → ')}; heap after GC (MB): ${samples.map((m) => Math.round(m.heapUsed / MB)).join(' → ')}`);
}

async function clients(): Promise<void> {
  const Y = await import('yjs');
  const { WebsocketProvider } = await import('y-websocket');
  const WebSocket = (await import('ws')).default;
  const { createWebSocketPolyfill } = await import('@binhan/transport');
  const { addBenchCard } = await import('./board-edits');
  process.on('message', (m: { url: string; token: string; board: string; clients: number; seconds: number }) => {
    void (async () => {
      const Polyfill = createWebSocketPolyfill({ WebSocket: WebSocket as never });
      const docs = Array.from({ length: m.clients }, () => new Y.Doc());
      let received = 0;
      const providers = docs.map((doc, i) => {
        doc.on('update', (_u: Uint8Array, origin: unknown) => {
          if (origin !== null && typeof origin === 'object') received++;
        });
        const p = new WebsocketProvider(m.url, m.board, doc, { params: { token: m.token }, WebSocketPolyfill: Polyfill as never, disableBc: true });
        p.awareness.setLocalStateField('user', { name: `Cán bộ ${i + 1}` });
        return p;
      });
      let edits = 0;
      const until = Date.now() + m.seconds * 1000;
      while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, 1000));
        docs.forEach((doc, i) => {
          if (!providers[i]!.synced) return;
          // A staff edit: the title of the client's own card (a valid board value; the
          // card is created on the client's first edit of the soak).
          const cardId = `soak-${i}`;
          const card = doc.getMap('cards').get(cardId);
          if (card instanceof Y.Map) {
            doc.transact(() => {
              card.set('title', `Thẻ ${i} – lần ${edits}`);
              card.set('updatedAt', new Date().toISOString());
            });
          } else addBenchCard(doc, cardId, `Thẻ ${i}`);
          edits++;
        });
      }
      await new Promise((r) => setTimeout(r, 1000));
      for (const p of providers) p.destroy();
      for (const d of docs) d.destroy();
      process.send?.({ edits, received });
    })();
  });
}

if (process.argv[2] === 'clients') void clients();
else
  server().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
