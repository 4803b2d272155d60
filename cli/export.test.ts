/**
 * `itemized export` end to end: the real CLI in a child process on an embedded database folder (and on
 * Postgres when TEST_DATABASE_URL is set) writes every format for a month; the CSV total equals the
 * database; the export is recorded; bad arguments fail with a message.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openConnection } from '../db/client';
import { databaseTotals, seedFinanceFixture } from '../db/queries/finance-fixture';
import { postgresTestDatabase, type TestDatabase } from '../db/testing';
import { readEnv } from '../lib/env';
import { runCli } from '../test/cli';

interface Target {
  name: string;
  env: Record<string, string | undefined>;
  open: () => ReturnType<typeof openConnection>;
  dispose: () => Promise<void>;
}

function targets(): Target[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'itemized-export-'));
  const list: Target[] = [
    {
      name: 'pglite',
      env: { ITEMIZED_DATA_DIR: dir },
      open: () => openConnection({ dataDir: dir }),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  const admin = readEnv().TEST_DATABASE_URL;
  if (admin) {
    const pg: TestDatabase = postgresTestDatabase(admin);
    list.push({ name: 'postgres', env: { DATABASE_URL: pg.url }, open: () => pg.open(), dispose: () => pg.dispose() });
  }
  return list;
}

describe.each(targets())('itemized export on $name', (t) => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'itemized-export-out-'));
  let list = '';
  beforeAll(async () => {
    const conn = await t.open();
    await seedFinanceFixture(conn);
    list = (await databaseTotals(conn, '2026-03-01', '2026-03-31')).list;
    await conn.close();
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await t.dispose();
  });

  test('writes every format for a month and records the export', async () => {
    for (const format of ['csv', 'xlsx', 'pdf', 'focus']) {
      const file = path.join(out, `march.${format}`);
      const r = await runCli(['export', '--format', format, '--month', '2026-03', '--out', file], t.env);
      expect(r.stderr).toContain(`wrote ${file} (${format}`);
      expect(r.code).toBe(0);
      expect(existsSync(file)).toBe(true);
    }
    const records: string[][] = parse(readFileSync(path.join(out, 'march.csv')));
    const teamHeader = records.findIndex((r) => r[0] === 'Section' && r[1] === 'Spend by cost centre (team)') + 1;
    const total = records.slice(teamHeader).find((r) => r[0] === 'Total')!;
    expect(new Decimal(total[records[teamHeader].indexOf('List cost (USD)')]).equals(list)).toBe(true);
    expect(readFileSync(path.join(out, 'march.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const conn = await t.open();
    const [{ n }] = await conn.query<{ n: number }>("SELECT count(*)::int AS n FROM statement_exports WHERE month = '2026-03-01'");
    await conn.close();
    expect(n).toBe(4);
  });

  test('filters and a day range; --no-record; bad arguments fail', async () => {
    const file = path.join(out, 'core.csv');
    const r = await runCli(
      [
        'export',
        '--format',
        'csv',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-10',
        '--team',
        'core',
        '--team',
        '',
        '--bom',
        '--no-record',
        '--out',
        file,
      ],
      t.env,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('recorded');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFFReport,AI spend statement 2026-03-01 to 2026-03-10')).toBe(true);
    expect(text).toContain('Filter: team,"core, (not set)"');
    const both = await runCli(['export', '--format', 'csv', '--month', '2026-03', '--from', '2026-03-01', '--out', file], t.env);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('either --month or --from/--to');
    const bad = await runCli(['export', '--format', 'docx', '--out', file], t.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected csv, xlsx, pdf or focus');
  });
});
