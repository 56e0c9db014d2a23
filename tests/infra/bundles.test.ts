/**
 * The handler bundles the stacks deploy: built with esbuild, ESM, the AWS SDK inside at the
 * lockfile's version, and importable by plain Node (each in a fresh process, as a cold start
 * would) with no node_modules to fall back on.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalImports, measureLambdaBundles, TARGETS } from '../../bench/lambda-bundles';
import { bundleHandler, bundleHandlers, type HandlerBundle, type HandlerName } from '../../infra/src/bundle';
import { findRepoRoot } from '../../infra/src/paths';
import { Accounts, ensureTable, openTable, type Table } from '@binhan/functions';
import { startEmbeddedDynamo } from '@binhan/local';

const run = promisify(execFile);
const rootDir = findRepoRoot();
const sdkVersion = (JSON.parse(readFileSync(join(rootDir, 'node_modules', '@aws-sdk', 'client-dynamodb', 'package.json'), 'utf8')) as { version: string }).version;
const outDir = join(rootDir, 'infra', '.build', `test-bundles-${process.pid}`);
let bundles: Record<HandlerName, HandlerBundle>;

/** Runs `script` as an ES module in a fresh Node with the bundle's URL as argv[1]. */
async function inNode(file: string, script: string, env: Record<string, string> = {}): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(file).href], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: join(file, '..'),
  });
  // The script writes its JSON last; what the handler logs (console.log) comes before it.
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as unknown;
}

beforeAll(() => {
  bundles = bundleHandlers({ rootDir, outDir });
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe.each(['ws', 'http'] as const)('%s bundle', (name) => {
  it('exists as minified ES modules (entry + chunks) that carry the AWS SDK of package-lock.json', () => {
    const { file, bytes, dir } = bundles[name];
    expect(existsSync(file)).toBe(true);
    expect(file.endsWith(join(name, 'index.mjs'))).toBe(true);
    expect(bytes).toBeGreaterThan(10_000);
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    // Nothing is left to the runtime's copy of the SDK: no import of @aws-sdk/* at run time ...
    expect(externalImports(source)).toEqual([]);
    // ... the client inside is the version the tests ran (its user agent names it).
    expect(source).toContain(`"${sdkVersion}"`);
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
  });

  it('leaves Yjs and the board model to a chunk loaded by the first route that reads a board', () => {
    const http = bundles.http;
    // What tried to creep in before: the core barrel (it re-exports the board model), the audit's
    // change readers, the dashboard's due dates, storage's merge of updates.
    const yjsAtStart = http.startupInputs.filter((f) => f.includes('node_modules/yjs/'));
    const boardModelAtStart = http.startupInputs.filter((f) => /packages\/core\/src\/(index\.ts|board\/(doc|cards|snapshot|init)\.ts)$/.test(f));
    expect(yjsAtStart, 'Yjs is loaded at the http cold start: import from @binhan/core/yjs-free, and reach the board through http/board-doc-loader.ts').toEqual([]);
    expect(boardModelAtStart).toEqual([]);
    const everything = readdirSync(http.dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(http.dir, f), 'utf8'))
      .join('\n');
    // Yjs' own warning text: in the folder (a chunk), not in what a cold start loads.
    expect(everything).toContain('Yjs was already imported');
    expect(http.startupFiles.map((f) => readFileSync(f, 'utf8')).join('\n')).not.toContain('Yjs was already imported');
  });

  it('keeps our own code at start under the 250 KB the bench targets (SDK left to the runtime)', () => {
    const own = bundleHandler('http', { rootDir, outDir: join(outDir, 'own'), externalAwsSdk: true });
    // 250.1 KB before Yjs left the start (bench/lambda-bundles.ts measures the same build).
    expect(own.startupBytes).toBeLessThan(TARGETS.ownMinifiedBytes);
  });
});

/** An API Gateway HTTP API event (payload format 2.0). */
function httpEvent(method: string, path: string, body?: string) {
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'example.execute-api.ap-southeast-1.amazonaws.com', ...(body ? { 'content-type': 'application/json' } : {}) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: 'example.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'r1',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1767225600000,
    },
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  };
}

