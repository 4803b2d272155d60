/**
 * The audit queries on a small hand-built dataset (PGlite, and Postgres when TEST_DATABASE_URL is set):
 * events inserted with SQL, the rollup rebuilt from them, every figure checked against hand computation.
 *
 * Workflow w (model m, $10/Mtok output, $0.001 list each): 100 requests at each of 100/200/400/800
 * reasoning tokens with 90% success, plus 20 at 1,600 without an outcome. Workflow l: 30 tasks of 3
 * calls and 5 single calls (no reasoning reported, no outcome). One bucket event of model m (1,000
 * output tokens, reasoning unknown, $0.01).
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { log2Bin } from '../../lib/analysis/stats';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getAccuracyCells } from './accuracy';
import { getVerificationRows, loadAudit } from './audit';
import { getExpensiveTasks, getTaskCalls, getTaskCallsDistribution } from './loops';
import { getBucketOutputCostBy, getHiddenReasoningBy, getReasoningHistogram, getTopHiddenRequests, getTopHiddenTasks } from './reasoning';
import { rebuildRollupDays } from './rollup';

const P = { from: '2026-03-01', to: '2026-03-31' };
const COLS = `dedupe_key, occurred_at, period_seconds, vendor, model, workflow, team, trace_id, output_tokens, reasoning_tokens,
  list_cost_usd, output_price_per_mtok_usd, success, source`;

async function seed(conn: Connection) {
  await conn.query(
    `INSERT INTO usage_events (${COLS})
     SELECT 'w:' || g, '2026-03-02T00:00:00Z'::timestamptz + g * interval '1 minute', 0, 'openai', 'm', 'w', 't1', NULL,
            r + 50, r, 0.001, 10, CASE WHEN g >= 400 THEN NULL ELSE g % 10 <> 0 END, 'test'
       FROM generate_series(0, 419) g, LATERAL (SELECT CASE WHEN g >= 400 THEN 1600 ELSE (100 * 2 ^ (g / 100))::int END AS r) x`,
  );
  await conn.query(
    `INSERT INTO usage_events (${COLS})
     SELECT 'l:' || g, '2026-03-03T00:00:00Z'::timestamptz + g * interval '1 minute', 0, 'openai', 'm', 'l', 't2',
            CASE WHEN g < 90 THEN 'trace-' || (g / 3) END, 10, NULL, 0.001, 10, NULL, 'test'
       FROM generate_series(0, 94) g`,
  );
  await conn.query(
    `INSERT INTO usage_events (${COLS}) VALUES ('b:1', '2026-03-04T00:00:00Z', 86400, 'openai', 'm', 'batch', 't1', NULL, 1000, NULL, 0.01, 10, NULL, 'test')`,
  );
  // Outside the period: must be ignored.
  await conn.query(
    `INSERT INTO usage_events (${COLS}) VALUES ('x:1', '2026-04-01T00:00:00Z', 0, 'openai', 'm', 'w', 't1', NULL, 99050, 99000, 5, 10, NULL, 'test')`,
  );
  await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-01', '2026-04-02'));
}

describe.each(testDatabases())('audit queries on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    await seed(conn);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('accuracy cells: one per quarter octave, exact money sums', async () => {
    const cells = (await getAccuracyCells(conn, P)).filter((c) => c.workflow === 'w');
    expect(cells.map((c) => [c.bucket, c.minTokens, c.requests, c.outcomes, c.successes, c.priceSum])).toEqual([
      [26, 100, 100, 100, 90, '1000'],
      [30, 200, 100, 100, 90, '1000'],
      [34, 400, 100, 100, 90, '1000'],
      [38, 800, 100, 100, 90, '1000'],
      [42, 1600, 20, 0, 0, '200'],
    ]);
    expect(cells[4].tokenPriceSum).toBe('320000');
    const l = (await getAccuracyCells(conn, P)).filter((c) => c.workflow === 'l');
    expect(l.map((c) => [c.measure, c.requests])).toEqual([['output', 95]]);
  });

  test('loadAudit: flat plateau, cap 100, savings 100 x (100 + 300 + 700) + 20 x 1500 tokens at $10/M = $1.4', async () => {
    const r = await loadAudit(conn, P);
    const w = r.workflows.find((x) => x.workflow === 'w')!;
    expect(w).toMatchObject({ verdict: 'plateau', flat: true, capTokens: 100, savingsUsd: '1.4', outcomes: 400 });
    expect(r.totals.savingsAvailableUsd).toBe('1.4');
    expect(r.workflows.find((x) => x.workflow === 'l')).toMatchObject({ verdict: 'not-enough-data', needed: 200, measure: null });
    // unverified: 20 + 95 requests at $0.001 and the $0.01 bucket; list 0.525
    expect(r.totals).toMatchObject({ unverifiedUsd: '0.125', listCostUsd: '0.525' });
    expect(r.totals.unverifiedShare).toBeCloseTo(0.125 / 0.525, 12);
    expect(r.workflows.find((x) => x.workflow === 'w')).toMatchObject({
      costPerVerifiedSuccessUsd: new Decimal(0.4).dividedBy(360).toDecimalPlaces(10).toString(),
    });
  });

  test('verification rows come from the rollup', async () => {
    const rows = await getVerificationRows(conn, P);
    expect(rows.find((x) => x.workflow === 'w')).toMatchObject({
      events: 420,
      outcomeEvents: 400,
      successEvents: 360,
      listCostUsd: '0.42',
      unverifiedListCostUsd: '0.02',
    });
  });

  test('hidden reasoning: measured from the rollup, estimate for the bucket from the model basis', async () => {
    const rows = await getHiddenReasoningBy(conn, P, 'model');
    const req = rows.find((x) => !x.isBucket)!;
    // reasoning 100 x (100+200+400+800) + 20 x 1600 = 182,000; known output + 50 per event with known reasoning
    expect(req).toMatchObject({
      key: 'm',
      reasoningTokens: 182_000,
      reasoningKnownOutputTokens: 182_000 + 420 * 50,
      reasoningListCostUsd: '1.82',
    });
    expect(await getBucketOutputCostBy(conn, P, 'model')).toEqual([{ key: 'm', model: 'm', outputTokens: 1000, outputCostUsd: '0.01' }]);
    const days = await getHiddenReasoningBy(conn, P, 'day');
    expect(days.map((d) => d.key)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  });

  test('histogram bins agree with log2Bin; top requests and tasks', async () => {
    const h = await getReasoningHistogram(conn, P);
    expect(h.map((b) => [b.bin, b.requests])).toEqual([100, 200, 400, 800, 1600].map((t, i) => [log2Bin(t), i === 4 ? 20 : 100]));
    const top = await getTopHiddenRequests(conn, P, 3);
    expect(top.map((t) => [t.reasoningTokens, t.hiddenSpendUsd])).toEqual([
      [1600, '0.016'],
      [1600, '0.016'],
      [1600, '0.016'],
    ]);
    expect(await getTopHiddenTasks(conn, P)).toEqual([]);
  });

  test('loops: 30 three-call tasks and 5 single calls -> fixed chain, 95/35 x the single call', async () => {
    const dist = (await getTaskCallsDistribution(conn, P)).filter((d) => d.workflow === 'l');
    expect(dist.map((d) => [d.calls, d.tasks, d.listCostUsd])).toEqual([
      [1, 5, '0.005'],
      [3, 30, '0.09'],
    ]);
    const loop = (await loadAudit(conn, P)).loops.find((l) => l.workflow === 'l')!;
    expect(loop).toMatchObject({ class: 'fixed_chain', costMultipleBaseline: 'single_call_tasks' });
    expect(loop.costMultiple).toBeCloseTo(95 / 35, 9);
    const top = await getExpensiveTasks(conn, P, 2);
    expect(top.map((t) => [t.calls, t.listCostUsd])).toEqual([
      [3, '0.003'],
      [3, '0.003'],
    ]);
    const calls = await getTaskCalls(conn, 'trace-0');
    expect(calls.map((c) => c.outputTokens)).toEqual([10, 10, 10]);
  });

  test('expensive tasks rank by cost as a number, not as text (10.2 before 9.5)', async () => {
    await conn.query(
      `INSERT INTO usage_events (${COLS})
       SELECT 'x:' || t || ':' || c, '2026-04-10T00:00:00Z'::timestamptz + c * interval '1 minute', 0, 'openai', 'm', 'x', 't1',
              'cost-' || t, 10, NULL, CASE t WHEN 'a' THEN 4.75 ELSE 5.1 END, 10, NULL, 'test'
         FROM unnest(ARRAY['a', 'b']) AS t, generate_series(1, 2) AS c`,
    );
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-04-10', '2026-04-10'));
    const top = await getExpensiveTasks(conn, { from: '2026-04-01', to: '2026-04-30' });
    expect(top.map((t) => [t.traceId, t.listCostUsd])).toEqual([
      ['cost-b', '10.2'],
      ['cost-a', '9.5'],
    ]);
  });

  test('filters narrow every query', async () => {
    const r = await loadAudit(conn, { ...P, workflow: 'l' });
    expect(r.workflows.map((w) => w.workflow)).toEqual(['l']);
    expect(r.totals.listCostUsd).toBe('0.095');
  });
});
