import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Env } from '../env';
import { authSecret, boundHost, demoModeRefusal, isLoopback } from './settings';

describe('demo mode listens on loopback only', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['localhost.example.com', false],
    ['127.0.0.1.example.com', false],
  ])('%s loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  test('the bound address comes from next -H / --hostname, else ITEMIZED_HOST, else every interface', () => {
    const env = {} as Env;
    expect(boundHost(['node', 'next', 'start', '-p', '3000', '-H', '127.0.0.1'], env)).toBe('127.0.0.1');
    expect(boundHost(['node', 'next', 'start', '--hostname', '0.0.0.0'], env)).toBe('0.0.0.0');
    expect(boundHost(['node', 'next', 'start', '--hostname=::1'], env)).toBe('::1');
    expect(boundHost(['node', 'next', 'start'], { ITEMIZED_HOST: '127.0.0.1' } as Env)).toBe('127.0.0.1');
    expect(boundHost(['node', 'next', 'start'], env)).toBeNull();
  });

  test('refusal names the address and the two ways out', () => {
    expect(demoModeRefusal('127.0.0.1')).toBeNull();
    expect(demoModeRefusal('0.0.0.0')).toBe(
      'Refusing to start with sign-in off (ITEMIZED_AUTH=off, demo mode) on 0.0.0.0: demo mode gives every visitor admin access, so it only listens on a loopback address. Bind to 127.0.0.1 (--host 127.0.0.1 / -H 127.0.0.1), or turn sign-in on (unset ITEMIZED_AUTH) and create an admin with `itemized users create --email you@example.com --role admin`.',
    );
    expect(demoModeRefusal(null)).toContain('on every network interface');
  });
});

describe('cookie secret', () => {
  test('ITEMIZED_AUTH_SECRET wins; otherwise one is generated once, owner-readable only, and reused', () => {
    expect(authSecret({ ITEMIZED_AUTH_SECRET: 'from-env', ITEMIZED_DATA_DIR: '/nonexistent' } as Env)).toBe('from-env');
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'itemized-secret-')), 'data');
    const env = { ITEMIZED_DATA_DIR: dir } as Env;
    const first = authSecret(env);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authSecret(env)).toBe(first);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(`${first}\n`);
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
  });
});