describe('bundled handlers answer without AWS', () => {
  // Each bundle folder copied out of the repository, as Lambda unpacks it: no node_modules
  // above it to resolve a missing import from.
  let lambdaRoot: string;
  const deployed = (name: HandlerName) => join(lambdaRoot, name, 'index.mjs');
  beforeAll(() => {
    lambdaRoot = mkdtempSync(join(tmpdir(), 'binhan-lambda-'));
    for (const name of ['ws', 'http'] as const) cpSync(bundles[name].dir, join(lambdaRoot, name), { recursive: true });
  });
  afterAll(() => rmSync(lambdaRoot, { recursive: true, force: true }));

  const env = { TABLE_NAME: 'binhan-test-board', SYNC_TOKEN_SECRET: 'test-secret-test-secret-test-secret', AWS_REGION: 'ap-southeast-1' };

  it('http: GET /api/health (payload format 2.0) is 200 {"ok":true}', async () => {
    const event = httpEvent('GET', '/api/health');
    const result = (await inNode(
      deployed('http'),
      `const m = await import(process.argv[1]); const r = await m.handler(${JSON.stringify(event)}); process.stdout.write(JSON.stringify(r));`,
      env,
    )) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ ok: true });
  });

  describe('against the embedded engine, through the SDK inside the bundle', () => {
    const admin = { email: 'admin@binhan.test', password: 'mat-khau-dai-du-12' };
    let engine: Awaited<ReturnType<typeof startEmbeddedDynamo>>;
    const tables: Table[] = [];
    beforeAll(async () => {
      engine = await startEmbeddedDynamo();
    });
    afterAll(async () => {
      for (const table of tables) table.raw.destroy();
      await engine.close();
    });
    /** A fresh table, and the environment that points the handler at it with `admin` to create at cold start. */
    async function handlerEnv(name: string): Promise<{ table: Table; env: Record<string, string> }> {
      const table = openTable({ tableName: `bundle-${name}-${process.pid}`, endpoint: engine.endpoint });
      tables.push(table);
      await ensureTable(table);
      return { table, env: { ...env, TABLE_NAME: table.name, DYNAMODB_ENDPOINT: engine.endpoint, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } };
    }
    const loginEvent = () => httpEvent('POST', '/api/auth/login', JSON.stringify(admin));

    it('http: the first administrator is created at cold start and signs in', async () => {
      const { table, env: handlerEnvironment } = await handlerEnv('login');
      const result = (await inNode(
        deployed('http'),
        `const m = await import(process.argv[1]); const r = await m.handler(${JSON.stringify(loginEvent())}); process.stdout.write(JSON.stringify(r));`,
        handlerEnvironment,
      )) as { statusCode: number; body: string; cookies?: string[] };
      expect(result.statusCode).toBe(200);
      expect((JSON.parse(result.body) as { user: { email: string } }).user.email).toBe(admin.email);
      expect(result.cookies?.join(';') ?? '').toMatch(/HttpOnly/i);
      // What storage holds, read by the repository's SDK: the account the bundle created.
      const account = await new Accounts(table).findByEmail(admin.email);
      expect(account?.status).toBe('active');
    });

    it('http: the plan reader loads from its own chunk — an administrator previews plan 27 pasted as text', async () => {
      const { env: handlerEnvironment } = await handlerEnv('plan');
      const form = new FormData();
      form.set('text', readFileSync(new URL('../../../shared/plan/ke-hoach-27-KH-UBND.txt', import.meta.url), 'utf8'));
      const multipart = new Response(form);
      const preview = {
        ...httpEvent('POST', '/api/boards/preview'),
        body: Buffer.from(await multipart.arrayBuffer()).toString('base64'),
        isBase64Encoded: true,
        headers: {
          host: 'example.execute-api.ap-southeast-1.amazonaws.com',
          origin: 'https://example.execute-api.ap-southeast-1.amazonaws.com',
          'content-type': multipart.headers.get('content-type')!,
          'x-binhan-upload': '1',
        },
      };
      // One cold process: sign in, then the preview with the session cookie.
      const script = `
        const m = await import(process.argv[1]);
        const login = await m.handler(${JSON.stringify(loginEvent())});
        const cookie = login.cookies.map((c) => c.split(';')[0]).join('; ');
        const preview = ${JSON.stringify(preview)};
        preview.headers.cookie = cookie;
        const r = await m.handler(preview);
        process.stdout.write(JSON.stringify({ login: login.statusCode, status: r.statusCode, body: JSON.parse(r.body) }));`;
      const result = (await inNode(deployed('http'), script, handlerEnvironment)) as {
        login: number;
        status: number;
        body: { preview: { units: { nameVi: string }[]; tasks: unknown[]; facts: { planNumber: string } } };
      };
      expect(result.login).toBe(200);
      expect(result.status).toBe(200);
      expect(result.body.preview.facts.planNumber).toBe('27/KH-UBND');
      expect(result.body.preview.units).toHaveLength(5);
      expect(result.body.preview.tasks.length).toBeGreaterThan(5);
    });
    it('http: a cold process creates plan 27\'s board and reads it back through the board chunk', async () => {
      const { env: handlerEnvironment } = await handlerEnv('board');
      const script = `
        const m = await import(process.argv[1]);
        const login = await m.handler(${JSON.stringify(loginEvent())});
        const cookie = login.cookies.map((c) => c.split(';')[0]).join('; ');
        const create = ${JSON.stringify(httpEvent('POST', '/api/boards', JSON.stringify({ title: 'Hội nghị Bình An', template: 'plan-27' })))};
        create.headers.cookie = cookie;
        const created = await m.handler(create);
        const boardId = JSON.parse(created.body).board.boardId;
        const read = ${JSON.stringify(httpEvent('GET', '/api/boards/BOARD'))};
        read.rawPath = read.requestContext.http.path = '/api/boards/' + boardId;
        read.headers.cookie = cookie;
        const board = await m.handler(read);
        process.stdout.write(JSON.stringify({ created: created.statusCode, status: board.statusCode, body: JSON.parse(board.body) }));`;
      const result = (await inNode(deployed('http'), script, handlerEnvironment)) as {
        created: number;
        status: number;
        body: { title: string; board: { cards: unknown[]; units: { nameVi: string }[]; facts: { planNumber: string } } };
      };
      expect(result.created).toBe(201);
      expect(result.status).toBe(200);
      expect(result.body.title).toBe('Hội nghị Bình An');
      expect(result.body.board.facts.planNumber).toBe('27/KH-UBND');
      expect(result.body.board.units).toHaveLength(5);
      expect(result.body.board.cards).toHaveLength(18);
    });
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
      deployed('ws'),
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
      expect(r.bytes).toBeGreaterThan(r.ownMinifiedBytes);
      expect(r.minifiedBytes).toBeGreaterThan(r.ownMinifiedBytes); // deployed carries the SDK
      expect(r.minifiedTotalBytes).toBeGreaterThanOrEqual(r.minifiedBytes);
      expect(r.importMs).toBeGreaterThan(0);
      expect(r.runtimeSdkImportMs).toBeGreaterThan(0);
      expect(r.ownImportMs).toBeGreaterThan(0);
      expect(r.sdkModules).toContain('@aws-sdk/client-dynamodb');
      expect(typeof r.meetsTargets).toBe('boolean');
    }
  });
});
