/**
 * The real CLI in a child process: the first admin created with the password on stdin, listed, and
 * demo mode refused on a non-loopback address before anything is built or loaded.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from './cli';

const dataDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'itemized-users-')), 'data');

test('users create reads the password from stdin; users list shows the user and never the password', async () => {
  const env = { ITEMIZED_DATA_DIR: dataDir() };
  const created = await runCli(['users', 'create', '--email', 'Admin@Example.com', '--role', 'admin'], env, 'a long enough password\n');
  expect(created.stderr).toBe('');
  expect(created.stdout).toBe('created admin@example.com (admin)\n');
  expect(created.code).toBe(0);

  const short = await runCli(['users', 'create', '--email', 'b@example.com', '--role', 'finance'], env, 'short\n');
  expect(short.code).toBe(1);
  expect(short.stderr).toBe('itemized: the password is too short: use at least 12 characters\n');

  const badRole = await runCli(['users', 'create', '--email', 'c@example.com', '--role', 'owner'], env, 'a long enough password\n');
  expect(badRole.code).toBe(1);
  expect(badRole.stderr).toBe('itemized: unknown role "owner": use one of admin, analyst, finance\n');

  const list = await runCli(['users', 'list', '--json'], env);
  expect(list.code).toBe(0);
  const users = JSON.parse(list.stdout) as { email: string; role: string; disabled: boolean }[];
  expect(users.map((u) => [u.email, u.role, u.disabled])).toEqual([['admin@example.com', 'admin', false]]);
  expect(list.stdout).not.toContain('password');
});

test('demo mode is refused on a non-loopback address, before building or loading anything', async () => {
  const env = { ITEMIZED_DATA_DIR: dataDir() };
  const demo = await runCli(['demo', '--serve', '--host', '0.0.0.0'], env);
  expect(demo.code).toBe(1);
  expect(demo.stderr).toMatch(/^itemized: Refusing to start with sign-in off \(ITEMIZED_AUTH=off, demo mode\) on 0\.0\.0\.0: /);
  const serve = await runCli(['serve', '--no-auth', '--host', '192.168.1.5'], env);
  expect(serve.code).toBe(1);
  expect(serve.stderr).toContain('on 192.168.1.5: demo mode gives every visitor admin access');
  const envOff = await runCli(['serve', '--host', '0.0.0.0'], { ...env, ITEMIZED_AUTH: 'off' });
  expect(envOff.code).toBe(1);
  expect(envOff.stderr).toContain('Refusing to start with sign-in off');
});
