/**
 * The download route on an embedded database folder: headers, the statement bytes, parameter errors.
 * In demo mode (sign-in off: every request is the demo admin); test/download-routes-auth.test.ts covers sign-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Connection, getConnection } from '@/db/client';
import { queryExplorerView } from '@/db/queries/explorer';
import { seedFinanceFixture } from '@/db/queries/finance-fixture';
import { parseExplorerView } from '@/lib/explorer-view';
import { GET } from './route';

const dir = mkdtempSync(path.join(os.tmpdir(), 'itemized-export-route-'));
let conn: Connection;
beforeAll(async () => {
  delete process.env.DATABASE_URL;
  process.env.ITEMIZED_DATA_DIR = dir;
  process.env.ITEMIZED_AUTH = 'off';
  conn = await getConnection();
  await seedFinanceFixture(conn);
});
afterAll(async () => {
  delete process.env.ITEMIZED_AUTH;
  await conn?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (format: string, query: string) =>
  GET(new Request(`http://localhost/api/exports/${format}?${query}`), { params: Promise.resolve({ format }) });

test('a month download: file name, type, filters printed, recorded once', async () => {
  const res = await get('csv', 'month=2026-03&team=core&team=&bom=1');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="itemized-statement-2026-03.csv"');
  const records: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true });
  expect(records).toContainEqual(['Filter: team', 'core, (not set)', ...records[0].slice(2)]);
  const pdf = await get('pdf', 'month=2026-03&record=0');
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  const [{ n }] = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM statement_exports');
  expect(n).toBe(1);
  // Both downloads are in the audit log, by the demo admin; only the first recorded the month.
  const audit = await conn.query<{ actor: string; action: string; target: string; recorded: unknown }>(
    "SELECT actor, action, target, detail->'filters'->'recorded' AS recorded FROM audit_events ORDER BY id",
  );
  expect(audit.map((a) => [a.actor, a.action, a.target, a.recorded === null])).toEqual([
    ['demo', 'export', 'itemized-statement-2026-03.csv', false],
    ['demo', 'export', 'itemized-statement-2026-03.pdf', true],
  ]);
});

test('bad parameters are 400 with a reason', async () => {
  expect((await get('docx', '')).status).toBe(400);
  expect((await get('csv', 'month=2026-3')).status).toBe(400);
  expect((await get('csv', 'month=2026-03&from=2026-03-01')).status).toBe(400);
  const r = await get('xlsx', 'user=u1');
  expect(r.status).toBe(400);
  expect((await r.json()).error).toContain('vendor, team and workflow only');
});

test('view=explorer: the whole grouped view (every page of 500 groups), with its total', async () => {
  const q = 'from=2026-03-01&to=2026-03-31&group=user,vendor&grain=day&size=25&cols=events,listCostUsd';
  const res = await get('csv', `view=explorer&${q}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="itemized-explorer-2026-03-01_2026-03-31.csv"');
  const records: string[][] = parse(Buffer.from(await res.arrayBuffer()));
  const header = records.findIndex((r) => r[0] === 'User');
  expect(records[header]).toEqual(['User', 'Vendor', 'Day starting', 'Events', 'List cost (USD)']);
  const body = records.slice(header + 1).filter((r) => r[0] !== '');
  const total = body.pop()!;
  const r = await queryExplorerView(conn, parseExplorerView(new URLSearchParams(q)), { from: '2026-03-01', to: '2026-03-31' });
  expect(r.totalRows).toBeGreaterThan(500);
  expect(body).toHaveLength(r.totalRows);
  expect(total[0]).toBe('Total');
  expect(total[4]).toBe(r.total.listCostUsd);
  expect(body.reduce((a, x) => a.plus(x[4] || 0), new Decimal(0)).equals(r.total.listCostUsd!)).toBe(true);
  expect((await get('focus', 'view=explorer')).status).toBe(400);
});
