/**
 * The handler bundles the stacks deploy: built with esbuild, ESM, @aws-sdk/* left to the Lambda
 * runtime, and importable by plain Node (each in a fresh process, as a cold start would).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLambdaBundles } from '../../bench/lambda-bundles';
import { bundleHandlers, type HandlerBundle, type HandlerName } from '../../infra/src/bundle';
import { findRepoRoot } from '../../infra/src/paths';

const run = promisify(execFile);
const rootDir = findRepoRoot();
const outDir = join(rootDir, 'infra', '.build', `test-bundles-${process.pid}`);
let bundles: Record<HandlerName, HandlerBundle>;

/** Runs `script` as an ES module in a fresh Node with the bundle's URL as argv[1]. */
async function inNode(file: string, script: string, env: Record<string, string> = {}): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(file).href], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: join(file, '..'),
  });
  return JSON.parse(stdout) as unknown;
}

beforeAll(() => {
  bundles = bundleHandlers({ rootDir, outDir });
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe.each(['ws', 'http'] as const)('%s bundle', (name) => {
  it('exists as minified ES modules (entry + chunks) that leave @aws-sdk/* to the runtime', () => {
    const { file, bytes, dir } = bundles[name];
    expect(existsSync(file)).toBe(true);
    expect(file.endsWith(join(name, 'index.mjs'))).toBe(true);
    expect(bytes).toBeGreaterThan(10_000);
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(source).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
    expect(source).not.toContain('@smithy/smithy-client'); // the SDK's internals are not bundled
    expect(source.length / source.split('\n').length).toBeGreaterThan(2_000); // minified: long lines
  });

  it('imports without error under Node and exports handler', async () => {
    const result = await inNode(
      bundles[name].file,
      "const m = await import(process.argv[1]); process.stdout.write(JSON.stringify({ handler: typeof m.handler, keys: Object.keys(m) }));",
    );
    expect(result).toEqual({ handler: 'function', keys: ['handler'] });
  });
});

describe('what a cold start of the HTTP function loads', () => {
  it('leaves the export generators (XLSX, CSV, HTML, board JSON) to a chunk loaded on first export', async () => {
    const http = bundles.http;
    expect(http.startupBytes).toBeLessThan(http.totalBytes);
    const chunks = readdirSync(join(http.dir, 'chunks')).filter((f) => f.endsWith('.mjs'));
    const lazy = chunks.map((f) => join(http.dir, 'chunks', f)).filter((f) => readFileSync(f, 'utf8').includes('sharedStrings.xml'));
    expect(lazy).toHaveLength(1); // the XLSX writer lives in one chunk ...
    expect(readFileSync(http.file, 'utf8')).not.toContain('sharedStrings.xml'); // ... not in the entry
    // ... and that chunk loads under plain Node and exposes the generators.
    const result = await inNode(
      lazy[0]!,
      "const m = await import(process.argv[1]); process.stdout.write(JSON.stringify(Object.values(m).filter((v) => typeof v === 'function').length));",
    );
    expect(result).toBeGreaterThan(5);
  });

  it('leaves the plan reader (importer, dictionaries) to a chunk loaded by the plan-file routes', () => {
    const http = bundles.http;
    expect(http.startupFiles[0]).toBe(http.file);
    const atStart = http.startupFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    const everything = readdirSync(http.dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(http.dir, f), 'utf8'))
      .join('\n');
    // A report code only the importer writes: in the folder, not in what a cold start loads.
    expect(everything).toContain('background-section');
    expect(atStart).not.toContain('background-section');
    expect(atStart).toContain('yjs'); // the board's model (Yjs' own warning text) is loaded at start
  });
});

describe('bundled handlers answer without AWS', () => {
  const env = { TABLE_NAME: 'binhan-test-board', SYNC_TOKEN_SECRET: 'test-secret-test-secret-test-secret', AWS_REGION: 'ap-southeast-1' };

  it('http: GET /api/health (payload format 2.0) is 200 {"ok":true}', async () => {
    const event = {
      version: '2.0',
      routeKey: 'ANY /api/{proxy+}',
      rawPath: '/api/health',
      rawQueryString: '',
      headers: { host: 'example.execute-api.ap-southeast-1.amazonaws.com' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'example',
        domainName: 'example.execute-api.ap-southeast-1.amazonaws.com',
        domainPrefix: 'example',
        http: { method: 'GET', path: '/api/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        requestId: 'r1',
        routeKey: 'ANY /api/{proxy+}',
        stage: '$default',
        time: '01/Jan/2026:00:00:00 +0000',
        timeEpoch: 1767225600000,
      },
      isBase64Encoded: false,
    };
    const result = (await inNode(
      bundles.http.file,
      `const m = await import(process.argv[1]); const r = await m.handler(${JSON.stringify(event)}); process.stdout.write(JSON.stringify(r));`,
      env,
    )) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true });
  });

  it('ws: $connect without a token is refused before any storage call', async () => {
    const event = {
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        connectionId: 'abc=',
        domainName: 'example.execute-api.ap-southeast-1.amazonaws.com',
        stage: 'sync',
        apiId: 'example',
        requestId: 'r1',
        connectedAt: 1767225600000,
      },
      queryStringParameters: { board: 'ke-hoach-27' },
      isBase64Encoded: false,
    };
    const result = (await inNode(
      bundles.ws.file,
      `const m = await import(process.argv[1]); const r = await m.handler(${JSON.stringify(event)}); process.stdout.write(JSON.stringify(r));`,
      env,
    )) as { statusCode: number };
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
  });
});

describe('bench/lambda-bundles.ts', () => {
  it('reports size, minified size and cold import time for each handler', async () => {
    const results = await measureLambdaBundles({ runs: 1, outDir: join(outDir, 'bench') });
    expect(results.map((r) => r.name)).toEqual(['ws', 'http']);
    for (const r of results) {
      expect(r.bytes).toBeGreaterThan(r.minifiedBytes);
      expect(r.minifiedBytes).toBeGreaterThan(0);
      expect(r.importMs).toBeGreaterThan(0);
      expect(r.ownImportMs).toBeGreaterThan(0);
      expect(r.externals).toContain('@aws-sdk/client-dynamodb');
      expect(typeof r.meetsTargets).toBe('boolean');
    }
  });
});
