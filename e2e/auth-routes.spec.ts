/**
 * Every route, with sign-in on (project `auth`): the pages, route handlers and server actions found on
 * disk (test/routes.ts) are requested anonymously and as each role. Anonymous page loads go to
 * /sign-in, anonymous API and action calls get 401, other roles get 403, and none of those answers
 * carries data (the demo organisation's workflow names, which every allowed dashboard page shows) beyond what the
 * role sees on that page anyway (an admin-only action on a page the role may read).
 * A route missing from test/route-expectations.ts fails here and in test/routes-guarded.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type APIResponse, expect, test } from '@playwright/test';
import { ROLES, type Role } from '../lib/auth/policy';
import { ACTIONS, APIS, PAGES } from '../test/route-expectations';
import { listRoutes, ROOT } from '../test/routes';
import { signedInRequest } from './auth-helpers';

const routes = listRoutes();
/** Workflow names of the demo organisation loaded into this server's database. */
const DATA = ['ticket-triage', 'incident-agent', 'proof-check', 'copy-review'];

type Who = Role | 'anonymous';
const clients = {} as Record<Who, APIRequestContext>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright, baseURL }) => {
  clients.anonymous = await playwright.request.newContext({ baseURL });
  for (const role of ROLES) {
    clients[role] = await playwright.request.newContext({ baseURL });
    await signedInRequest(clients[role], baseURL!, role);
  }
});

test.afterAll(async () => {
  for (const c of Object.values(clients)) await c.dispose();
});

async function expectNoData(res: APIResponse, what: string) {
  const body = await res.text();
  for (const marker of DATA) expect(body.includes(marker), `${what} leaks "${marker}"`).toBe(false);
}

test('the data markers do show where access is allowed (so their absence below means something)', async () => {
  const res = await clients.finance.get('/');
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('ticket-triage');
});

