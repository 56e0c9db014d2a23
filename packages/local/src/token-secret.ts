/** The sync token secret for local runs: SYNC_TOKEN_SECRET, else one kept in the data folder. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV, readEnv } from '@binhan/functions';

export function localTokenSecret(dataDir: string | undefined): string {
  const fromEnv = readEnv(ENV.syncTokenSecret);
  if (fromEnv) return fromEnv;
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'sync-token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
