/** Reconciliation sums per vendor-month from the rollup and cost lines, on both databases; exact text. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../client';
import { costLines, usageDaily } from '../schema';
import { testDatabases } from '../testing';
import { getReconciliation, getReconciliationInputs } from './reconciliation';
import { getSummary } from './summary';

type Daily = typeof usageDaily.$inferInsert;
type Line = typeof costLines.$inferInsert;

const daily = (r: Partial<Daily> & Pick<Daily, 'day' | 'vendor'>): Daily => ({
  model: 'm',
  source: 'response_log',
  isBucket: false,
  events: 1,
  requests: 1,
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  reasoningKnownOutputTokens: 0,
  unpricedEvents: 0,
  unpricedTokens: 0,
  outcomeEvents: 0,
  successEvents: 0,
  ...r,
});
let n = 0;
const line = (r: Partial<Line> & Pick<Line, 'vendor' | 'billedCostUsd'>, start: string): Line => ({
  dedupeKey: `k${n++}`,
  periodStart: new Date(`${start}T00:00:00Z`),
  periodEnd: new Date(`${start}T23:59:59Z`),
  chargeCategory: 'usage',
  source: 'openai_costs',
  ...r,
});

describe.each(testDatabases())('reconciliation on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    await conn.db.insert(usageDaily).values([
      daily({ day: '2026-03-01', vendor: 'openai', events: 2, listCostUsd: '1.25' }),
      daily({ day: '2026-03-31', vendor: 'openai', model: 'x', events: 3, listCostUsd: '0.0000000001', unpricedEvents: 1 }),
      daily({ day: '2026-04-01', vendor: 'openai', events: 1, listCostUsd: '5', isBucket: true, source: 'openai_usage' }),
      // Logged the day the export's bucket covers (the bucket names no project: it covers every one): may overlap.
      daily({ day: '2026-04-01', vendor: 'openai', project: 'p-app', events: 1, listCostUsd: '1' }),
      // An export of another project than the logged one, the same day: no overlap.
      daily({
        day: '2026-05-01',
        vendor: 'openai',
        project: 'p-export',
        events: 1,
        listCostUsd: '1',
        isBucket: true,
        source: 'openai_usage',
      }),
      daily({ day: '2026-05-01', vendor: 'openai', project: 'p-app', events: 1, listCostUsd: '2' }),
      daily({ day: '2026-03-03', vendor: 'openai', source: 'codex', events: 9, listCostUsd: '7.5', unpricedEvents: 2 }),
      // Only Claude Code sessions (flat-rate seats) and no bill: nothing to reconcile, no row.
      daily({ day: '2026-02-10', vendor: 'anthropic', source: 'claude_code', events: 5, listCostUsd: '12' }),
      daily({ day: '2026-03-15', vendor: 'openrouter', events: 4, listCostUsd: '2', billedCostUsd: '2.01' }),
    ]);
    await conn.db
      .insert(costLines)
      .values([
        line({ vendor: 'openai', billedCostUsd: '1.2500000001' }, '2026-03-10'),
        line({ vendor: 'openai', billedCostUsd: '-0.5', chargeCategory: 'credit' }, '2026-03-20'),
        line({ vendor: 'openai', billedCostUsd: '9' }, '2026-04-30'),
        line({ vendor: 'aws', billedCostUsd: '100', source: 'focus', tags: { cloud: 'aws' } }, '2026-03-01'),
        line({ vendor: 'aws_bedrock', billedCostUsd: '3.3', source: 'focus', tags: { cloud: 'aws', ai_service: true } }, '2026-03-01'),
      ]);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('sums per vendor and month; non-AI cloud lines left out; credits kept apart', async () => {
    const rows = await getReconciliationInputs(conn, {});
    expect(rows.map((r) => `${r.month} ${r.vendor}`)).toEqual([
      '2026-05 openai',
      '2026-04 openai',
      '2026-03 aws_bedrock',
      '2026-03 openai',
      '2026-03 openrouter',
    ]);
    expect(rows[0]).toMatchObject({ usageListUsd: '3', usageEvents: 2, bucketsAndLogs: false });
    expect(rows[1]).toMatchObject({ costLinesUsd: '9', usageListUsd: '6', usageEvents: 2, bucketsAndLogs: true });
    expect(rows[2]).toMatchObject({ costLinesUsd: '3.3', usageEvents: 0, usageListUsd: null });
    expect(rows[3]).toMatchObject({
      costLinesUsd: '1.2500000001',
      otherChargesUsd: '-0.5',
      usageListUsd: '1.2500000001',
      usageEvents: 5,
      unpricedEvents: 1,
      requestBilledUsd: null,
      bucketsAndLogs: false,
      agentLogListUsd: '7.5',
    });
    expect(rows[4]).toMatchObject({ costLinesUsd: null, requestBilledUsd: '2.01', usageListUsd: '2' });
  });

  test('verdicts: matched to the cent, gaps, missing sides', async () => {
    const rows = await getReconciliation(conn, {});
    const by = Object.fromEntries(rows.map((r) => [`${r.month} ${r.vendor}`, r]));
    expect(by['2026-03 openai']).toMatchObject({ gapUsd: '0', status: 'matched', missing: 'prices' });
    expect(by['2026-04 openai']).toMatchObject({ gapUsd: '3', gapPct: '33.33', status: 'gap' });
    expect(by['2026-03 aws_bedrock']).toMatchObject({ status: 'no_usage', missing: 'usage' });
    expect(by['2026-03 openrouter']).toMatchObject({ billedBasis: 'requests', gapUsd: '0.01', status: 'matched' });
  });

  test('period and vendor filters apply to both sides', async () => {
    const rows = await getReconciliationInputs(conn, { from: '2026-03-10', to: '2026-04-01', vendor: 'openai' });
    expect(rows.map((r) => [r.month, r.costLinesUsd, r.usageListUsd])).toEqual([
      ['2026-04', null, '6'],
      ['2026-03', '1.2500000001', '0.0000000001'],
    ]);
  });

  test('summary --json carries the reconciliation array (snake_case, decimal strings)', async () => {
    const { reconciliation } = await getSummary(conn, { from: '2026-04-01', to: '2026-04-30' });
    expect(reconciliation).toEqual([
      {
        vendor: 'openai',
        month: '2026-04',
        billed_usd: '9',
        billed_basis: 'cost_lines',
        usage_list_cost_usd: '6',
        gap_usd: '3',
        gap_pct: '33.33',
        status: 'gap',
        missing: null,
        other_charges_usd: null,
        usage_events: 2,
        unpriced_events: 0,
        notes: ['usage exports and request logs cover the same days, models and projects: the usage side may count that traffic twice'],
      },
    ]);
  });
});