test('every page: anonymous → /sign-in, other roles → 403 without data, its roles → 200', async () => {
  expect(routes.pages.length).toBeGreaterThanOrEqual(16);
  for (const { path: p, file } of routes.pages) {
    const allowed = PAGES[p];
    expect(allowed, `${file}: add ${p} to test/route-expectations.ts and guard it`).toBeDefined();
    const anon = await clients.anonymous.get(p, { maxRedirects: 0 });
    if (allowed === 'public') {
      expect(anon.status(), p).toBe(200);
      continue;
    }
    expect(anon.status(), `anonymous ${p}`).toBe(307);
    expect(anon.headers().location).toBe(p === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(p)}`);
    await expectNoData(anon, `anonymous ${p}`);
    for (const role of ROLES) {
      const res = await clients[role].get(p, { maxRedirects: 0 });
      if (allowed.includes(role)) expect(res.status(), `${role} ${p}`).toBe(200);
      else {
        expect(res.status(), `${role} ${p}`).toBe(403);
        await expectNoData(res, `${role} ${p}`);
      }
    }
  }
});

test('every route handler: anonymous → 401, other roles → 403 with only an error message', async () => {
  for (const { path: p, file, methods } of routes.apis) {
    const expected = APIS[p];
    expect(expected, `${file}: add ${p} to test/route-expectations.ts and guard it with withRole`).toBeDefined();
    expect(methods.sort(), p).toEqual(Object.keys(expected).sort());
    for (const method of methods) {
      const roles = expected[method];
      if (roles === 'library') continue;
      const call = (who: Who) => clients[who].fetch(p, { method, maxRedirects: 0 });
      if (roles === 'token') {
        // Push endpoints take an ingest bearer token only: a session (even an admin's) is not enough.
        for (const who of ['anonymous', ...ROLES] as const) {
          const res = await call(who);
          expect(res.status(), `${who} ${method} ${p}`).toBe(401);
          await expectNoData(res, `${who} ${method} ${p}`);
        }
        continue;
      }
      if (roles === 'public') {
        const res = await call('anonymous');
        expect(res.status(), `${method} ${p}`).toBe(200);
        expect(Object.keys(await res.json())).toEqual(['ok']);
        continue;
      }
      const anon = await call('anonymous');
      expect(anon.status(), `anonymous ${method} ${p}`).toBe(401);
      expect(await anon.json()).toEqual({ error: 'Not signed in: sign in at /sign-in first.' });
      for (const role of ROLES) {
        const res = await call(role);
        if (roles.includes(role)) expect([401, 403], `${role} ${method} ${p}`).not.toContain(res.status());
        else {
          expect(res.status(), `${role} ${method} ${p}`).toBe(403);
          expect(Object.keys(await res.json())).toEqual(['error']);
        }
      }
    }
  }
});

test("the library's endpoints: user management is admin only, nobody can sign up", async ({ baseURL }) => {
  expect((await clients.anonymous.get('/api/auth/admin/list-users')).status()).toBe(401);
  for (const role of ['analyst', 'finance'] as const) {
    const res = await clients[role].get('/api/auth/admin/list-users');
    expect(res.status(), role).toBe(403);
    expect(await res.text()).not.toContain('@example.com');
  }
  const admin = await clients.admin.get('/api/auth/admin/list-users');
  expect(admin.status()).toBe(200);
  expect(((await admin.json()) as { total: number }).total).toBe(3);
  // With an Origin, so that the library's CSRF check passes and the refusal is its role check.
  const setRole = await clients.finance.post('/api/auth/admin/set-role', {
    data: { userId: 'x', role: 'admin' },
    headers: { origin: baseURL! },
  });
  expect(setRole.status()).toBe(403);
  expect(((await setRole.json()) as { code: string }).code).toBe('YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE');
  const signUp = await clients.anonymous.post('/api/auth/sign-up/email', {
    data: { email: 'mallory@example.com', password: 'a-long-password-here', name: 'm' },
    headers: { origin: baseURL! },
  });
  expect(signUp.status()).toBe(400);
  expect(((await signUp.json()) as { code: string }).code).toBe('EMAIL_PASSWORD_SIGN_UP_DISABLED');
  expect(((await (await clients.admin.get('/api/auth/admin/list-users')).json()) as { total: number }).total).toBe(3);
});

/** Server action ids and the page each is bound to, from the build's manifest. */
function actionEndpoints(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const out = new Map<string, { id: string; page: string }>();
  for (const [id, a] of Object.entries(manifest.node)) {
    const worker = Object.keys(a.workers).find((w) => w.endsWith('/page')) ?? '';
    const page = `/${worker
      .replace(/^app\//, '')
      .replace(/\/?page$/, '')
      .split('/')
      .filter((s) => s && !/^\(.*\)$/.test(s))
      .join('/')}`;
    out.set(`${a.filename}#${a.exportedName}`, { id, page });
  }
  return out;
}

test('every server action: anonymous → 401, other roles → 403, its roles → 200', async ({ baseURL }) => {
  const endpoints = actionEndpoints();
  expect(routes.actions.length).toBeGreaterThanOrEqual(8);
  for (const action of routes.actions) {
    const roles = ACTIONS[action.id];
    expect(roles, `add ${action.id} to test/route-expectations.ts and start it with requireActionRole`).toBeDefined();
    const ep = endpoints.get(action.id);
    expect(ep, `${action.id} is not in the build's server-reference manifest`).toBeDefined();
    // An empty form as every argument: (prevState, form) and (form) actions both get a FormData to read.
    const call = (who: Who) =>
      clients[who].post(ep!.page, {
        headers: { 'Next-Action': ep!.id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', Origin: baseURL! },
        data: '["$K1","$K1"]',
        maxRedirects: 0,
      });
    const anon = await call('anonymous');
    expect(anon.status(), `anonymous ${action.id}`).toBe(401);
    await expectNoData(anon, `anonymous ${action.id}`);
    for (const role of ROLES) {
      const res = await call(role);
      if (roles.includes(role)) expect(res.status(), `${role} ${action.id}`).toBe(200);
      else {
        expect(res.status(), `${role} ${action.id}`).toBe(403);
        // Next answers a refused action with the page's tree (its forbidden boundary inside the layout). On a page the
        // role may open (an admin-only action on /imports, which analysts read) that layout is data the role sees
        // anyway; on any other page the answer must carry none.
        const pageRoles = PAGES[ep!.page];
        if (!Array.isArray(pageRoles) || !pageRoles.includes(role)) await expectNoData(res, `${role} ${action.id}`);
      }
    }
  }
});
