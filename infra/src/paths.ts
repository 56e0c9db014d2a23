/**
 * Where things are on disk. SST v2 bundles `sst.config.ts` (and this file with it) into a
 * `.sst.config.<time>.mjs` at the repo root, and `cdk` runs `infra/src/cdk-app.ts` from
 * `infra/`, so `import.meta.url` cannot be trusted: walk up from the working directory to the
 * folder that holds the handler sources instead.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MARKER = join('packages', 'functions', 'src', 'ws', 'lambda.ts');

export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, MARKER))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the repository root (a folder holding ${MARKER}) above ${start}.`);
    }
    dir = parent;
  }
}

/** The Vite build of the web app, `web/dist` by default. */
export function defaultWebDistPath(rootDir: string = findRepoRoot()): string {
  return join(rootDir, 'web', 'dist');
}
