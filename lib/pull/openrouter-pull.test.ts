/**
 * `itemized pull openrouter` against a local server replaying OpenRouter's activity API (the spec example in
 * ../shared/samples for its day, empty days otherwise): one request per complete UTC day with the key as a bearer
 * header, a 429 honoured, the cursor making a second pull add nothing, the 30-day limit, a failure writing nothing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../db/client';
import { listPullStates } from '../../db/queries/pull-state';
import { getSummary } from '../../db/queries/summary';
import { testDatabases } from '../../db/testing';
import { samplePath } from '../../test/samples';
import { pullConnection } from './run';

const KEY = 'sk-or-v1-mgmt-TEST-0123456789abcdef';
const SAMPLE = readFileSync(samplePath('openrouter/activity.openapi-example.json'), 'utf8'); // one row dated 2025-08-24
const retry = { baseDelayMs: 1, sleep: async () => {} };

/** Answers GET /api/v1/activity?date=D: the sample for its day, else no rows; `failures` replies go first. */
function activityServer(failures: { status: number; headers?: Record<string, string> }[] = []) {
  const seen: { path: string; date: string | null; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const date = u.searchParams.get('date');
    seen.push({ path: u.pathname, date, headers: req.headers });
    const fail = failures.shift();
    if (fail) {
      res.writeHead(fail.status, { 'content-type': 'application/json', ...fail.headers });
      res.end('{"error":{"code":429,"message":"Rate limit exceeded"}}');
      return;
    }
    if (u.pathname !== '/api/v1/activity' || !date) {
      res.writeHead(404).end('{"error":{"message":"not found"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(date === '2025-08-24' ? SAMPLE : '{"data":[]}');
  });
  return {
    seen,
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(testDatabases())('pull openrouter on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('one request per complete UTC day, 429 retried, the sample day loaded exactly, the key only in a header', async () => {
    const srv = activityServer([{ status: 429, headers: { 'retry-after': '0' } }]);
    const baseUrl = await srv.start();
    try {
      // "Now" is 2025-08-26 10:00 UTC: the 26th is not complete, so the window is 23..25.
      const [r] = await pullConnection(conn, 'openrouter', {
        key: KEY,
        baseUrl,
        since: new Date('2025-08-23T00:00:00Z'),
        now: new Date('2025-08-26T10:00:00Z'),
        retry,
      });
      expect(r).toMatchObject({ id: 'openrouter/activity', status: 'succeeded', window: { from: '2025-08-23', to: '2025-08-25' } });
      expect(r.pages).toBe(3);
      expect(r.rowsInserted).toBe(1);
      expect(srv.seen.map((s) => s.date)).toEqual(['2025-08-23', '2025-08-23', '2025-08-24', '2025-08-25']);
      for (const s of srv.seen) {
        expect(s.path).toBe('/api/v1/activity');
        expect(s.headers.authorization).toBe(`Bearer ${KEY}`);
      }
      const or = (await getSummary(conn, {})).by_vendor.find((v) => v.vendor === 'openrouter');
      expect(or).toMatchObject({ requests: 5, input_tokens: 50, output_tokens: 125, reasoning_tokens: 25, billed_cost_usd: '0.015' });
      const [state] = (await listPullStates(conn)).filter((s) => s.id === 'openrouter/activity');
      expect(state.cursor?.toISOString()).toBe('2025-08-26T00:00:00.000Z');
      expect(JSON.stringify(await conn.query('SELECT * FROM pull_state'))).not.toContain(KEY);
    } finally {
      await srv.stop();
    }
  });

  test('the cursor: the same day again asks nothing; the next day asks only for the new day', async () => {
    const srv = activityServer();
    const baseUrl = await srv.start();
    try {
      const [same] = await pullConnection(conn, 'openrouter', { key: KEY, baseUrl, now: new Date('2025-08-26T23:00:00Z'), retry });
      expect(same.status).toBe('up_to_date');
      expect(srv.seen).toEqual([]);
      const [next] = await pullConnection(conn, 'openrouter', { key: KEY, baseUrl, now: new Date('2025-08-27T01:00:00Z'), retry });
      expect(next).toMatchObject({ status: 'succeeded', window: { from: '2025-08-26', to: '2025-08-26' }, rowsInserted: 0 });
      expect(srv.seen.map((s) => s.date)).toEqual(['2025-08-26']);
      expect((await getSummary(conn, {})).by_vendor.find((v) => v.vendor === 'openrouter')?.requests).toBe(5);
    } finally {
      await srv.stop();
    }
  });

  test('a server error that persists fails the pull: nothing written, the cursor kept', async () => {
    const srv = activityServer(Array.from({ length: 20 }, () => ({ status: 503 })));
    const baseUrl = await srv.start();
    try {
      const [r] = await pullConnection(conn, 'openrouter', { key: KEY, baseUrl, now: new Date('2025-08-29T01:00:00Z'), retry });
      expect(r.status).toBe('failed');
      expect(r.error).toContain('503');
      expect(r.error).not.toContain(KEY);
      const [state] = (await listPullStates(conn)).filter((s) => s.id === 'openrouter/activity');
      expect([state.cursor?.toISOString(), state.lastStatus]).toEqual(['2025-08-27T00:00:00.000Z', 'failed']);
    } finally {
      await srv.stop();
    }
  });

  test('a first pull from further back than 30 days starts 30 days back and says so', async () => {
    await conn.query("DELETE FROM pull_state WHERE id = 'openrouter/activity'");
    const srv = activityServer();
    const baseUrl = await srv.start();
    try {
      const [r] = await pullConnection(conn, 'openrouter', {
        key: KEY,
        baseUrl,
        since: new Date('2025-06-01T00:00:00Z'),
        now: new Date('2025-08-26T10:00:00Z'),
        retry,
      });
      expect(r.window).toEqual({ from: '2025-07-27', to: '2025-08-25' });
      expect(srv.seen).toHaveLength(30);
      expect(r.note).toBe('openrouter/activity keeps only the last 30 completed days: 2025-06-01..2025-07-26 could not be pulled');
      expect(r.rowsDuplicate).toBe(1); // the sample day again: stored once
    } finally {
      await srv.stop();
    }
  });
});
