/**
 * `npm start`: the product on one machine. Starts the embedded DynamoDB (data under DATA_DIR,
 * default ./.data), the local gateway on PORT (default 8787), makes sure an administrator
 * account exists (ADMIN_EMAIL + ADMIN_PASSWORD, else admin@binh-an.local with a random
 * password printed once), creates the seeded board on first start and prints its edit link and
 * its read-only share link (revocable by the administrator like any other).
 */
import { resolve } from 'node:path';
import { bootstrapAdmin, ENV, readEnv, setEnvDefault, ShareLinks } from '@binhan/functions';
import { startLocalStack } from './local-stack';
import { SEED_BOARD_ID, seedBoard } from './seed';

const LINK_DAYS = 30;

async function main(): Promise<void> {
  // The pinned AWS SDK supports Node 20; its notice about later SDK versions is not for users.
  setEnvDefault(ENV.sdkNodeWarningDisabled, 'true');
  const dataDir = resolve(readEnv(ENV.dataDir) ?? '.data');
  const port = Number(readEnv(ENV.port) ?? 8787);
  const stack = await startLocalStack({
    port,
    host: readEnv(ENV.host) ?? '127.0.0.1',
    dataDir,
    webRoot: resolve('web/dist'),
  });
  const adminEmail = readEnv(ENV.adminEmail);
  const adminPassword = readEnv(ENV.adminPassword);
  const admin = await bootstrapAdmin(stack.accounts, {
    ...(adminEmail ? { email: adminEmail } : {}),
    ...(adminPassword ? { password: adminPassword } : {}),
    allowGenerated: true,
  });
  if (!admin) throw new Error('Could not create the administrator account.');
  const now = new Date();
  const seed = seedBoard(now);
  const meta = { boardId: SEED_BOARD_ID, title: seed.title, createdAt: now.toISOString(), createdBy: admin.userId };
  const created = await stack.registry.create(meta, seed.update);
  if (!created) {
    // A data folder from before the board list existed: list the board (keeps an existing entry).
    const existing = await stack.boards.get(SEED_BOARD_ID);
    await stack.registry.register(existing ?? meta);
  }
  const ttlSeconds = LINK_DAYS * 24 * 3600;
  const edit = stack.tokens.issue({ boardId: SEED_BOARD_ID, right: 'edit', ttlSeconds, subject: admin.userId });
  // The district's link is a share link: listed and revocable under /api/boards/binh-an-27/links.
  const links = new ShareLinks(stack.table);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const shared =
    (await links.list(SEED_BOARD_ID)).find((l) => l.createdBy === 'npm-start' && !l.revokedAt && l.tokenExpiresAt > nowSeconds + 24 * 3600) ??
    (await links.create({ boardId: SEED_BOARD_ID, label: 'Huyện (liên kết xem) / District (view link)', expiresAt: null, createdBy: 'npm-start' }));
  const view = stack.tokens.issue({
    boardId: SEED_BOARD_ID, role: 'viewer', ttlSeconds: 0, expiresAt: shared.tokenExpiresAt, tokenId: shared.linkId, subject: `link:${shared.linkId}`,
  });
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
      `  View link (read-only share link for the district; revoke it from the board's links):`,
      `    ${link(view)}`,
      admin.generatedPassword
        ? `  Administrator account created: ${admin.email}  password: ${admin.generatedPassword}\n    (shown only this once: sign in at ${base}/ and change it)`
        : `  Administrator: ${admin.email}${admin.created ? ' (created from ADMIN_EMAIL / ADMIN_PASSWORD)' : ''}`,
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
