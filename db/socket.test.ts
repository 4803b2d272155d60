/**
 * connectNoDelay: the socket postgres.js gets (db/client.ts) has Nagle off, follows the multi-host order and reports
 * why no host answered. Every Postgres test also goes through it (openConnection).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openConnection } from './client';
import { connectNoDelay } from './socket';
import { postgresTestDatabase } from './testing';

function listen(server: net.Server, where: number | string): Promise<void> {
  return new Promise((resolve) => server.listen(where, resolve));
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await listen(s, 0);
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const LOCAL_SOCKET_DB = existsSync('/var/run/postgresql/.s.PGSQL.5432') && !!process.env.TEST_DATABASE_URL;
if (!LOCAL_SOCKET_DB)
  console.log('socket.test: the local-server socket test is skipped: needs TEST_DATABASE_URL and /var/run/postgresql/.s.PGSQL.5432');

describe('connectNoDelay', () => {
  const server = net.createServer((c) => c.end('hello'));
  let port = 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'itemized-socket-'));
  const unix = net.createServer((c) => c.end('unix'));
  beforeAll(async () => {
    await listen(server, 0);
    port = (server.address() as net.AddressInfo).port;
    await listen(unix, path.join(dir, '.s.PGSQL.5432'));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await new Promise((r) => unix.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const read = (s: net.Socket) =>
    new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d) => {
        text += d;
      });
      s.on('end', () => resolve(text));
    });

  test('skips a host that refuses, connects to the next and turns Nagle off on that socket', async () => {
    const spy = vi.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      const dead = await closedPort();
      const s = await connectNoDelay({ host: ['127.0.0.1', '127.0.0.1'], port: [dead, port] });
      expect(spy.mock.contexts).toEqual([s]);
      expect(spy.mock.calls).toEqual([[true]]);
      expect(await read(s)).toBe('hello');
    } finally {
      spy.mockRestore();
    }
  });

  test('one port for several hosts, as postgres.js parses "h1,h2:5432"', async () => {
    const s = await connectNoDelay({ host: ['127.0.0.1', '127.0.0.1'], port: [port] });
    expect(await read(s)).toBe('hello');
  });

  test('no host answers: the last error, naming the address', async () => {
    const dead = await closedPort();
    await expect(connectNoDelay({ host: ['127.0.0.1'], port: [dead] })).rejects.toThrow(`ECONNREFUSED 127.0.0.1:${dead}`);
  });

  test("a percent-encoded socket folder as host (libpq's URL form) connects to its .s.PGSQL.<port>", async () => {
    const s = await connectNoDelay({ host: [encodeURIComponent(dir)], port: [5432] });
    expect(await read(s)).toBe('unix');
    await expect(connectNoDelay({ host: [encodeURIComponent(dir)], port: [5999] })).rejects.toThrow(`${dir}/.s.PGSQL.5999`);
  });

  test.runIf(LOCAL_SOCKET_DB)('the local Postgres server through its socket folder (%2Fvar%2Frun%2Fpostgresql as host)', async () => {
    const tdb = postgresTestDatabase(process.env.TEST_DATABASE_URL as string);
    (await tdb.open()).close(); // created and migrated over TCP
    const url = new URL(tdb.url as string);
    const conn = await openConnection({
      databaseUrl: `postgres://${url.username}@%2Fvar%2Frun%2Fpostgresql:${url.port || 5432}${url.pathname}`,
    });
    try {
      expect(await conn.query('SELECT inet_server_addr() AS addr')).toEqual([{ addr: null }]); // null: not over TCP
    } finally {
      await conn.close();
      await tdb.dispose();
    }
  });

  test('a unix-domain socket path is used as given', async () => {
    const s = await connectNoDelay({ host: ['ignored'], port: [5432], path: path.join(dir, '.s.PGSQL.5432') });
    expect(await read(s)).toBe('unix');
  });
});
