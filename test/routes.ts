/**
 * Every way into the app, read from the file system: pages (app/**\/page.tsx), route handlers
 * (app/**\/route.ts and their exported HTTP methods) and server actions (exported functions of files
 * that start with 'use server'). The guard tests (test/routes-guarded.test.ts, e2e/auth-routes.spec.ts)
 * walk this list, so a new route cannot escape them; the roles each one expects are in
 * test/route-expectations.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const APP = path.join(ROOT, 'app');

export interface PageRoute {
  kind: 'page';
  /** URL path, route groups removed: "/settings/sources". */
  path: string;
  file: string;
}
export interface ApiRoute {
  kind: 'api';
  path: string;
  file: string;
  methods: string[];
}
export interface ServerAction {
  kind: 'action';
  /** "app/(dashboard)/settings/sources/actions.ts#pullNow" */
  id: string;
  file: string;
  name: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

/** "app/(dashboard)/settings/sources/page.tsx" → "/settings/sources" (route groups are not in URLs). */
export function urlPath(file: string): string {
  const segs = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segs.join('/')}`;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Exported names of a module, from its source (export function / const / async function). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+|var\s+)([A-Za-z_$][\w$]*)/gm))
    names.add(m[1]);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm))
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  return [...names];
}

/** True when the file's first statement is the 'use server' directive (comments and blank lines before it allowed). */
export function isServerActionFile(source: string): boolean {
  const stripped = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '');
  return /^['"]use server['"]/.test(stripped);
}

export function listRoutes(): { pages: PageRoute[]; apis: ApiRoute[]; actions: ServerAction[] } {
  const files = walk(APP);
  const pages = files
    .filter((f) => /[/\\]page\.(tsx|ts|jsx|js)$/.test(f))
    .map((f) => ({ kind: 'page' as const, path: urlPath(f), file: rel(f) }));
  const apis = files
    .filter((f) => /[/\\]route\.(ts|js)$/.test(f))
    .map((f) => ({
      kind: 'api' as const,
      path: urlPath(f),
      file: rel(f),
      methods: exportedNames(readFileSync(f, 'utf8')).filter((n) => HTTP_METHODS.includes(n)),
    }));
  const actions = [...files, ...walk(path.join(ROOT, 'lib'))]
    .filter((f) => /\.(ts|tsx)$/.test(f) && isServerActionFile(readFileSync(f, 'utf8')))
    .flatMap((f) =>
      exportedNames(readFileSync(f, 'utf8')).map((name) => ({ kind: 'action' as const, id: `${rel(f)}#${name}`, file: rel(f), name })),
    );
  const byPath = <T extends { path: string }>(a: T, b: T) => a.path.localeCompare(b.path);
  return { pages: pages.sort(byPath), apis: apis.sort(byPath), actions: actions.sort((a, b) => a.id.localeCompare(b.id)) };
}
