/** Daily spend per scope on the finance fixture (PGlite and Postgres), fed to forecast, budgets and anomalies. */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectSpendAnomalies } from '../../lib/analysis/anomalies';
import { budgetBurn, seriesByKey } from '../../lib/analysis/budgets';
import { forecastMonth } from '../../lib/analysis/forecast';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getDailySpend } from './daily-spend';
import { listExplorerRequests } from './explorer-requests';
import { databaseTotals, seedFinanceFixture } from './finance-fixture';
import { rebuildRollupDays } from './rollup';
import { getMonthlyStatement } from './statement';

describe.each(testDatabases())('daily spend on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    await seedFinanceFixture(conn);
    // A planted spike: 40 requests of $2.5 each on the 'chat' workflow on 2026-03-25.
    await conn.query(`INSERT INTO usage_events (dedupe_key, occurred_at, vendor, model, output_tokens, list_cost_usd, team, workflow, source)
      SELECT 'spike:' || g, '2026-03-25T12:00:00Z'::timestamptz + g * interval '1 second', 'openai', 'gpt-5-mini', 1000, 2.5, 'core', 'chat', 'test'
        FROM generate_series(1, 40) g`);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-25', '2026-03-25'));
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('per-team daily rows add up to the statement team lines', async () => {
    const rows = await getDailySpend(conn, { from: '2026-03-01', to: '2026-03-31', by: 'team' });
    const s = await getMonthlyStatement(conn, '2026-03');
    for (const line of s.teams.filter((l) => l.kind !== 'invoice')) {
      const mine = rows.filter((r) => r.key === line.key);
      const total = mine.reduce((a, r) => a.plus(r.listCostUsd ?? 0), new Decimal(0));
      expect(total.equals(line.listCostUsd ?? 0), String(line.key)).toBe(true);
    }
    const total = await getDailySpend(conn, { from: '2026-03-01', to: '2026-03-31', by: 'total' });
    expect(total).toHaveLength(31);
    expect(total.every((r) => r.key === null)).toBe(true);
    const db = await databaseTotals(conn, '2026-03-01', '2026-03-31');
    expect(total.reduce((a, r) => a.plus(r.listCostUsd ?? 0), new Decimal(0)).equals(db.list)).toBe(true);
  });

  test('forecast month-to-date equals the database; budgets read the same series', async () => {
    const rows = await getDailySpend(conn, { from: '2026-03-01', to: '2026-03-20', by: 'total' });
    const f = forecastMonth(
      rows.map((r) => ({ day: r.day, amountUsd: r.listCostUsd })),
      { month: '2026-03', asOf: '2026-03-20' },
    );
    const db = await databaseTotals(conn, '2026-03-01', '2026-03-20');
    expect(new Decimal(f.monthToDateUsd).equals(db.list)).toBe(true);
    const [b] = budgetBurn([{ scope: 'total', key: null, month: '2026-03', amountUsd: '1' }], seriesByKey(rows, 'total'), {
      month: '2026-03',
      asOf: '2026-03-20',
    });
    expect(b.status).toBe('over');
    expect(b.spentUsd).toBe(f.monthToDateUsd);
  });

  test('the planted workflow spike is flagged and links to exactly its requests', async () => {
    const rows = await getDailySpend(conn, { from: '2026-02-25', to: '2026-03-31', by: 'workflow' });
    const flags = detectSpendAnomalies(
      rows.map((r) => ({ day: r.day, workflow: r.key, amountUsd: r.listCostUsd })),
      { from: '2026-03-20', to: '2026-03-31', minBaselineDays: 14 },
    );
    expect(flags.map((f) => [f.day, f.workflow])).toEqual([['2026-03-25', 'chat']]);
    const page = await listExplorerRequests(conn, { ...flags[0].requests, limit: 500 });
    const [{ n }] = await conn.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM usage_events WHERE workflow = 'chat' AND occurred_at >= '2026-03-25T00:00:00Z' AND occurred_at < '2026-03-26T00:00:00Z'`,
    );
    expect(page.rows).toHaveLength(n);
    expect(page.rows.filter((r) => r.listCostUsd === '2.5')).toHaveLength(40);
  });
});
