/**
 * The two download routes with sign-in on (embedded database, the server's own connection and auth
 * instance): GET /api/exports/{format} (admin, analyst, finance) and GET /api/config (admin, analyst).
 * Refused requests get 401/403 with only an error, record no month-close export and write no audit
 * entry; an allowed download is in the audit log under the user's email.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GET as getConfigYaml } from '@/app/api/config/route';
import { GET as getExport } from '@/app/api/exports/[format]/route';
import { type Connection, getConnection } from '@/db/client';
import { seedFinanceFixture } from '@/db/queries/finance-fixture';
import type { Role } from '@/lib/auth/policy';
import { authFor, createUser } from '../lib/auth/users';

const dir = mkdtempSync(path.join(os.tmpdir(), 'itemized-download-auth-'));
const PW = 'a long enough password for tests';
let conn: Connection;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  delete process.env.DATABASE_URL;
  process.env.ITEMIZED_DATA_DIR = dir;
  process.env.ITEMIZED_AUTH = 'on';
  conn = await getConnection();
  await seedFinanceFixture(conn);
  for (const role of ['admin', 'analyst', 'finance'] as const) {
    const email = `${role}@example.com`;
    await createUser(conn, { email, role, password: PW }, 'cli:test');
    const res = await authFor(conn).handler(
      new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
        body: JSON.stringify({ email, password: PW }),
      }),
    );
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    if (!cookie) throw new Error(`${role} could not sign in (${res.status})`);
    cookies[role] = cookie.split(';')[0];
  }
});
afterAll(async () => {
  delete process.env.ITEMIZED_AUTH;
  await conn?.close();
  rmSync(dir, { recursive: true, force: true });
});

const headers = (who: Role | 'anonymous', extra: Record<string, string> = {}) =>
  new Headers({ ...(who === 'anonymous' ? {} : { cookie: cookies[who] }), ...extra });
const exportAs = (who: Role | 'anonymous', format: string, query: string, extra: Record<string, string> = {}) =>
  getExport(new Request(`http://127.0.0.1:3000/api/exports/${format}?${query}`, { headers: headers(who, extra) }), {
    params: Promise.resolve({ format }),
  });
const configAs = (who: Role | 'anonymous') => getConfigYaml(new Request('http://127.0.0.1:3000/api/config', { headers: headers(who) }));

async function counts() {
  const [{ exports }] = await conn.query<{ exports: number }>('SELECT count(*)::int AS exports FROM statement_exports');
  const [{ audits }] = await conn.query<{ audits: number }>("SELECT count(*)::int AS audits FROM audit_events WHERE action = 'export'");
  return { exports, audits };
}

describe('GET /api/exports/{format}', () => {
  test('anonymous: 401 with only an error, nothing recorded, nothing in the audit log', async () => {
    const before = await counts();
    const res = await exportAs('anonymous', 'csv', 'month=2026-03');
    expect(res.status).toBe(401);
    expect(Object.keys(await res.json())).toEqual(['error']);
    expect(await counts()).toEqual(before);
  });

  test('a request another site started is refused before anything is built or recorded', async () => {
    const before = await counts();
    const res = await exportAs('finance', 'csv', 'month=2026-03', { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(Object.keys(await res.json())).toEqual(['error']);
    expect(await counts()).toEqual(before);
  });

  test.each(['finance', 'analyst', 'admin'] as const)('%s downloads; the audit log names them and what was exported', async (role) => {
    const before = await counts();
    const res = await exportAs(role, 'csv', 'month=2026-03&team=core', { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="itemized-statement-2026-03.csv"');
    expect(await counts()).toEqual({ exports: before.exports + 1, audits: before.audits + 1 });
    const [last] = await conn.query<{ actor: string; target: string; format: string; query: string }>(
      "SELECT actor, target, detail->'filters'->>'format' AS format, detail->'filters'->>'query' AS query FROM audit_events ORDER BY id DESC LIMIT 1",
    );
    expect(last).toEqual({
      actor: `${role}@example.com`,
      target: 'itemized-statement-2026-03.csv',
      format: 'csv',
      query: 'month=2026-03&team=core',
    });
  });
});

describe('GET /api/config', () => {
  test('anonymous 401, finance 403, both with only an error and no audit entry', async () => {
    const before = await counts();
    const anon = await configAs('anonymous');
    expect(anon.status).toBe(401);
    const finance = await configAs('finance');
    expect(finance.status).toBe(403);
    for (const r of [anon, finance]) expect(Object.keys(await r.json())).toEqual(['error']);
    expect(await counts()).toEqual(before);
  });

  test.each(['analyst', 'admin'] as const)('%s downloads itemized.yaml; the audit log names them', async (role) => {
    const res = await configAs(role);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const [last] = await conn.query<{ actor: string; action: string; target: string }>(
      'SELECT actor, action, target FROM audit_events ORDER BY id DESC LIMIT 1',
    );
    expect(last).toEqual({ actor: `${role}@example.com`, action: 'export', target: 'itemized.yaml' });
  });
});
