/**
 * Bundles the Lambda handlers with esbuild's JS API into `infra/.build/<name>/index.mjs` (and
 * `chunks/` for code a handler loads on first use), so the CDK app only has to point
 * `lambda.Code.fromAsset` at a folder. No Docker, no NodejsFunction: synthesis is fast,
 * deterministic and offline, and the bench measures the very files deployed.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRepoRoot } from './paths';

/** The handler entries, relative to the repository root. Each exports `handler`. */
export const HANDLER_ENTRIES = {
  ws: 'packages/functions/src/ws/lambda.ts',
  http: 'packages/functions/src/http/lambda.ts',
} as const;

export type HandlerName = keyof typeof HANDLER_ENTRIES;
export const HANDLER_NAMES = Object.keys(HANDLER_ENTRIES) as HandlerName[];

/** The file name inside each bundle folder; the Lambda handler string is `index.handler`. */
export const BUNDLE_FILE = 'index.mjs';

export interface BundleOptions {
  /** Repository root; found from the working directory when omitted. */
  rootDir?: string;
  /** Folder that receives `<name>/index.mjs`; default `<root>/infra/.build`. */
  outDir?: string;
  /** Default true (what is deployed). The bench also builds unminified to report both sizes. */
  minify?: boolean;
  /**
   * Leave `@aws-sdk/*` out of the bundle, to the copy the Node.js Lambda runtime ships (default
   * false: the SDK is bundled). Bundled, the SDK is the exact version of package-lock.json that
   * the tests ran, and a cold start reads a few minified files instead of resolving and reading
   * hundreds of modules — about half the cold import time on this machine, as the SDK team
   * found on Lambda (aws/aws-cdk#25492). `npm run bench` (Lambda bundles) builds both ways and
   * shows the two side by side.
   */
  externalAwsSdk?: boolean;
}

export interface HandlerBundle {
  name: HandlerName;
  /** Folder to hand to `lambda.Code.fromAsset`. */
  dir: string;
  /** The entry (`index.mjs`). */
  file: string;
  /** Size of the entry file alone. */
  bytes: number;
  /** What a cold start loads: the entry and the chunks it imports statically. */
  startupBytes: number;
  /** Those files (absolute paths), the entry first. */
  startupFiles: string[];
  /** The source files (relative to the repository root) whose code is in those files. */
  startupInputs: string[];
  /** Everything in the folder, lazily loaded chunks (e.g. the export generators) included. */
  totalBytes: number;
}

/**
 * ESM output of CommonJS dependencies may call `require` for Node built-ins; give them one.
 * The alias keeps it from clashing with any `require` the bundle declares.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __binhanCreateRequire } from 'node:module'; const require = __binhanCreateRequire(import.meta.url);";

export function esbuildOptions(name: HandlerName, options: BundleOptions = {}): BuildOptions {
  const rootDir = options.rootDir ?? findRepoRoot();
  const outDir = options.outDir ?? join(rootDir, 'infra', '.build');
  return {
    absWorkingDir: rootDir,
    entryPoints: { index: join(rootDir, HANDLER_ENTRIES[name]) },
    outdir: join(outDir, name),
    outExtension: { '.js': '.mjs' },
    // Code behind a dynamic `import()` goes into chunks loaded on first use, not at cold start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: options.minify ?? true,
    // Prefer ES module builds of dependencies (hono, yjs, lib0 ship both).
    mainFields: ['module', 'main'],
    conditions: ['module', 'import'],
    external: options.externalAwsSdk === true ? ['@aws-sdk/*'] : [],
    banner: { js: ESM_REQUIRE_BANNER },
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
    // Same input, same bytes: no timestamps or absolute paths end up in the output. The
    // metafile (not written) tells which chunks the entry loads at start.
    metafile: true,
  };
}

/** Bundles one handler (synchronously, so a construct can call it while being built). */
export function bundleHandler(name: HandlerName, options: BundleOptions = {}): HandlerBundle {
  const build = esbuildOptions(name, options);
  const dir = build.outdir!;
  const file = join(dir, BUNDLE_FILE);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { metafile } = buildSync(build);
  const outputs = metafile!.outputs;
  const sizeOf = (output: string) => outputs[output]!.bytes;
  // The handler's own output: chunks behind a dynamic import() carry an entryPoint too.
  const entryPoint = HANDLER_ENTRIES[name];
  const entry = Object.keys(outputs).find((output) => outputs[output]!.entryPoint === entryPoint);
  if (!entry) throw new Error(`esbuild gave no output for ${entryPoint}; check HANDLER_ENTRIES in infra/src/bundle.ts.`);
  // The entry and, transitively, every chunk it imports with a static `import`.
  const atStartup = new Set<string>();
  const visit = (output: string) => {
    if (atStartup.has(output)) return;
    atStartup.add(output);
    for (const imported of outputs[output]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  return {
    name,
    dir,
    file,
    bytes: statSync(file).size,
    startupBytes: [...atStartup].reduce((sum, output) => sum + sizeOf(output), 0),
    startupFiles: [...atStartup].map((output) => resolve(build.absWorkingDir!, output)),
    startupInputs: [...new Set([...atStartup].flatMap((output) => Object.keys(outputs[output]!.inputs)))].sort(),
    totalBytes: Object.keys(outputs).reduce((sum, output) => sum + sizeOf(output), 0),
  };
}

/** Bundles every handler; returns them by name. */
export function bundleHandlers(options: BundleOptions = {}): Record<HandlerName, HandlerBundle> {
  return {
    ws: bundleHandler('ws', options),
    http: bundleHandler('http', options),
  };
}
