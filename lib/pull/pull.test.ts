/**
 * `itemized pull` against a local HTTP server replaying the documented responses (the OpenAI spec
 * examples in ../shared/samples, our Anthropic fixtures): a 429 with Retry-After, a page cursor,
 * the key sent as a header and never stored, the cursor making a second pull add nothing, and a
 * failed pull writing nothing and keeping the cursor. Both databases.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Connection } from '../../db/client';
import { listPullStates } from '../../db/queries/pull-state';
import { getSummary } from '../../db/queries/summary';
import { testDatabases } from '../../db/testing';
import { samplePath } from '../../test/samples';
import { pullConnection } from './run';
import { startPullSchedule } from './schedule';

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
interface Seen {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

const sample = (p: string) => readFileSync(samplePath(p), 'utf8');
const fixture = (p: string) => readFileSync(path.join(import.meta.dirname, '../ingest/__fixtures__', p), 'utf8');
const KEY = 'sk-admin-TEST-0123456789abcdef';
const NOW = new Date('2026-03-05T15:30:00Z');
const retry = { baseDelayMs: 1, sleep: async () => {} };

/** A server answering each path from a queue (the last reply repeats). */
function replayServer(routes: Record<string, Reply[]>) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: u.pathname, query: u.searchParams, headers: req.headers });
    const q = routes[u.pathname];
    const r = q ? (q.length > 1 ? q.shift()! : q[0]) : { status: 404, body: '{"error":{"message":"no such route"}}' };
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(r.body);
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

/** The usage sample split into two pages chained by a cursor. */
function twoUsagePages(): Reply[] {
  const whole = JSON.parse(sample('openai/usage-completions.openapi-example.json'));
  const first = { ...whole, has_more: true, next_page: 'page_AAA' };
  const empty = { object: 'page', data: [], has_more: false, next_page: null };
  return [
    { status: 429, body: '{"error":{"message":"rate limited"}}', headers: { 'retry-after': '0' } },
    { status: 200, body: JSON.stringify(first) },
    { status: 200, body: JSON.stringify(empty) },
  ];
}

/**
 * Runs `fn` with only OpenAI configured for the schedule: its admin key set, its base URL on a replay server that
 * answers empty pages, Anthropic's key unset; the environment is restored and the server stopped after.
 */
