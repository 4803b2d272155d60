/**
 * Overview queries on a fresh embedded database and, when TEST_DATABASE_URL is set, on a fresh
 * Postgres database created and dropped for this run. Rows go straight into the rollup and
 * cost_lines (the loader has its own tests); sums are asserted exactly.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareValues, previousPeriod } from '../../lib/analysis/compare';
import { computeReasoningShare } from '../../lib/analysis/reasoning-share';
import { stackByDay } from '../../lib/analysis/timeseries';
import { readEnv } from '../../lib/env';
import { type Connection, openConnection } from '../client';
import { costLines, usageDaily } from '../schema';
import {
  getBilledTotals,
  getDailyListSpendByVendor,
  getDataExtent,
  getFilterOptions,
  getReasoningByModel,
  getTopModels,
  getTopWorkflows,
  getUnpricedUsage,
  getUsageTotals,
} from './overview';

type DailyInsert = typeof usageDaily.$inferInsert;

function daily(row: Partial<DailyInsert> & Pick<DailyInsert, 'day' | 'vendor' | 'model'>): DailyInsert {
  return {
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
    ...row,
  };
}

const ROWS: DailyInsert[] = [
  // Previous period (2026-02-19..2026-02-28).
  daily({ day: '2026-02-20', vendor: 'openai', model: 'gpt-5-mini', requests: 4, events: 4, outputTokens: 400, listCostUsd: '0.8' }),
  // Current period (2026-03-01..2026-03-10).
  daily({
    day: '2026-03-02',
    vendor: 'openai',
    model: 'gpt-5-mini',
    team: 't1',
    workflow: 'w1',
    events: 3,
    requests: 3,
    inputTokens: 1000,
    outputTokens: 600,
    reasoningTokens: 200,
    reasoningKnownOutputTokens: 500,
    listCostUsd: '0.1234567891',
    outcomeEvents: 2,
    successEvents: 1,
    unverifiedListCostUsd: '0.04',
  }),
  daily({
    day: '2026-03-05',
    vendor: 'openai',
    model: 'gpt-5-mini',
    source: 'openai_usage',
    isBucket: true,
    requests: 50,
    inputTokens: 20000,
    outputTokens: 10000,
    listCostUsd: '1.0000000001',
    unverifiedListCostUsd: '1.0000000001',
  }),
  daily({
    day: '2026-03-06',
    vendor: 'anthropic',
    model: 'claude-haiku-4-5',
    source: 'anthropic_usage',
    isBucket: true,
    requests: 20,
    outputTokens: 2000,
    listCostUsd: '0.25',
  }),
  daily({
    day: '2026-03-10',
    vendor: 'anthropic',
    model: 'claude-opus-5',
    team: 't2',
    workflow: 'w2',
    events: 2,
    requests: 2,
    outputTokens: 1000,
    reasoningTokens: 300,
    reasoningKnownOutputTokens: 1000,
    listCostUsd: '0.5',
  }),
  daily({ day: '2026-03-10', vendor: 'anthropic', model: 'mystery-model', outputTokens: 100, unpricedEvents: 1, unpricedTokens: 150 }),
  // After the period.
  daily({ day: '2026-03-11', vendor: 'openai', model: 'gpt-5-mini', requests: 7, listCostUsd: '100' }),
];

const COSTS: (typeof costLines.$inferInsert)[] = [
  {
    dedupeKey: 'a',
    periodStart: new Date('2026-03-01T00:00:00Z'),
    periodEnd: new Date('2026-03-02T00:00:00Z'),
    vendor: 'openai',
    chargeCategory: 'usage',
    billedCostUsd: '2.50',
    source: 'openai_costs',
  },
  {
    dedupeKey: 'b',
    periodStart: new Date('2026-03-05T00:00:00Z'),
    periodEnd: new Date('2026-03-06T00:00:00Z'),
    vendor: 'openai',
    chargeCategory: 'credit',
    billedCostUsd: '-1.25',
    source: 'openai_costs',
  },
  {
    dedupeKey: 'c',
    periodStart: new Date('2026-03-10T23:59:59Z'),
    periodEnd: new Date('2026-04-10T00:00:00Z'),
    vendor: 'anthropic',
    chargeCategory: 'subscription',
    billedCostUsd: '20',
    source: 'anthropic_costs',
  },
  {
    dedupeKey: 'd',
    periodStart: new Date('2026-03-11T00:00:00Z'),
    periodEnd: new Date('2026-03-12T00:00:00Z'),
    vendor: 'openai',
    chargeCategory: 'usage',
    billedCostUsd: '999',
    source: 'openai_costs',
  },
];

const CURRENT = { from: '2026-03-01', to: '2026-03-10' };

interface Target {
  name: string;
  open(): Promise<{ conn: Connection; dispose(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'pglite',
    open: async () => {
      const conn = await openConnection({ inMemory: true });
      return { conn, dispose: () => conn.close() };
    },
  },
];
const testUrl = readEnv().TEST_DATABASE_URL;
if (testUrl) {
  targets.push({
    name: 'postgres',
    open: async () => {
      const admin = postgres(testUrl, { max: 1, onnotice: () => {} });
      const name = `itemized_test_${randomBytes(6).toString('hex')}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(testUrl);
      url.pathname = `/${name}`;
      const conn = await openConnection({ databaseUrl: url.toString() });
      return {
        conn,
        dispose: async () => {
          await conn.close();
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        },
      };
    },
  });
}

describe.each(targets)('overview queries on $name', (target) => {
  let conn: Connection;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ conn, dispose } = await target.open());
  });
  afterAll(async () => {
    await dispose?.();
  });

  test('an empty database has no extent and zero totals', async () => {
    expect(await getDataExtent(conn.db)).toEqual({ firstDay: null, lastDay: null, usageRollupRows: 0, costLineCount: 0 });
    const totals = await getUsageTotals(conn.db, CURRENT);
    expect(totals.requests).toBe(0);
    expect(totals.listCostUsd).toBeNull();
    expect((await getBilledTotals(conn.db, CURRENT)).billedCostUsd).toBeNull();
  });

  test('seeded: extent spans usage and invoices', async () => {
    await conn.db.insert(usageDaily).values(ROWS);
    await conn.db.insert(costLines).values(COSTS);
    expect(await getDataExtent(conn.db)).toEqual({ firstDay: '2026-02-20', lastDay: '2026-03-11', usageRollupRows: 7, costLineCount: 4 });
  });

  test('usage totals sum exactly inside the period, with the previous period beside them', async () => {
    const prevRange = previousPeriod(CURRENT);
    expect(prevRange).toEqual({ from: '2026-02-19', to: '2026-02-28' });
    const [cur, prev] = await Promise.all([getUsageTotals(conn.db, CURRENT), getUsageTotals(conn.db, prevRange)]);
    expect(cur).toEqual({
      events: 8,
      requests: 76,
      inputTokens: 21000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 13700,
      reasoningTokens: 500,
      reasoningKnownOutputTokens: 1500,
      listCostUsd: '1.8734567892',
      unpricedEvents: 1,
      unpricedTokens: 150,
    });
    expect(prev.listCostUsd).toBe('0.8');
    expect(prev.requests).toBe(4);
    expect(compareValues(cur.listCostUsd, prev.listCostUsd)).toEqual({
      current: '1.8734567892',
      previous: '0.8',
      deltaPct: 134.1821,
      trend: 'up',
    });
    expect(compareValues(cur.requests, prev.requests).deltaPct).toBe(1800);
  });

  test('filters narrow by vendor, team and workflow', async () => {
    expect((await getUsageTotals(conn.db, { ...CURRENT, vendor: 'openai' })).listCostUsd).toBe('1.1234567892');
    const t1 = await getUsageTotals(conn.db, { ...CURRENT, team: 't1' });
    expect([t1.requests, t1.listCostUsd]).toEqual([3, '0.1234567891']);
    expect((await getUsageTotals(conn.db, { ...CURRENT, workflow: 'w2' })).requests).toBe(2);
    expect((await getUsageTotals(conn.db, { ...CURRENT, team: 'nobody' })).listCostUsd).toBeNull();
  });

  test('billed spend comes from cost_lines by UTC day of period start, credits included', async () => {
    expect(await getBilledTotals(conn.db, CURRENT)).toEqual({ billedCostUsd: '21.25', billedUsageCostUsd: '2.5', lines: 3 });
    expect((await getBilledTotals(conn.db, { ...CURRENT, vendor: 'openai' })).billedCostUsd).toBe('1.25');
    expect((await getBilledTotals(conn.db, { from: '2026-03-11', to: '2026-03-11' })).billedCostUsd).toBe('999');
  });

  test('daily spend per vendor is gap-filled by the analysis, not the query', async () => {
    const rows = await getDailyListSpendByVendor(conn.db, CURRENT);
    expect(rows).toEqual([
      { day: '2026-03-02', vendor: 'openai', listCostUsd: '0.1234567891', requests: 3 },
      { day: '2026-03-05', vendor: 'openai', listCostUsd: '1.0000000001', requests: 50 },
      { day: '2026-03-06', vendor: 'anthropic', listCostUsd: '0.25', requests: 20 },
      { day: '2026-03-10', vendor: 'anthropic', listCostUsd: '0.5', requests: 3 },
    ]);
    const stacked = stackByDay(
      rows.map((r) => ({ day: r.day, series: r.vendor, value: r.listCostUsd })),
      CURRENT.from,
      CURRENT.to,
    );
    expect(stacked.points).toHaveLength(10);
    expect(stacked.series).toEqual(['openai', 'anthropic']);
    expect(stacked.totals).toEqual({ openai: '1.1234567892', anthropic: '0.75' });
    expect(stacked.points[0]).toEqual({ day: '2026-03-01', values: { openai: '0', anthropic: '0' } });
  });

  test('reasoning share: measured and estimated apart', async () => {
    const summary = computeReasoningShare(await getReasoningByModel(conn.db, CURRENT));
    expect(summary.measured).toEqual({ reasoningTokens: 500, knownOutputTokens: 1500, share: 1 / 3 });
    // gpt-5-mini buckets (10,000 output) borrow its per-request share 200/500; the haiku bucket (2,000) has no basis.
    expect(summary.estimated).toEqual({
      unknownBucketOutputTokens: 12000,
      coveredOutputTokens: 10000,
      estimatedReasoningTokens: 4000,
      share: 0.4,
      coverage: 10000 / 12000,
    });
    expect(summary.notReportedOutputTokens).toBe(200);
    const mini = summary.byModel.find((m) => m.model === 'gpt-5-mini');
    expect(mini?.basisShare).toBe(0.4);
    expect(mini?.measured.share).toBe(0.4);
  });

  test('unpriced usage, top models and top workflows', async () => {
    expect(await getUnpricedUsage(conn.db, CURRENT)).toEqual([
      { vendor: 'anthropic', model: 'mystery-model', source: 'response_log', unpricedEvents: 1, unpricedTokens: 150 },
    ]);
    const models = await getTopModels(conn.db, CURRENT);
    expect(models.map((m) => [m.model, m.listCostUsd, m.requests])).toEqual([
      ['gpt-5-mini', '1.1234567892', 53],
      ['claude-opus-5', '0.5', 2],
      ['claude-haiku-4-5', '0.25', 20],
      ['mystery-model', null, 1],
    ]);
    const workflows = await getTopWorkflows(conn.db, CURRENT);
    expect(workflows[0]).toEqual({
      workflow: null,
      team: null,
      requests: 71,
      outputTokens: 12100,
      reasoningTokens: 0,
      listCostUsd: '1.2500000001',
      outcomeEvents: 0,
      successEvents: 0,
      unverifiedListCostUsd: '1.0000000001',
    });
    expect(workflows.find((w) => w.workflow === 'w1')).toMatchObject({
      team: 't1',
      outcomeEvents: 2,
      successEvents: 1,
      unverifiedListCostUsd: '0.04',
    });
  });

  test('filter options list distinct values', async () => {
    expect(await getFilterOptions(conn.db)).toEqual({ vendors: ['anthropic', 'openai'], teams: ['t1', 't2'], workflows: ['w1', 'w2'] });
  });
});
