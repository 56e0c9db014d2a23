/**
 * `npm start`: the product on one machine. Starts the embedded DynamoDB (data under DATA_DIR,
 * default ./.data), the local gateway on PORT (default 8787), creates the seeded board on
 * first start and prints its edit and view links.
 */
import { resolve } from 'node:path';
import { startLocalStack } from './local-stack';
import { SEED_BOARD_ID, seedBoard } from './seed';

const LINK_DAYS = 30;

async function main(): Promise<void> {
  // The pinned AWS SDK supports Node 20; its notice about later SDK versions is not for users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = resolve(process.env.DATA_DIR ?? '.data');
  const port = Number(process.env.PORT ?? 8787);
  const stack = await startLocalStack({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    webRoot: resolve('web/dist'),
  });
  const now = new Date();
  const seed = seedBoard(now);
  const created = await stack.boards.create(
    { boardId: SEED_BOARD_ID, title: seed.title, createdAt: now.toISOString(), createdBy: 'seed' },
    seed.update,
  );
  const ttlSeconds = LINK_DAYS * 24 * 3600;
  const edit = stack.tokens.issue({ boardId: SEED_BOARD_ID, right: 'edit', ttlSeconds, subject: 'local-staff' });
  const view = stack.tokens.issue({ boardId: SEED_BOARD_ID, right: 'view', ttlSeconds, subject: 'district' });
  const base = stack.gateway.httpUrl;
  const link = (token: string) => `${base}/?board=${SEED_BOARD_ID}&token=${token}`;
  console.log(
    [
      '',
      `Bình An planning board is running on ${base}  (data: ${dataDir})`,
      created
        ? `Created board "${SEED_BOARD_ID}" from plan 27/KH-UBND: ${seed.board.units.length} units, ${seed.board.cards.length} cards, ${seed.board.agenda.length} agenda items.`
        : `Board "${SEED_BOARD_ID}" loaded from disk.`,
      '',
      `  Edit link (staff, valid ${LINK_DAYS} days):`,
      `    ${link(edit)}`,
      `  View link (read-only, district):`,
      `    ${link(view)}`,
      `  Sync endpoint (y-websocket through the base64 polyfill): ${stack.gateway.wsUrl}/sync?board=${SEED_BOARD_ID}&token=…`,
      '',
      'Press Ctrl+C to stop; the board stays on disk.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
