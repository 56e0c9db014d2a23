/**
 * Lambda bundle sizes and cold import times.
 *
 * For each handler: the esbuild bundle unminified (`bytes`) and minified as deployed: what a
 * cold start loads (`minifiedBytes`: the entry and the chunks it imports statically) and the
 * whole folder (`minifiedTotalBytes`, with chunks loaded on first use such as the exports), and the time a fresh Node process takes to `import()` the minified bundle
 * (`importMs`, median of several processes). `@aws-sdk/*` is external, as on Lambda, so
 * `importMs` includes loading the SDK clients from node_modules (the runtime's copy on Lambda);
 * `ownImportMs` is the same with the SDK already loaded, i.e. the bundle's own cost.
 * Targets: minified under 250 KB, import under 100 ms.
 *
 *   npx tsx bench/lambda-bundles.ts [--runs 7] [--json]
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleHandler, HANDLER_NAMES, type HandlerName } from '../infra/src/bundle';
import { findRepoRoot } from '../infra/src/paths';

const run = promisify(execFile);

export const TARGETS = { minifiedBytes: 250 * 1024, importMs: 100 } as const;

export interface LambdaBundleMeasure {
  name: HandlerName;
  /** Unminified bundle size. */
  bytes: number;
  /** Minified, what a cold start loads: the entry and the chunks it imports statically. */
  minifiedBytes: number;
  /** Minified, the whole deployed folder (lazily loaded chunks included). */
  minifiedTotalBytes: number;
  /** Median cold `import()` of the minified bundle in a fresh Node process, SDK included. */
  importMs: number;
  /** Median `import()` of the bundle with `@aws-sdk/*` already loaded. */
  ownImportMs: number;
  /** External modules the bundle imports (`@aws-sdk/*`, provided by the Lambda runtime). */
  externals: string[];
  meetsTargets: boolean;
}

export interface MeasureOptions {
  /** Fresh processes per handler; the median is reported. Default 5. */
  runs?: number;
  /** Where the bundles go; must be inside the repo so `@aws-sdk/*` resolves. Default infra/.build/bench. */
  outDir?: string;
}

const IMPORT_PROBE = `
const [file, preload] = process.argv.slice(1);
const externals = JSON.parse(preload);
const t0 = performance.now();
for (const name of externals) await import(name);
const t1 = performance.now();
const mod = await import(file);
const t2 = performance.now();
if (typeof mod.handler !== 'function') throw new Error('no handler export in ' + file);
process.stdout.write(JSON.stringify({ externalsMs: t1 - t0, ownMs: t2 - t1 }));
`;

async function importOnce(file: string, preload: string[]): Promise<{ externalsMs: number; ownMs: number }> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_PROBE, pathToFileURL(file).href, JSON.stringify(preload)],
    { cwd: join(file, '..') },
  );
  return JSON.parse(stdout) as { externalsMs: number; ownMs: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The text of every .mjs file of a bundle folder (entry and chunks). */
function bundleSources(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

function externalImports(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/from\s*["'](@aws-sdk\/[^"']+)["']/g)) found.add(match[1]!);
  return [...found].sort();
}

export async function measureLambdaBundles(options: MeasureOptions = {}): Promise<LambdaBundleMeasure[]> {
  const rootDir = findRepoRoot();
  const outDir = options.outDir ?? join(rootDir, 'infra', '.build', 'bench');
  const runs = Math.max(1, options.runs ?? 5);
  const results: LambdaBundleMeasure[] = [];
  for (const name of HANDLER_NAMES) {
    const plain = bundleHandler(name, { rootDir, outDir: join(outDir, 'plain'), minify: false });
    const minified = bundleHandler(name, { rootDir, outDir: join(outDir, 'min'), minify: true });
    const externals = externalImports(bundleSources(minified.dir));
    const cold: number[] = [];
    const own: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c = await importOnce(minified.file, []);
      cold.push(c.ownMs);
      const o = await importOnce(minified.file, externals);
      own.push(o.ownMs);
    }
    const importMs = round(median(cold));
    results.push({
      name,
      bytes: plain.totalBytes,
      minifiedBytes: minified.startupBytes,
      minifiedTotalBytes: minified.totalBytes,
      importMs,
      ownImportMs: round(median(own)),
      externals,
      meetsTargets: minified.startupBytes < TARGETS.minifiedBytes && importMs < TARGETS.importMs,
    });
  }
  if (!options.outDir) rmSync(join(outDir, 'plain'), { recursive: true, force: true });
  return results;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 7;
  const results = await measureLambdaBundles({ runs });
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  console.log(`Lambda bundles (esbuild, esm, node20, @aws-sdk/* external; median of ${runs} fresh processes)`);
  console.log('handler  bundle      minified (start / all)   import (cold)  import (SDK preloaded)  targets');
  for (const r of results) {
    console.log(
      [
        r.name.padEnd(8),
        kb(r.bytes).padEnd(11),
        `${kb(r.minifiedBytes)} / ${kb(r.minifiedTotalBytes)}`.padEnd(24),
        `${r.importMs} ms`.padEnd(14),
        `${r.ownImportMs} ms`.padEnd(23),
        r.meetsTargets ? 'ok' : `MISSED (< ${kb(TARGETS.minifiedBytes)}, < ${TARGETS.importMs} ms)`,
      ].join(' '),
    );
  }
}

const invokedDirectly = process.argv[1] !== undefined && /lambda-bundles\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
