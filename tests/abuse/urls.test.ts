/**
 * Malformed and escaping URLs against the local gateway serving a web root (issue 10, item 8):
 * what was tried is a path that is not valid percent-encoding, and paths that climb out of the
 * root into a sibling folder whose name starts like the root's (`dist-x` next to `dist`).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insideRoot, type LocalStack } from '@binhan/local';
import { startTestStack } from '../helpers/sync-clients';

/** A raw GET (no URL normalisation by a client library). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('URLs', () => {
  let stack: LocalStack;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binhan-urls-'));
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'dist-x'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>Bình An</title>');
    writeFileSync(join(dir, 'dist', 'app.js'), 'console.log("app")');
    writeFileSync(join(dir, 'dist-x', 'secret.txt'), 'BI-MAT');
    writeFileSync(join(dir, 'secret.txt'), 'BI-MAT-2');
    stack = await startTestStack({ webRoot: join(dir, 'dist') });
    port = Number(new URL(stack.gateway.httpUrl).port);
  });
  afterAll(async () => {
    await stack.close();
  });

  it('GET /%E0%A4%A (not valid percent-encoded UTF-8) answers 400, and the server goes on serving', async () => {
    const bad = await rawGet(port, '/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/Malformed URL/);
    expect((await rawGet(port, '/api/%E0%A4%A')).status).toBeLessThan(500);
    const ok = await rawGet(port, '/app.js');
    expect(ok).toEqual({ status: 200, body: 'console.log("app")' });
  });

  it('a path climbing into the sibling folder dist-x, or above the root, gets the app page, never the file', async () => {
    for (const path of ['/..%2Fdist-x/secret.txt', '/%2E%2E%2Fdist-x%2Fsecret.txt', '/..%2Fsecret.txt', '/..%5Cdist-x%5Csecret.txt']) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(200);
      expect(res.body, path).not.toContain('BI-MAT');
      expect(res.body, path).toContain('<title>Bình An</title>');
    }
  });

  it('compares resolved paths: dist-x is not inside dist', () => {
    expect(insideRoot('/srv/web/dist', '/srv/web/dist-x/secret.txt')).toBe(false);
    expect(insideRoot('/srv/web/dist', '/srv/web/dist/../dist-x/a')).toBe(false);
    expect(insideRoot('/srv/web/dist', '/srv/web/dist/assets/a.js')).toBe(true);
    expect(insideRoot('/srv/web/dist', '/srv/web/dist')).toBe(true);
    expect(insideRoot('/srv/web/dist', '/srv/web/dist/..foo')).toBe(true);
  });
});
