/**
 * Lambda bundle sizes and cold import times.
 *
 * For each handler, two builds: as deployed (minified, the AWS SDK bundled: see
 * infra/src/bundle.ts) and with `@aws-sdk/*` left to the Lambda runtime's copy (here resolved
 * from node_modules). Reported: the unminified size of our own code (`bytes`); what a cold start
 * loads, minified — the entry and the chunks it imports statically — as deployed
 * (`minifiedBytes`) and without the SDK (`ownMinifiedBytes`, our own code and libraries); the
 * whole deployed folder (`minifiedTotalBytes`, chunks loaded on first use included); and the
 * time a fresh Node process takes to `import()` the entry (median of several processes): as
 * deployed (`importMs`), with the SDK from node_modules (`runtimeSdkImportMs`), and without
 * the SDK's cost at all, the SDK preloaded (`ownImportMs`).
 * Targets: our own code under 250 KB at start, the deployed cold import under 100 ms.
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

export const TARGETS = { ownMinifiedBytes: 250 * 1024, importMs: 100 } as const;

export interface LambdaBundleMeasure {
  name: HandlerName;
  /** Unminified, SDK left out: our own code and libraries. */
  bytes: number;
  /** Minified as deployed (SDK bundled), what a cold start loads. */
  minifiedBytes: number;
  /** Minified, SDK left out, what a cold start loads: our own code and libraries. */
  ownMinifiedBytes: number;
  /** Minified as deployed, the whole folder (lazily loaded chunks included). */
  minifiedTotalBytes: number;
  /** Median cold `import()` of the deployed bundle in a fresh Node process. */
  importMs: number;
  /** The same for the build that leaves `@aws-sdk/*` to the runtime (resolved from node_modules). */
  runtimeSdkImportMs: number;
  /** Median `import()` of the SDK-less build with `@aws-sdk/*` already loaded: our own cost. */
  ownImportMs: number;
  /** The `@aws-sdk/*` modules the handler uses (imported by the SDK-less build). */
  sdkModules: string[];
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

export function externalImports(source: string): string[] {
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
    const plain = bundleHandler(name, { rootDir, outDir: join(outDir, 'plain'), minify: false, externalAwsSdk: true });
    const deployed = bundleHandler(name, { rootDir, outDir: join(outDir, 'min'), minify: true });
    const sdkless = bundleHandler(name, { rootDir, outDir: join(outDir, 'min-runtime-sdk'), minify: true, externalAwsSdk: true });
    const sdkModules = externalImports(bundleSources(sdkless.dir));
    const cold: number[] = [];
    const runtimeSdk: number[] = [];
    const own: number[] = [];
    // Interleaved, so a busy moment of the machine weighs on all three alike.
    for (let i = 0; i < runs; i++) {
      cold.push((await importOnce(deployed.file, [])).ownMs);
      runtimeSdk.push((await importOnce(sdkless.file, [])).ownMs);
      own.push((await importOnce(sdkless.file, sdkModules)).ownMs);
    }
    const importMs = round(median(cold));
    results.push({
      name,
      bytes: plain.totalBytes,
      minifiedBytes: deployed.startupBytes,
      ownMinifiedBytes: sdkless.startupBytes,
      minifiedTotalBytes: deployed.totalBytes,
      importMs,
      runtimeSdkImportMs: round(median(runtimeSdk)),
      ownImportMs: round(median(own)),
      sdkModules,
      meetsTargets: sdkless.startupBytes < TARGETS.ownMinifiedBytes && importMs < TARGETS.importMs,
    });
  }
  if (!options.outDir) for (const build of ['plain', 'min-runtime-sdk']) rmSync(join(outDir, build), { recursive: true, force: true });
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
  console.log(`Lambda bundles (esbuild, esm, node20, minified; median of ${runs} fresh processes)`);
  console.log('handler  own code at start  deployed at start / all   cold import: deployed  SDK from runtime  SDK preloaded  targets');
  for (const r of results) {
    console.log(
      [
        r.name.padEnd(8),
        kb(r.ownMinifiedBytes).padEnd(18),
        `${kb(r.minifiedBytes)} / ${kb(r.minifiedTotalBytes)}`.padEnd(25),
        `${r.importMs} ms`.padEnd(22),
        `${r.runtimeSdkImportMs} ms`.padEnd(17),
        `${r.ownImportMs} ms`.padEnd(14),
        r.meetsTargets ? 'ok' : `MISSED (own code < ${kb(TARGETS.ownMinifiedBytes)}, deployed import < ${TARGETS.importMs} ms)`,
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
