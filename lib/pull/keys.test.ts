/**
 * Admin keys stored in Settings › Sources (issue 3: "keys from the environment or Settings, never logged"), on both
 * databases: stored encrypted under the auth secret, used by a pull when the environment has none, the environment
 * wins when both exist, never written in clear to the database, the pull state or the schedule's log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../db/client';
import { testDatabases } from '../../db/testing';
import { CONNECTIONS } from './connections';
import { keyHint, keyOrigins, removePullKey, storedPullKey, storePullKey } from './keys';
import { pullConnection } from './run';
import { configuredConnections } from './schedule';

const SECRET = 'test-auth-secret-0123456789abcdefghijklmnopqrstuv';
const STORED = 'sk-admin-STORED-0123456789abcdef';
const FROM_ENV = 'sk-admin-ENV-fedcba9876543210';
const NOW = new Date('2026-03-05T15:30:00Z');
const EMPTY = JSON.stringify({ object: 'page', data: [], has_more: false, next_page: null });

describe.each(testDatabases())('stored pull keys on $name', (tdb) => {
  let conn: Connection;
  let server: Server;
  let base: string;
  const auth: string[] = [];
  beforeAll(async () => {
    conn = await tdb.open();
    server = createServer((req, res) => {
      auth.push(String(req.headers.authorization));
      res.writeHead(200, { 'content-type': 'application/json' }).end(EMPTY);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await conn?.close();
    await tdb.dispose();
  });

  test('stored encrypted, shown only as a hint, decrypted only with the same secret', async () => {
    expect(await storePullKey(conn, 'openai', `  ${STORED}\n`, 'admin@example.com', SECRET)).toBe('sk-…cdef');
    const [row] = await conn.query<{ encrypted_key: string; key_hint: string; updated_by: string }>('SELECT * FROM pull_keys');
    expect(row.key_hint).toBe('sk-…cdef');
    expect(row.updated_by).toBe('admin@example.com');
    expect(row.encrypted_key).not.toContain('STORED');
    expect(row.encrypted_key).toMatch(/^[0-9a-f]+$/);
    expect(await storedPullKey(conn, 'openai', SECRET)).toBe(STORED);
    await expect(storedPullKey(conn, 'openai', 'another-secret-0123456789abcdefghijkl')).rejects.toThrow(
      /cannot be decrypted.*enter it again/,
    );
    expect(await storedPullKey(conn, 'anthropic', SECRET)).toBeNull();
    await expect(storePullKey(conn, 'openai', 'sk a b c d e', null, SECRET)).rejects.toThrow(/whole admin key/);
    expect(keyHint('short')).toBe('…');
  });

  test('a pull uses the stored key when the environment has none; the environment wins; the schedule sees both', async () => {
    const origins = await keyOrigins(conn, CONNECTIONS, {});
    expect(origins.get('openai')).toEqual({ from: 'settings', hint: 'sk-…cdef' });
    expect(origins.get('anthropic')).toEqual({ from: 'none' });
    expect(await configuredConnections(conn, {})).toEqual(['openai']);
    expect(await configuredConnections(conn, { ANTHROPIC_ADMIN_KEY: 'x', LITELLM_DATABASE_URL: 'postgres://x' })).toEqual([
      'openai',
      'anthropic',
      'litellm',
    ]);

    const r = await pullConnection(conn, 'openai', { env: {}, secret: SECRET, baseUrl: base, now: NOW, since: new Date('2026-03-04') });
    expect(r.map((x) => x.status)).toEqual(['succeeded', 'succeeded']);
    expect(auth.splice(0)).toEqual([`Bearer ${STORED}`, `Bearer ${STORED}`]);
    const states = await conn.query<Record<string, unknown>>('SELECT * FROM pull_state');
    expect(JSON.stringify(states)).not.toContain(STORED);

    await conn.query('DELETE FROM pull_state');
    const env = { OPENAI_ADMIN_KEY: FROM_ENV };
    expect((await keyOrigins(conn, CONNECTIONS, env)).get('openai')).toEqual({ from: 'env', name: 'OPENAI_ADMIN_KEY' });
    await pullConnection(conn, 'openai', { env, secret: SECRET, baseUrl: base, now: NOW, since: new Date('2026-03-04') });
    expect(auth.splice(0)).toEqual([`Bearer ${FROM_ENV}`, `Bearer ${FROM_ENV}`]);
  });

  test('removed: no key anywhere is a clear error naming both places', async () => {
    expect(await removePullKey(conn, 'openai')).toBe(true);
    expect(await removePullKey(conn, 'openai')).toBe(false);
    await expect(pullConnection(conn, 'openai', { env: {}, secret: SECRET })).rejects.toThrow(
      'set OPENAI_ADMIN_KEY or store an admin key in Settings › Sources',
    );
  });
});
