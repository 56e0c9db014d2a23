/**
 * `npm start`: the product on one machine. Starts the embedded DynamoDB (data under DATA_DIR,
 * default ./.data), the local gateway on PORT (default 8787), makes sure an administrator
 * account exists (ADMIN_EMAIL + ADMIN_PASSWORD, else admin@binh-an.local with a random
 * password printed once), creates the seeded board on first start and prints its edit link and
 * its read-only share link (both revocable by the administrator like any other link).
 */
import { resolve } from 'node:path';
import { bootstrapAdmin, ENV, readEnv, setEnvDefault, ShareLinks } from '@binhan/functions';
import { claimDataDir } from './data-dir-lock';
import { startLocalStack } from './local-stack';
import { SEED_BOARD_ID, seedBoard } from './seed';
import { EDIT_LINK_DAYS, startLinks } from './start-links';

async function main(): Promise<void> {
  // The pinned AWS SDK supports Node 20; its notice about later SDK versions is not for users.
  setEnvDefault(ENV.sdkNodeWarningDisabled, 'true');
  const dataDir = resolve(readEnv(ENV.dataDir) ?? '.data');
  const port = Number(readEnv(ENV.port) ?? 8787);
  const releaseDataDir = claimDataDir(dataDir); // one npm start per data folder (data-dir-lock.ts)
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
  // Both printed links are links of the board: listed and revocable under the board's links.
  const printed = await startLinks(stack.table, stack.tokens, SEED_BOARD_ID);
  const edit = printed.edit.token;
  const view = printed.view.token;
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
      `  Edit link (staff, valid ${EDIT_LINK_DAYS} days; listed and revocable in the board's links):`,
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
    releaseDataDir();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
