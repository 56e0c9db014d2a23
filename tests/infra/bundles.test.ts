/**
 * The handler bundles the stacks deploy: built with esbuild, ESM, @aws-sdk/* left to the Lambda
 * runtime, and importable by plain Node (each in a fresh process, as a cold start would).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
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
  it('exists as one minified ES module that leaves @aws-sdk/* to the runtime', () => {
    const { file, bytes } = bundles[name];
    expect(existsSync(file)).toBe(true);
    expect(file.endsWith(join(name, 'index.mjs'))).toBe(true);
    expect(bytes).toBeGreaterThan(10_000);
    const source = readFileSync(file, 'utf8');
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
