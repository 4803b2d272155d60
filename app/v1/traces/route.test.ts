/** POST /v1/traces (OTLP/HTTP JSON) called directly with Request objects, on both databases. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { count, makeToken, post, useConnection } from '@/app/api/_push/testing';
import type { Connection } from '@/db/client';
import { revokeToken } from '@/db/queries/tokens';
import { testDatabases } from '@/db/testing';
import { FIXTURES } from '@/lib/ingest/openai-testing';
import { POST } from './route';

const fixture = readFileSync(path.join(FIXTURES, 'otel-genai/traces-current.json'), 'utf8');
const T0 = 1767225600000000000n;

function spanDoc(spans: { spanId: string; input: number | string }[]) {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'otlp-test' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((s, i) => ({
              traceId: '11111111111111111111111111111111',
              spanId: s.spanId,
              name: 'chat gpt-4.1-mini',
              startTimeUnixNano: String(T0 + BigInt(i) * 1_000_000_000n),
              endTimeUnixNano: String(T0 + BigInt(i) * 1_000_000_000n + 500_000_000n),
              attributes: [
                { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
                { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4.1-mini' } },
                { key: 'gen_ai.usage.input_tokens', value: { intValue: String(s.input) } },
                { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
              ],
            })),
          },
        ],
      },
    ],
  });
}

describe.each(testDatabases())('POST /v1/traces on $name', (tdb) => {
  let conn: Connection;
  let token: string;
  const headers = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    ...extra,
  });
  beforeAll(async () => {
    conn = await tdb.open();
    useConnection(conn);
    token = await makeToken(conn, 'collector');
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('every span accepted: 200 {} (an ExportTraceServiceResponse); the same export twice is stored once', async () => {
    const r = await POST(post('/v1/traces', fixture, headers()));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(await r.json()).toEqual({});
    expect(await count(conn)).toBe(2);
    const again = await POST(post('/v1/traces', gzipSync(fixture), headers({ 'content-encoding': 'gzip' })));
    expect(await again.json()).toEqual({});
    expect(await count(conn)).toBe(2);
    const [run] = await conn.query<{ file_name: string; source: string }>(
      'SELECT file_name, source FROM ingest_runs ORDER BY id DESC LIMIT 1',
    );
    expect(run).toEqual({ file_name: 'otlp:collector', source: 'otel_genai' });
  });

  test('partialSuccess: invalid GenAI spans are counted as rejected (int64 as a string), the valid ones stored', async () => {
    const before = await count(conn);
    const body = spanDoc([
      { spanId: 'a000000000000001', input: 100 },
      { spanId: 'a000000000000002', input: -3 },
      { spanId: 'a000000000000003', input: 'many' },
      { spanId: 'a000000000000004', input: 40 },
    ]);
    const r = await POST(post('/v1/traces', body, headers()));
    expect(r.status).toBe(200);
    const json = await r.json();
    expect(json).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: expect.stringContaining('spans[1].attributes.gen_ai.usage.input_tokens') },
    });
    expect(await count(conn)).toBe(before + 2);
  });

  test('400 with a Status body: not JSON, not an ExportTraceServiceRequest, empty', async () => {
    const before = await count(conn);
    for (const body of ['{"resourceSpans":', '{"spans": []}', '']) {
      const r = await POST(post('/v1/traces', body, headers()));
      expect(r.status, body).toBe(400);
      const s = await r.json();
      expect(s).toEqual({ code: 3, message: expect.any(String) });
    }
    expect(await count(conn)).toBe(before);
  });

  test('401 without or with a revoked token (Status code 16)', async () => {
    const none = await POST(post('/v1/traces', fixture, { 'content-type': 'application/json' }));
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 16, message: expect.stringMatching(/missing bearer token/) });
    const old = await makeToken(conn, 'old-collector');
    await revokeToken(conn, 'old-collector');
    const revoked = await POST(post('/v1/traces', fixture, { authorization: `Bearer ${old}`, 'content-type': 'application/json' }));
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: 16, message: 'token revoked' });
  });

  test('415 for protobuf and other media types; 413 over the limit', async () => {
    const proto = await POST(post('/v1/traces', new Uint8Array([10, 0]), headers({ 'content-type': 'application/x-protobuf' })));
    expect(proto.status).toBe(415);
    expect((await proto.json()).message).toMatch(/http\/json/);
    const csv = await POST(post('/v1/traces', 'a,b\n', headers({ 'content-type': 'text/csv' })));
    expect(csv.status).toBe(415);
    process.env.ITEMIZED_MAX_PUSH_BYTES = '512';
    try {
      const big = await POST(post('/v1/traces', fixture, headers()));
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ code: 8, message: expect.stringMatching(/512 bytes/) });
    } finally {
      delete process.env.ITEMIZED_MAX_PUSH_BYTES;
    }
  });
});
