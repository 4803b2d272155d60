/** POST /api/ingest called directly with Request objects, on both databases. */
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '@/db/client';
import { revokeToken } from '@/db/queries/tokens';
import { testDatabases } from '@/db/testing';
import { count, makeToken, post, streamOf, useConnection } from '../_push/testing';
import { POST } from './route';

function logLine(id: string, promptTokens = 100) {
  return JSON.stringify({
    timestamp: '2026-03-01T10:00:00Z',
    request_id: id,
    metadata: { trace_id: 'push-task' },
    response: {
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: 1772359200,
      model: 'gpt-4.1-mini',
      choices: [],
      usage: { prompt_tokens: promptTokens, completion_tokens: 20, total_tokens: promptTokens + 20 },
    },
  });
}
const payload = `${logLine('p-1')}\n${logLine('p-2')}\n${logLine('p-3')}\n`;

describe.each(testDatabases())('POST /api/ingest on $name', (tdb) => {
  let conn: Connection;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });
  beforeAll(async () => {
    conn = await tdb.open();
    useConnection(conn);
    token = await makeToken(conn, 'ci');
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });
  afterEach(() => {
    delete process.env.ITEMIZED_MAX_PUSH_BYTES;
  });

  test('a JSONL push is detected, loaded, and the same payload twice is stored once', async () => {
    const first = await POST(post('/api/ingest', payload, { ...auth(), 'content-type': 'application/x-ndjson' }));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      source: 'response_log',
      status: 'succeeded',
      rowsRead: 3,
      rowsInserted: 3,
      rowsDuplicate: 0,
    });
    const again = await POST(post('/api/ingest', payload, { ...auth(), 'content-type': 'application/x-ndjson' }));
    expect(await again.json()).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsDuplicate: 3 });
    expect(await count(conn)).toBe(3);
    const [run] = await conn.query<{ file_name: string }>('SELECT file_name FROM ingest_runs ORDER BY id DESC LIMIT 1');
    expect(run.file_name).toBe('push:ci');
    const [t] = await conn.query<{ last_used_at: Date | null }>("SELECT last_used_at FROM ingest_tokens WHERE name = 'ci'");
    expect(t.last_used_at).not.toBeNull();
  });

  test('?source= forces a source; gzip bodies are read; ?name= is recorded with the run', async () => {
    const csv = 'request_id,success,score,outcome_source\np-1,true,0.8,ci-tests\n';
    const r = await POST(
      post('/api/ingest?source=outcomes&name=nightly', gzipSync(csv), { ...auth(), 'content-type': 'application/gzip' }),
    );
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ source: 'outcomes', rowsInserted: 1 });
    const [e] = await conn.query<{ success: boolean }>("SELECT success FROM usage_events WHERE request_id = 'p-1'");
    expect(e.success).toBe(true);
    const [run] = await conn.query<{ file_name: string }>('SELECT file_name FROM ingest_runs ORDER BY id DESC LIMIT 1');
    expect(run.file_name).toBe('push:ci/nightly');
  });

  test('?timezone= reads zone-less timestamps (LiteLLM exports) at that offset; a zone with no fixed offset is a 400', async () => {
    const row = (id: string) =>
      JSON.stringify({
        request_id: id,
        call_type: 'acompletion',
        spend: 0.001,
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        startTime: '2025-01-24 09:00:00',
        endTime: '2025-01-24 09:00:01',
        model: 'gpt-4.1-mini',
        custom_llm_provider: 'openai',
      });
    const r = await POST(post('/api/ingest?timezone=%2B02:00', `${row('tz-1')}\n`, { ...auth(), 'content-type': 'application/x-ndjson' }));
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ source: 'litellm', rowsInserted: 1 });
    const [e] = await conn.query<{ at: string }>(
      "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at FROM usage_events WHERE request_id = 'tz-1'",
    );
    expect(e.at).toBe('2025-01-24 07:00');
    const bad = await POST(
      post('/api/ingest?timezone=Europe/Berlin', `${row('tz-2')}\n`, { ...auth(), 'content-type': 'application/x-ndjson' }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/timezone: expected UTC or a fixed offset/);
  });

  test('400: a malformed record is named by line and field and nothing is written', async () => {
    const before = await count(conn);
    const bad = `${logLine('p-10')}\n${logLine('p-11', -5)}\n`;
    const r = await POST(post('/api/ingest', bad, { ...auth(), 'content-type': 'application/jsonl' }));
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error).toMatch(
      /nothing written: push:ci, line 2: field response\.usage\.prompt_tokens: expected a non-negative token count/,
    );
    expect(body.issues).toEqual([expect.objectContaining({ line: 2, field: 'response.usage.prompt_tokens' })]);
    expect(await count(conn)).toBe(before);
  });

  test('400: unrecognised content, unknown ?source, bad ?at, empty body', async () => {
    const unknown = await POST(post('/api/ingest', '{"hello":"world"}', { ...auth(), 'content-type': 'application/json' }));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatch(/record 1: unrecognised format/);
    const src = await POST(post('/api/ingest?source=nope', payload, { ...auth(), 'content-type': 'application/json' }));
    expect(src.status).toBe(400);
    expect((await src.json()).error).toMatch(/unknown source "nope" \(expected one of: .*openrouter/);
    const at = await POST(post('/api/ingest?at=soon', payload, { ...auth(), 'content-type': 'application/json' }));
    expect(at.status).toBe(400);
    const empty = await POST(post('/api/ingest', '', { ...auth(), 'content-type': 'application/json' }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/file is empty/);
  });

  test('401: no token, a malformed one, an unknown one, a revoked one, an expired one', async () => {
    const h = (authorization?: string) => ({ 'content-type': 'application/json', ...(authorization ? { authorization } : {}) });
    const cases: [string | undefined, RegExp][] = [
      [undefined, /missing bearer token/],
      ['Basic dXNlcjpwYXNz', /missing bearer token/],
      ['Bearer not-a-token', /invalid token/],
      [`Bearer itm_${'A'.repeat(43)}`, /invalid token/],
    ];
    const revoked = await makeToken(conn, 'old-ci');
    await revokeToken(conn, 'old-ci');
    cases.push([`Bearer ${revoked}`, /token revoked/]);
    const expired = await makeToken(conn, 'temp', new Date(Date.now() - 1000));
    cases.push([`Bearer ${expired}`, /token expired/]);
    const before = await count(conn);
    for (const [header, message] of cases) {
      const r = await POST(post('/api/ingest', payload, h(header)));
      expect(r.status, String(header)).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await r.json()).error).toMatch(message);
    }
    expect(await count(conn)).toBe(before);
  });

  test('413: over ITEMIZED_MAX_PUSH_BYTES, announced or streamed; the message states the limit; nothing written', async () => {
    process.env.ITEMIZED_MAX_PUSH_BYTES = '1000';
    const before = await count(conn);
    const declared = await POST(post('/api/ingest', payload, { ...auth(), 'content-type': 'application/json', 'content-length': '5000' }));
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatch(/exceeds the push limit of 1000 bytes/);
    const streamed = await POST(post('/api/ingest', streamOf(200_000), { ...auth(), 'content-type': 'application/x-ndjson' }));
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: expect.stringMatching(/1000 bytes .*ITEMIZED_MAX_PUSH_BYTES/), limitBytes: 1000 });
    const lines = Array.from({ length: 20 }, (_, i) => logLine(`big-${i}`)).join('\n');
    const real = await POST(post('/api/ingest', lines, { ...auth(), 'content-type': 'application/x-ndjson' }));
    expect(real.status).toBe(413);
    expect(await count(conn)).toBe(before);
    delete process.env.ITEMIZED_MAX_PUSH_BYTES;
  });

  test('415: unsupported content types and encodings', async () => {
    for (const [type, enc] of [
      ['multipart/form-data; boundary=x', ''],
      ['text/html', ''],
      ['', ''],
      ['application/json', 'br'],
    ]) {
      const headers: Record<string, string> = { ...auth() };
      if (type) headers['content-type'] = type;
      if (enc) headers['content-encoding'] = enc;
      // Bytes, not a string: a string body would get text/plain by default.
      const r = await POST(post('/api/ingest', new TextEncoder().encode(payload), headers));
      expect(r.status, `${type} ${enc}`).toBe(415);
      expect((await r.json()).error).toMatch(/unsupported content (type|encoding)/);
    }
  });
});