async function withOpenAiOnly(fn: (srv: ReturnType<typeof replayServer>) => Promise<void>) {
  const empty = JSON.stringify({ object: 'page', data: [], has_more: false, next_page: null });
  const srv = replayServer({
    '/v1/organization/usage/completions': [{ status: 200, body: empty }],
    '/v1/organization/costs': [{ status: 200, body: empty }],
  });
  const base = await srv.start();
  const saved = { key: process.env.OPENAI_ADMIN_KEY, url: process.env.ITEMIZED_OPENAI_BASE_URL, anth: process.env.ANTHROPIC_ADMIN_KEY };
  process.env.OPENAI_ADMIN_KEY = KEY;
  process.env.ITEMIZED_OPENAI_BASE_URL = base;
  delete process.env.ANTHROPIC_ADMIN_KEY;
  try {
    await fn(srv);
  } finally {
    for (const [k, v] of [
      ['OPENAI_ADMIN_KEY', saved.key],
      ['ITEMIZED_OPENAI_BASE_URL', saved.url],
      ['ANTHROPIC_ADMIN_KEY', saved.anth],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    await srv.stop();
  }
}

describe.each(testDatabases())('pull on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('openai: retries a 429, follows the page cursor, loads the sample exactly, sends the key as a header only', async () => {
    const srv = replayServer({
      '/v1/organization/usage/completions': twoUsagePages(),
      '/v1/organization/costs': [{ status: 200, body: sample('openai/costs.openapi-example.json') }],
    });
    const base = await srv.start();
    try {
      const r = await pullConnection(conn, 'openai', { key: KEY, baseUrl: base, now: NOW, since: new Date('2026-03-01'), retry });
      expect(r.map((x) => [x.id, x.status, x.pages, x.rowsInserted])).toEqual([
        ['openai/usage', 'succeeded', 2, 1],
        ['openai/costs', 'succeeded', 1, 1],
      ]);
      expect(r[0].window).toEqual({ from: '2026-03-01', to: '2026-03-04' });
      const usageCalls = srv.seen.filter((s) => s.path.endsWith('/completions'));
      expect(usageCalls).toHaveLength(3); // 429, page 1, page 2
      expect(usageCalls[0].query.get('start_time')).toBe(String(Date.UTC(2026, 2, 1) / 1000));
      expect(usageCalls[0].query.get('end_time')).toBe(String(Date.UTC(2026, 2, 5) / 1000)); // today's midnight: complete days only
      expect(usageCalls[0].query.get('page')).toBeNull();
      expect(usageCalls[2].query.get('page')).toBe('page_AAA');
      expect(usageCalls.every((s) => s.headers.authorization === `Bearer ${KEY}`)).toBe(true);
      expect(srv.seen.some((s) => s.query.toString().includes(KEY))).toBe(false);

      const { totals } = await getSummary(conn, {});
      expect(totals).toMatchObject({
        requests: 5,
        input_tokens: 1000,
        cached_input_tokens: 400,
        output_tokens: 500,
        billed_cost_usd: '0.06',
      });

      // Second pull the same day: the cursor says up to date, no request is made, nothing changes.
      const before = srv.seen.length;
      const again = await pullConnection(conn, 'openai', { key: KEY, baseUrl: base, now: NOW, retry });
      expect(again.map((x) => x.status)).toEqual(['up_to_date', 'up_to_date']);
      expect(srv.seen.length).toBe(before);
      expect((await getSummary(conn, {})).totals).toEqual(totals);

      // Next day: only the new day is asked for.
      await pullConnection(conn, 'openai', { key: KEY, baseUrl: base, now: new Date('2026-03-06T01:00:00Z'), retry });
      const last = srv.seen.filter((s) => s.path.endsWith('/completions')).at(-1)!;
      expect(last.query.get('start_time')).toBe(String(Date.UTC(2026, 2, 5) / 1000));
      expect(last.query.get('end_time')).toBe(String(Date.UTC(2026, 2, 6) / 1000));
      const states = await listPullStates(conn);
      expect(states.map((s) => [s.id, s.cursor?.toISOString(), s.lastStatus])).toEqual([
        ['openai/costs', '2026-03-06T00:00:00.000Z', 'succeeded'],
        ['openai/usage', '2026-03-06T00:00:00.000Z', 'succeeded'],
      ]);
      expect(JSON.stringify(states)).not.toContain(KEY);
    } finally {
      await srv.stop();
    }
  });

  test('anthropic: x-api-key and version headers, RFC 3339 window, cost cents converted', async () => {
    const srv = replayServer({
      '/v1/organizations/usage_report/messages': [{ status: 200, body: fixture('anthropic/usage-report.json') }],
      '/v1/organizations/cost_report': [{ status: 200, body: fixture('anthropic/cost-report.json') }],
    });
    const base = await srv.start();
    try {
      const r = await pullConnection(conn, 'anthropic', { key: KEY, baseUrl: base, now: NOW, since: new Date('2026-03-01'), retry });
      expect(r.map((x) => [x.id, x.status, x.rowsInserted])).toEqual([
        ['anthropic/usage', 'succeeded', 2],
        ['anthropic/costs', 'succeeded', 4],
      ]);
      const call = srv.seen[0];
      expect(call.headers['x-api-key']).toBe(KEY);
      expect(call.headers['anthropic-version']).toBe('2023-06-01');
      expect(call.query.get('starting_at')).toBe('2026-03-01T00:00:00Z');
      expect(call.query.get('ending_at')).toBe('2026-03-05T00:00:00Z');
      const anthropic = (await getSummary(conn, {})).by_vendor.find((v) => v.vendor === 'anthropic');
      expect(anthropic?.billed_cost_usd).toBe('36.11604321'); // 1.2345 + 0.005 + 25 + 9.87654321
    } finally {
      await srv.stop();
    }
  });

  test('a failure after retries writes nothing, keeps the cursor and records a redacted error', async () => {
    const srv = replayServer({
      '/v1/organization/usage/completions': [
        { status: 200, body: JSON.stringify({ object: 'page', data: [], has_more: true, next_page: 'p2' }) },
        { status: 503, body: `{"error":{"message":"overloaded for key ${KEY}"}}` },
      ],
      '/v1/organization/costs': [{ status: 401, body: '{"error":{"message":"invalid admin key"}}' }],
    });
    const base = await srv.start();
    const now = new Date('2026-03-09T00:00:00Z');
    try {
      const before = await getSummary(conn, {});
      const r = await pullConnection(conn, 'openai', { key: KEY, baseUrl: base, now, retry: { ...retry, retries: 2 } });
      expect(r.map((x) => x.status)).toEqual(['failed', 'failed']);
      expect(r[0].error).toMatch(/HTTP 503 .*gave up after 3 attempts/);
      expect(r[0].error).not.toContain(KEY);
      expect(r[1].error).toMatch(/HTTP 401 \(invalid admin key\)/);
      expect(srv.seen.filter((s) => s.path.endsWith('/costs'))).toHaveLength(1); // a 401 is not retried
      expect(await getSummary(conn, {})).toEqual(before);
      const usage = (await listPullStates(conn)).find((s) => s.id === 'openai/usage');
      expect(usage).toMatchObject({ lastStatus: 'failed', cursor: new Date('2026-03-06T00:00:00Z') });
      expect(usage?.lastError).toContain('[redacted]');
    } finally {
      await srv.stop();
    }
  });

  test('a cursor returned twice is a paging loop: stopped with a clear error, nothing written', async () => {
    // The spec example itself says has_more: true with a fixed next_page: replayed as is, it would loop.
    const srv = replayServer({
      '/v1/organization/usage/completions': [{ status: 200, body: sample('openai/usage-completions.openapi-example.json') }],
      '/v1/organization/costs': [{ status: 200, body: sample('openai/costs.openapi-example.json') }],
    });
    const base = await srv.start();
    try {
      const before = await getSummary(conn, {});
      const r = await pullConnection(conn, 'openai', { key: KEY, baseUrl: base, now: new Date('2026-03-12T00:00:00Z'), retry });
      expect(r[0]).toMatchObject({ status: 'failed', pages: 2, rowsInserted: 0 });
      expect(r[0].error).toBe('openai/usage: the API returned page cursor "page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=" twice (a paging loop)');
      expect((await getSummary(conn, {})).totals.requests).toBe(before.totals.requests);
    } finally {
      await srv.stop();
    }
  });

  test('no key: a clear error naming the variable', async () => {
    await expect(pullConnection(conn, 'anthropic', { env: {} })).rejects.toThrow('set ANTHROPIC_ADMIN_KEY');
  });

  test('the schedule repeats: a second tick one interval later pulls again (up to date: nothing asked twice)', () =>
    withOpenAiOnly(async (srv) => {
      await conn.query("DELETE FROM pull_state WHERE connection = 'openai'");
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const lines: string[] = [];
      const timer = startPullSchedule(
        '2h',
        async () => conn,
        (l) => lines.push(l),
      );
      const pulls = () => lines.filter((l) => l.startsWith('itemized pull openai/'));
      try {
        await expect.poll(() => pulls().length, { timeout: 10_000 }).toBe(2);
        expect(pulls().every((l) => /: (succeeded|up_to_date)/.test(l))).toBe(true);
        const asked = srv.seen.length;
        vi.advanceTimersByTime(3_600_000);
        await new Promise((r) => setTimeout(r, 200));
        expect(pulls(), JSON.stringify(lines)).toHaveLength(2); // half an interval: nothing yet
        vi.advanceTimersByTime(3_600_000);
        await expect.poll(() => pulls().length, { timeout: 10_000 }).toBe(4);
        expect(pulls().slice(2)).toEqual(['itemized pull openai/usage: up_to_date', 'itemized pull openai/costs: up_to_date']);
        expect(srv.seen.length).toBe(asked); // the cursor is at today's midnight: no request
      } finally {
        if (timer) clearInterval(timer);
        vi.useRealTimers();
      }
    }));

  test('the server-side schedule pulls every connection with a key, at once and then every interval', () =>
    withOpenAiOnly(async () => {
      const lines: string[] = [];
      const timer = startPullSchedule(
        '1h',
        async () => conn,
        (l) => lines.push(l),
      );
      try {
        await expect.poll(() => lines.filter((l) => l.startsWith('itemized pull openai/')).length, { timeout: 10_000 }).toBe(2);
        expect(lines[0]).toBe('itemized: pulling openai every 1h');
        expect(lines.join('\n')).not.toContain(KEY);
        const usage = (await listPullStates(conn)).find((s) => s.id === 'openai/usage');
        expect(usage?.lastSuccessAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
        expect(
          startPullSchedule(
            '5s',
            async () => conn,
            (l) => lines.push(l),
          ),
        ).toBeNull();
        expect(lines.at(-1)).toContain('ignored');
      } finally {
        if (timer) clearInterval(timer);
      }
    }));
});
