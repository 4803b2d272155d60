/**
 * A real OpenTelemetry JS SDK (BasicTracerProvider + OTLPTraceExporter over HTTP/JSON) exporting GenAI
 * spans to the app's OTLP receiver, served over HTTP by a thin adapter around the route handler (the
 * same code `next start` runs). Checks what the exporter sees (success) and the totals stored. Both databases.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeToken, useConnection } from '@/app/api/_push/testing';
import type { Connection } from '@/db/client';
import { getSummary } from '@/db/queries/summary';
import { testDatabases } from '@/db/testing';
import { exportGenAiSpans, type GenAiSpan } from '@/test/otel-genai-export';
import { POST } from './route';

/** Node request -> Web Request -> route handler -> Node response. */
function serve(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const r = await POST(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
    res.writeHead(r.status, Object.fromEntries(r.headers.entries()));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, server })),
  );
}

describe.each(testDatabases())('OpenTelemetry SDK -> POST /v1/traces on $name', (tdb) => {
  let conn: Connection;
  let http: { url: string; server: Server };
  beforeAll(async () => {
    conn = await tdb.open();
    useConnection(conn);
    http = await serve();
  });
  afterAll(async () => {
    await new Promise<void>((r) => http.server.close(() => r()));
    await conn?.close();
    await tdb.dispose();
  });

  const exportSpans = (token: string, spans: GenAiSpan[]) => exportGenAiSpans(http.url, token, spans, 'otel-sdk-test');

  test('GenAI spans exported by the SDK are stored with their token counts', async () => {
    const token = await makeToken(conn, 'sdk');
    const results = await exportSpans(token, [
      { model: 'gpt-4.1-mini', input: 1200, output: 300 },
      { model: 'o4-mini', input: 800, output: 500, reasoning: 320 },
    ]);
    expect(results).toEqual([0, 0]);
    const { totals } = await getSummary(conn, {});
    expect(totals).toMatchObject({ requests: 2, input_tokens: 2000, output_tokens: 800 });
    const [row] = await conn.query<{ n: string }>("SELECT count(*)::text AS n FROM usage_events WHERE source = 'otel_genai'");
    expect(row.n).toBe('2');
  });

  test('a bad token: the exporter is told it failed and nothing is stored', async () => {
    const before = (await getSummary(conn, {})).totals.requests;
    const results = await exportSpans('itm_not-a-token', [{ model: 'gpt-4.1-mini', input: 1, output: 1 }]);
    expect(results).toEqual([1]);
    expect((await getSummary(conn, {})).totals.requests).toBe(before);
  });
});
