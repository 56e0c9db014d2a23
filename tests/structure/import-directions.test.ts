/**
 * Imports between the folders of a package go one way only (ARCHITECTURE.md, "Allowed import
 * directions"). Every relative import (`import … from`, `export … from`, `import type`, and
 * dynamic `import()`) of every .ts/.tsx file is read; the folder it points into must be one
 * the importing folder may use. A file directly in src/ (index.ts, plan-27.ts, …) is an entry
 * and may import anything. Package-to-package imports (@binhan/…) are not checked here.
 *
 * packages/core and packages/functions have a table: a new folder must be added to it (and to
 * ARCHITECTURE.md) before it may be imported. web/src is checked for cycles only (its folders
 * change often): no folder or top-level file may import one that imports it back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');

/** Each folder → the folders it may import (besides itself). */
const CORE: Record<string, string[]> = {
  'util/': [],
  'money/': ['util/'],
  'i18n/': ['util/'],
  'validation/': ['i18n/', 'util/'],
  'awards/': ['validation/', 'i18n/', 'util/'],
  'board/': ['awards/', 'validation/', 'i18n/', 'util/'],
  'policy/': ['board/', 'awards/', 'validation/', 'i18n/', 'util/'],
  'plan/': ['board/', 'awards/', 'validation/', 'i18n/', 'util/'],
  'metrics/': ['plan/', 'board/', 'awards/', 'validation/', 'i18n/', 'money/', 'util/'],
};
const FUNCTIONS: Record<string, string[]> = {
  'util/': [],
  'storage/': ['util/'],
  'auth/': ['util/'],
  'exports/': ['util/'],
  'plan-files/': ['util/'],
  'sockets/': ['storage/', 'util/'],
  'config/': ['auth/', 'storage/', 'util/'],
  'ws/': ['sockets/', 'config/', 'auth/', 'storage/', 'util/'],
  'http/': ['sockets/', 'config/', 'auth/', 'storage/', 'exports/', 'plan-files/', 'util/'],
};
/**
 * web/src back-arrows known today, type-only: app-context.ts names the types of what it holds
 * (board/actions.ts's Actions, presence/presence.ts's Presence). Left to the web folders' owners.
 */
const WEB_KNOWN_CYCLE_EDGES = new Set(['app-context → board/', 'app-context → presence/']);

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** "board/" for anything under src/board, "index" for src/index.ts. */
function nodeOf(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel.includes('/')) return `${rel.split('/')[0]}/`;
  try {
    if (statSync(path).isDirectory()) return `${rel}/`;
  } catch {
    /* a file named without its extension */
  }
  return rel.replace(/\.(tsx?|js|css)$/, '');
}

/** Every import from one node of `root` into another: "from → to" with the file and the line. */
function edges(root: string): { from: string; to: string; where: string }[] {
  const out: { from: string; to: string; where: string }[] = [];
  for (const file of sourceFiles(root)) {
    const from = nodeOf(root, file);
    const text = readFileSync(file, 'utf8');
    // On the whole text: an import list may span lines ("import {\n a,\n b\n} from '…'").
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), (m[1] ?? m[2])!);
      if (relative(root, target).startsWith('..')) continue;
      const to = nodeOf(root, target);
      const line = text.slice(0, m.index + m[0].length).split('\n').length;
      if (to !== from) out.push({ from, to, where: `${relative(REPO, file)}:${line}` });
    }
  }
  return out;
}

function backArrows(root: string, allowed: Record<string, string[]>): string[] {
  return edges(root)
    .filter((e) => e.from.endsWith('/'))
    .filter((e) => !(allowed[e.from] ?? []).includes(e.to))
    .map((e) => (allowed[e.from] ? `${e.where}: ${e.from} may not import ${e.to}` : `${e.where}: folder ${e.from} is not in the table (add it here and to ARCHITECTURE.md)`));
}

/** Nodes on a cycle (strongly connected components of more than one node), Tarjan's algorithm. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('imports between folders go one way', () => {
  it('packages/core/src: util ← i18n ← validation ← awards ← board ← policy, plan ← metrics (money beside util)', () => {
    expect(backArrows(join(REPO, 'packages/core/src'), CORE)).toEqual([]);
  });

  it('packages/functions/src: util ← storage, auth ← sockets, config ← ws, http (http also exports/, plan-files/)', () => {
    expect(backArrows(join(REPO, 'packages/functions/src'), FUNCTIONS)).toEqual([]);
  });

  it('web/src: no folder or top-level file imports one that imports it back', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges(join(REPO, 'web/src'))) {
      if (WEB_KNOWN_CYCLE_EDGES.has(`${e.from} → ${e.to}`)) continue;
      if (!graph.has(e.from)) graph.set(e.from, new Set());
      graph.get(e.from)!.add(e.to);
    }
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a back-arrow when there is one (the check itself, on a table that forbids board/ → awards/)', () => {
    const strict = { ...CORE, 'board/': CORE['board/']!.filter((f) => f !== 'awards/') };
    expect(backArrows(join(REPO, 'packages/core/src'), strict).some((line) => line.includes('board/ may not import awards/'))).toBe(true);
    const withCycle = new Map([['a/', new Set(['b/'])], ['b/', new Set(['a/'])], ['c', new Set(['a/'])]]);
    expect(cycles(withCycle)).toEqual([['a/', 'b/']]);
  });
});
