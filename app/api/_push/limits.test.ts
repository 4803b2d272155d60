/**
 * The push endpoints' guards, on both databases: token scopes (403), the per-token rate limit (429 + Retry-After),
 * gzip bombs (413 naming the limit, quickly, in bounded memory) and the JSON depth bound, each storing nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '@/db/client';
import { testDatabases } from '@/db/testing';
import { gzipBomb, peakRssGrowth } from '@/lib/ingest/gunzip-testing';
import { FIXTURES } from '@/lib/ingest/openai-testing';
import { POST as traces } from '../../v1/traces/route';
import { POST as upload } from '../imports/route';
import { POST as ingest } from '../ingest/route';
import { count, makeToken, post, useConnection } from './testing';

const line = (id: string) =>
  JSON.stringify({
    timestamp: '2026-03-01T10:00:00Z',
    request_id: id,
    response: {
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: 1772359200,
      model: 'gpt-4.1-mini',
      choices: [],
      usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
    },
  });
const jsonl = `${line('l-1')}\n${line('l-2')}\n`;
const otlp = readFileSync(path.join(FIXTURES, 'otel-genai/traces-current.json'), 'utf8');
const GB = 1024 * 1024 * 1024;
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const web = (r: Readable) => Readable.toWeb(r) as unknown as ReadableStream<Uint8Array>;

describe.each(testDatabases())('push limits on $name', (tdb) => {
  let conn: Connection;
  let all: string;
  const stored = async () => [await count(conn), await count(conn, 'ingest_runs')];
  beforeAll(async () => {
    conn = await tdb.open();
    useConnection(conn);
    all = await makeToken(conn, 'all');
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });
  afterEach(() => {
    delete process.env.ITEMIZED_PUSH_RATE;
    // Token ids restart at 1 in each test database: start every test with fresh buckets.
    delete (globalThis as { itemizedPushLimiter?: unknown }).itemizedPushLimiter;
  });

  test('403: a token without the endpoint’s scope is refused and nothing is stored; with it, accepted', async () => {
    const tracesOnly = await makeToken(conn, 'otel-only', null, ['ingest:traces']);
    const filesOnly = await makeToken(conn, 'files-only', null, ['ingest:files']);
    const before = await stored();
    const r1 = await ingest(post('/api/ingest', jsonl, { ...bearer(tracesOnly), 'content-type': 'application/x-ndjson' }));
    expect(r1.status).toBe(403);
    expect((await r1.json()).error).toMatch(/needs scope ingest:files/);
    expect(r1.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    const r2 = await traces(post('/v1/traces', otlp, { ...bearer(filesOnly), 'content-type': 'application/json' }));
    expect(r2.status).toBe(403);
    expect(await r2.json()).toMatchObject({ code: 7, message: expect.stringMatching(/needs scope ingest:traces/) });
    expect(await stored()).toEqual(before);
    expect((await traces(post('/v1/traces', otlp, { ...bearer(tracesOnly), 'content-type': 'application/json' }))).status).toBe(200);
    expect((await ingest(post('/api/ingest', jsonl, { ...bearer(filesOnly), 'content-type': 'application/x-ndjson' }))).status).toBe(200);
  });

  test('429: past ITEMIZED_PUSH_RATE a token is refused with Retry-After and nothing stored; other tokens unaffected', async () => {
    process.env.ITEMIZED_PUSH_RATE = '3';
    const other = await makeToken(conn, 'other');
    const push = (t: string, id: string) => ingest(post('/api/ingest', line(id), { ...bearer(t), 'content-type': 'application/x-ndjson' }));
    for (let i = 0; i < 3; i++) expect((await push(all, `r-${i}`)).status).toBe(200);
    const before = await stored();
    const limited = await push(all, 'r-over');
    expect(limited.status).toBe(429);
    // 3 per minute: one every 20 s, less whatever refilled while the three pushes ran (slow on a loaded machine).
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect((await limited.json()).error).toMatch(/rate limit exceeded: this token may push 3 requests per minute \(ITEMIZED_PUSH_RATE\)/);
    expect(await stored()).toEqual(before);
    expect((await push(other, 'r-other')).status).toBe(200);
    // The traces endpoint shares the bucket: the token is still over its rate there.
    const t = await traces(post('/v1/traces', otlp, { ...bearer(all), 'content-type': 'application/json' }));
    expect(t.status).toBe(429);
    expect(await t.json()).toMatchObject({ code: 8 });
    process.env.ITEMIZED_PUSH_RATE = '0';
    for (let i = 0; i < 5; i++) expect((await push(all, `r-off-${i}`)).status).toBe(200);
  });

  test('413: a gzip bomb (1 GB of newlines after a record) is refused in seconds, in bounded memory, nothing stored', async () => {
    const before = await stored();
    const { result, ms, growth } = await peakRssGrowth(() =>
      ingest(post('/api/ingest', web(gzipBomb(GB, '\n', `${line('bomb')}\n`)), { ...bearer(all), 'content-type': 'application/gzip' })),
    );
    expect(result.status).toBe(413);
    expect((await result.json()).error).toMatch(/nothing written: .*inflates more than 200:1 .*ITEMIZED_MAX_DECOMPRESSION_RATIO/);
    expect(ms).toBeLessThan(5_000);
    expect(growth).toBeLessThan(200 * 1024 * 1024);
    expect((await stored())[0]).toBe(before[0]);
    const [run] = await conn.query<{ status: string }>('SELECT status FROM ingest_runs ORDER BY id DESC LIMIT 1');
    expect(run.status).toBe('failed');
  });

  test('413 on /v1/traces too, and the size bound (ITEMIZED_MAX_DECOMPRESSED_MB) names itself', async () => {
    const before = await stored();
    const bomb = gzipBomb(GB, ' ', '{"resourceSpans":[');
    const r = await traces(
      post('/v1/traces', web(bomb), { ...bearer(all), 'content-type': 'application/json', 'content-encoding': 'gzip' }),
    );
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ code: 8, message: expect.stringMatching(/200:1/) });
    process.env.ITEMIZED_MAX_DECOMPRESSED_MB = '2';
    process.env.ITEMIZED_MAX_DECOMPRESSION_RATIO = '1000000';
    try {
      const big = await ingest(
        post('/api/ingest', web(gzipBomb(64 * 1024 * 1024, '\n', `${line('big')}\n`)), {
          ...bearer(all),
          'content-type': 'application/gzip',
        }),
      );
      expect(big.status).toBe(413);
      expect((await big.json()).error).toMatch(/beyond the limit of 2 MiB \(ITEMIZED_MAX_DECOMPRESSED_MB\)/);
    } finally {
      delete process.env.ITEMIZED_MAX_DECOMPRESSED_MB;
      delete process.env.ITEMIZED_MAX_DECOMPRESSION_RATIO;
    }
    expect((await stored())[0]).toBe(before[0]);
  });

  test('an uploaded .gz bomb (Imports page) fails with the limit named and stores nothing', async () => {
    const before = await stored();
    const chunks: Buffer[] = [];
    for await (const c of gzipBomb(256 * 1024 * 1024, '\n', `${line('up')}\n`)) chunks.push(c as Buffer);
    const form = new FormData();
    form.append('file', new File([Buffer.concat(chunks)], 'logs.jsonl.gz'));
    // Uploads are admin-only; demo mode acts as the demo admin (role checks are tested in test/routes-guarded).
    process.env.ITEMIZED_AUTH = 'off';
    let r: Response;
    try {
      r = await upload(new Request('http://localhost/api/imports', { method: 'POST', body: form }));
    } finally {
      delete process.env.ITEMIZED_AUTH;
    }
    const j = await r.json();
    expect(j).toMatchObject({ status: 'failed', rowsInserted: 0 });
    expect(j.issues[0].message).toMatch(/inflates more than 200:1 .*ITEMIZED_MAX_DECOMPRESSION_RATIO/);
    const [run] = await conn.query<{ status: string; errors: string }>(
      'SELECT status, errors::text FROM ingest_runs ORDER BY id DESC LIMIT 1',
    );
    expect(run.status).toBe('failed');
    expect(run.errors).toMatch(/ITEMIZED_MAX_DECOMPRESSION_RATIO/);
    expect((await stored())[0]).toBe(before[0]);
  });

  test('400: a pushed record nested 10,000 deep hits the same depth bound as files; nothing stored', async () => {
    const before = await stored();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const r = await ingest(post('/api/ingest', `${line('d-1')}\n${deep}\n`, { ...bearer(all), 'content-type': 'application/x-ndjson' }));
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatch(/line 2: nested deeper than 1000 levels/);
    expect((await stored())[0]).toBe(before[0]);
  });
});
