/**
 * Users and roles through the library, on both databases: the CLI's create/set-role/disable/enable,
 * signing in with the password it stored (the library's scrypt hash), sign-up refused, the last admin
 * kept, and every change and sign-in in the audit log.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../db/client';
import { listAuditEvents } from '../../db/queries/audit-log';
import { testDatabases } from '../../db/testing';
import { authFor, createUser, listUsers, setDisabled, setRole, UserCommandError } from './users';

const PW = 'correct horse battery staple';

/** Signs in through the library's HTTP handler (as the browser does); returns the status and the session cookie. */
async function signIn(
  conn: Connection,
  email: string,
  password: string,
): Promise<{ status: number; cookie: string | null; body: unknown }> {
  const res = await authFor(conn).handler(
    new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
  return { status: res.status, cookie: cookie ? cookie.split(';')[0] : null, body: await res.json().catch(() => null) };
}

async function sessionRole(conn: Connection, cookie: string): Promise<string | null> {
  const s = await authFor(conn).api.getSession({ headers: new Headers({ cookie }) });
  return s ? ((s.user as { role?: string }).role ?? null) : null;
}

async function actions(conn: Connection): Promise<string[]> {
  const page = await listAuditEvents(conn, { page: 1, pageSize: 100 });
  return page.rows.map((r) => `${r.action} ${r.actor.startsWith('cli') ? 'cli' : r.actor} ${r.target ?? '-'}`).reverse();
}

describe.each(testDatabases())('users and sign-in on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('a CLI-created admin signs in with the stored password; a wrong one is refused and logged', async () => {
    const u = await createUser(conn, { email: ' Ada@Example.com ', role: 'admin', password: PW }, 'cli:test');
    expect(u).toMatchObject({ email: 'ada@example.com', name: 'ada', role: 'admin', disabled: false });
    // The password is stored as the library's hash, never as given.
    const [row] = await conn.query<{ password: string }>(`SELECT password FROM accounts WHERE provider_id = 'credential'`);
    expect(row.password).not.toContain(PW);
    expect(row.password.length).toBeGreaterThan(60);

    const ok = await signIn(conn, 'ada@example.com', PW);
    expect(ok.status).toBe(200);
    expect(ok.cookie).not.toBeNull();
    expect(await sessionRole(conn, ok.cookie!)).toBe('admin');

    const bad = await signIn(conn, 'ada@example.com', 'wrong password here');
    expect(bad.status).toBe(401);
    expect(bad.cookie).toBeNull();
    const nobody = await signIn(conn, 'nobody@example.com', PW);
    expect(nobody.status).toBe(401);
    // Same answer for an unknown email and a wrong password: nothing says which emails exist.
    expect(nobody.body).toEqual(bad.body);

    expect(await actions(conn)).toEqual([
      'user.create cli ada@example.com',
      'sign_in.success ada@example.com -',
      'sign_in.failure ada@example.com -',
      'sign_in.failure nobody@example.com -',
    ]);
  });

  test('nobody can sign up through the API; only the CLI creates users', async () => {
    const res = await authFor(conn).handler(
      new Request('http://127.0.0.1:3000/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
        body: JSON.stringify({ email: 'eve@example.com', password: PW, name: 'eve' }),
      }),
    );
    expect(res.status).toBe(400);
    expect((await listUsers(conn)).map((u) => u.email)).toEqual(['ada@example.com']);
  });

  test('create refuses duplicates, short passwords and unknown roles with a clear message', async () => {
    await expect(createUser(conn, { email: 'ada@example.com', role: 'analyst', password: PW }, 'cli:test')).rejects.toThrow(
      'a user with the email ada@example.com already exists',
    );
    await expect(createUser(conn, { email: 'bob@example.com', role: 'analyst', password: 'short' }, 'cli:test')).rejects.toThrow(
      'the password is too short: use at least 12 characters',
    );
    const { parseRole } = await import('./users');
    expect(() => parseRole('owner')).toThrow(new UserCommandError('unknown role "owner": use one of admin, analyst, finance'));
  });

  test('set-role changes what the next request sees; disable ends sessions and refuses sign-in; enable restores', async () => {
    await createUser(conn, { email: 'fin@example.com', role: 'finance', password: PW }, 'cli:test');
    const s = await signIn(conn, 'fin@example.com', PW);
    expect(await sessionRole(conn, s.cookie!)).toBe('finance');

    expect((await setRole(conn, 'FIN@example.com', 'analyst', 'cli:test')).role).toBe('analyst');
    expect(await sessionRole(conn, s.cookie!)).toBe('analyst');

    expect((await setDisabled(conn, 'fin@example.com', true, 'cli:test')).disabled).toBe(true);
    expect(await sessionRole(conn, s.cookie!)).toBeNull();
    const refused = await signIn(conn, 'fin@example.com', PW);
    expect(refused.status).toBe(403);
    expect(refused.cookie).toBeNull();

    expect((await setDisabled(conn, 'fin@example.com', false, 'cli:test')).disabled).toBe(false);
    expect((await signIn(conn, 'fin@example.com', PW)).status).toBe(200);

    const list = await listUsers(conn);
    expect(list.map((u) => [u.email, u.role, u.disabled])).toEqual([
      ['ada@example.com', 'admin', false],
      ['fin@example.com', 'analyst', false],
    ]);
    const log = await actions(conn);
    expect(log.filter((a) => a.startsWith('user.'))).toEqual([
      'user.create cli ada@example.com',
      'user.create cli fin@example.com',
      'user.set_role cli fin@example.com',
      'user.disable cli fin@example.com',
      'user.enable cli fin@example.com',
    ]);
    const page = await listAuditEvents(conn, { page: 1, pageSize: 100 });
    expect(page.rows.find((r) => r.action === 'user.set_role')?.detail).toEqual({ from: 'finance', to: 'analyst' });
  });

  test('the last enabled admin can be neither demoted nor disabled', async () => {
    await expect(setRole(conn, 'ada@example.com', 'analyst', 'cli:test')).rejects.toThrow(
      'that would leave no enabled admin: make another user admin first',
    );
    await expect(setDisabled(conn, 'ada@example.com', true, 'cli:test')).rejects.toThrow('that would leave no enabled admin');
    await setRole(conn, 'fin@example.com', 'admin', 'cli:test');
    expect((await setDisabled(conn, 'ada@example.com', true, 'cli:test')).disabled).toBe(true);
    await expect(setRole(conn, 'nobody@example.com', 'admin', 'cli:test')).rejects.toThrow('no user with the email nobody@example.com');
  });

  test('the audit log pages newest first without overlap', async () => {
    const p1 = await listAuditEvents(conn, { page: 1, pageSize: 3 });
    const p2 = await listAuditEvents(conn, { page: 2, pageSize: 3 });
    expect(p1.total).toBeGreaterThan(6);
    expect(p1.rows).toHaveLength(3);
    expect(p2.rows).toHaveLength(3);
    const ids = [...p1.rows, ...p2.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(p1.rows[0].action).toBe('user.disable');
  });
});
