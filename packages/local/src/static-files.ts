/** Serves the built web app (web/dist) with an index.html fallback for client-side routes. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** True when `file` (resolved) is `root` or below it: compares resolved paths, so `web/dist-x` is not inside `web/dist`. */
export function insideRoot(root: string, file: string): boolean {
  const rel = relative(resolve(root), resolve(file));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export function staticFiles(root: string): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const base = resolve(root);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const index = join(base, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web app is not built yet: run `npm run build -w web` (npm start does this for you).');
      return true;
    }
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    } catch {
      // e.g. `/%E0%A4%A`: not valid percent-encoded UTF-8.
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Malformed URL: the path is not valid percent-encoded UTF-8.');
      return true;
    }
    const file = resolve(base, `.${path.startsWith('/') ? '' : '/'}${path}`);
    const target = insideRoot(base, file) && existsSync(file) && statSync(file).isFile() ? file : index;
    const ext = extname(target);
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': target === index ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end(), true;
    createReadStream(target).pipe(res);
    return true;
  };
}
