/**
 * Fast, build-free half of the route check (the e2e half, e2e/auth-routes.spec.ts, sends the
 * requests): every page, route handler and server action on disk is listed in
 * test/route-expectations.ts and calls the guard for exactly those roles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PAGE_ROLES, type Role, rolesForPath } from '../lib/auth/policy';
import { ACTIONS, APIS, PAGES } from './route-expectations';
import { exportedNames, isServerActionFile, listRoutes, ROOT, urlPath } from './routes';

const routes = listRoutes();
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const sorted = (roles: readonly Role[]) => [...roles].sort();

test('the enumeration finds the routes we know of (and reads exports and directives right)', () => {
  // At least these (a route added later must not break this test; the listing tests below cover it).
  expect(routes.pages.map((p) => p.path)).toEqual(
    expect.arrayContaining([
      '/',
      '/accuracy',
      '/budgets',
      '/dependencies',
      '/explorer',
      '/explorer/requests',
      '/imports',
      '/loops',
      '/reasoning',
      '/reconciliation',
      '/scenarios',
      '/settings/audit',
      '/settings/sources',
      '/settings/workflows',
      '/sign-in',
      '/statement',
    ]),
  );
  expect(routes.apis.map((a) => `${a.path} ${a.methods.join(',')}`)).toEqual(
    expect.arrayContaining([
      '/api/auth/[...all] GET,POST',
      '/api/config GET',
      '/api/exports/[format] GET',
      '/api/health GET',
      '/api/imports POST',
      '/api/ingest POST',
      '/v1/traces POST',
    ]),
  );
  expect(routes.actions.map((a) => a.id)).toEqual(
    expect.arrayContaining([
      'app/(dashboard)/settings/sources/actions.ts#pullNow',
      'app/(dashboard)/scenarios/actions.ts#saveScenarioAction',
      'app/(dashboard)/settings/workflows/actions.ts#importYamlAction',
    ]),
  );
  expect(urlPath(path.join(ROOT, 'app/(dashboard)/settings/audit/page.tsx'))).toBe('/settings/audit');
  expect(exportedNames("export const POST = withRole(['admin'], h);\nexport async function GET() {}\nexport { a as HEAD };")).toEqual([
    'POST',
    'GET',
    'HEAD',
  ]);
  expect(isServerActionFile("/** doc */\n'use server';\nexport async function x() {}")).toBe(true);
  expect(isServerActionFile("'use client';\n")).toBe(false);
});

describe('every page', () => {
  test.each(routes.pages)('$path is listed and guarded for exactly its roles', ({ path: p, file }) => {
    const expected = PAGES[p];
    expect(expected, `${p} (${file}) is not in test/route-expectations.ts PAGES: add it, and guard the page`).toBeDefined();
    if (expected === 'public') return;
    // The page's own guard (client-side navigation) and the policy the layout guard reads (full loads).
    expect(source(file)).toContain(`await requirePage('${p}');`);
    expect(sorted(PAGE_ROLES[p as keyof typeof PAGE_ROLES] ?? [])).toEqual(sorted(expected));
    expect(sorted(rolesForPath(p))).toEqual(sorted(expected));
  });

  test('every dashboard page sits under the layout that checks the role before anything renders', () => {
    expect(source('app/(dashboard)/layout.tsx')).toContain('await requireCurrentPage();');
    for (const page of routes.pages.filter((x) => PAGES[x.path] !== 'public')) expect(page.file.startsWith('app/(dashboard)/')).toBe(true);
  });
});

describe('every route handler', () => {
  test.each(routes.apis)('$path is listed, method by method, and wraps its handlers in withRole', ({ path: p, file, methods }) => {
    const expected = APIS[p];
    expect(expected, `${p} (${file}) is not in test/route-expectations.ts APIS: add it, and guard it with withRole`).toBeDefined();
    expect(methods.sort()).toEqual(Object.keys(expected).sort());
    for (const m of methods) {
      const roles = expected[m];
      if (roles === 'public' || roles === 'library') continue;
      if (roles === 'token') {
        // Machine clients: the ingest bearer-token check, before anything else reads the request, and no session.
        // authenticate answers 401 (no/bad/revoked/expired token), 403 (scope) or 429 (rate): lib/tokens + _push tests.
        expect(source(file)).toMatch(
          /const auth = await authenticate\(request, conn, 'ingest:[a-z]+'\);\s*if \(!auth\.ok\) return [^;]*\(auth\.status,/,
        );
        expect(source(file)).not.toContain('withRole(');
        continue;
      }
      expect(source(file)).toContain(
        `export const ${m} = withRole([${sorted(roles)
          .map((r) => `'${r}'`)
          .join(', ')}],`,
      );
    }
  });
});

describe('every server action', () => {
  test.each(routes.actions)('$id is listed and starts with requireActionRole for its roles', ({ id, file, name }) => {
    const roles = ACTIONS[id];
    expect(roles, `${id} is not in test/route-expectations.ts ACTIONS: add it, and start it with requireActionRole`).toBeDefined();
    const body = source(file).split(new RegExp(`export async function ${name}\\(`))[1] ?? '';
    // The guard is the first call in the body, outside any try (which would swallow its 401/403).
    const firstCall = body.slice(body.indexOf('{') + 1).match(/await\s+([\w.]+)\(([^)]*)\)/);
    expect(firstCall?.[1]).toBe('requireActionRole');
    expect(sorted((firstCall?.[2] ?? '').split(',').map((s) => s.trim().replace(/'/g, '')) as Role[])).toEqual(sorted(roles));
    expect(body.slice(0, body.indexOf('requireActionRole'))).not.toMatch(/\btry\s*\{/);
  });
});

test('route-expectations lists nothing that is not on disk (a removed or renamed route is removed there too)', () => {
  expect(Object.keys(PAGES).sort()).toEqual(routes.pages.map((p) => p.path).sort());
  expect(Object.keys(APIS).sort()).toEqual(routes.apis.map((a) => a.path).sort());
  expect(Object.keys(ACTIONS).sort()).toEqual(routes.actions.map((a) => a.id).sort());
});
