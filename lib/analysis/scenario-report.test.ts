/** Budgets month by month (prorated for partial months, month-specific budgets winning), breakdowns and critical hits, by hand. */
import { expect, test } from 'vitest';
import type { ItemizedConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import { ZERO_TOKENS } from './cost-split';
import { runScenario, scenarioToJson } from './scenario-run';

const CONFIG: ItemizedConfig = {
  version: 1,
  workflows: [
    { name: 'W1', team: 't1', criticality: 'critical', description: null, match: [{ workflow: ['w1'] }], fallbacks: [] },
    { name: 'W2', team: 't2', criticality: 'important', description: null, match: [{ workflow: ['w2'] }], fallbacks: [] },
  ],
  subscriptions: [
    {
      vendor: 'anthropic',
      plan: 'Max',
      seats: 1,
      monthlyPricePerSeatUsd: '100',
      periodStart: null,
      periodEnd: null,
      team: 'dev',
      users: [],
      covers: ['claude_code'],
    },
  ],
  budgets: [
    { scope: 'team', name: 't1', month: null, amountUsd: '100' },
    { scope: 'team', name: 't1', month: '2026-02', amountUsd: '50' },
    { scope: 'workflow', name: 'W2', month: null, amountUsd: '10' },
    { scope: 'team', name: 'dev', month: null, amountUsd: '150' },
  ],
};

const line = (period: string, workflow: string, team: string, vendor: string, list: string): BaselineLine => ({
  ...ZERO_TOKENS,
  period,
  workflow,
  team,
  vendor,
  model: 'm',
  source: 'response_log',
  subscription: null,
  events: 1,
  listCostUsd: list,
  billedCostUsd: null,
  unpricedEvents: 0,
  unpricedTokens: 0,
  costByClass: { uncachedInput: list, cachedInput: '0', cacheWrite: '0', visibleOutput: '0', reasoning: '0', residual: '0' },
});

const LINES = [
  line('2026-01-20', 'W1', 't1', 'openai', '40'),
  line('2026-02-03', 'W1', 't1', 'openai', '30'),
  line('2026-02-05', 'W2', 't2', 'xai', '9'),
];
const r = runScenario({ config: CONFIG, from: '2026-01-17', to: '2026-02-28', lines: LINES, prices: () => null }, [
  { kind: 'vendor', vendor: 'openai', factor: '5' },
]);

test('budgets: prorated in a partial month, a month-specific budget wins, breaches in baseline and scenario', () => {
  const b = (x: (typeof r.budgets)[number]) => [
    x.scope,
    x.name,
    x.month,
    x.monthlyBudgetUsd,
    x.budgetUsd,
    x.baselineUsd,
    x.scenarioUsd,
    x.breachedInBaseline,
    x.breached,
  ];
  expect(r.budgets.map(b)).toEqual([
    // January: 15 of 31 days in the period.
    ['team', 't1', '2026-01', '100', '48.3870967742', '40', '200', false, true],
    ['workflow', 'W2', '2026-01', '10', '4.8387096774', '0', '0', false, false],
    ['team', 'dev', '2026-01', '150', '72.5806451613', '48.3870967742', '48.3870967742', false, false],
    ['team', 't1', '2026-02', '50', '50', '30', '150', false, true],
    ['workflow', 'W2', '2026-02', '10', '10', '9', '9', false, false],
    ['team', 'dev', '2026-02', '150', '150', '100', '100', false, false],
  ]);
  expect(r.budgetsBreached.map((x) => `${x.name} ${x.month}`)).toEqual(['t1 2026-01', 't1 2026-02']);
});

test('breakdowns: plans are their own workflow row and belong to their team and vendor', () => {
  expect(r.total).toEqual({ baselineUsd: '227.3870967742', scenarioUsd: '507.3870967742', deltaUsd: '280' });
  expect(r.byWorkflow.map((x) => [x.kind, x.name, x.baselineUsd, x.scenarioUsd])).toEqual([
    ['workflow', 'W1', '70', '350'],
    ['plan', 'Max', '148.3870967742', '148.3870967742'],
    ['workflow', 'W2', '9', '9'],
  ]);
  expect(r.byVendor.map((x) => [x.name, x.deltaUsd])).toEqual([
    ['openai', '280'],
    ['anthropic', '0'],
    ['xai', '0'],
  ]);
  expect(r.months.map((m) => [m.month, m.days, m.total.scenarioUsd])).toEqual([
    ['2026-01', 15, '248.3870967742'],
    ['2026-02', 28, '259'],
  ]);
  expect(r.criticalWorkflowsHit).toEqual([
    { workflow: 'W1', team: 't1', baselineUsd: '70', scenarioUsd: '350', deltaUsd: '280', reasons: ['cost_up'] },
  ]);
});

test('JSON export: baseline and scenario with total and breakdowns as decimal strings', () => {
  const j = scenarioToJson(r);
  expect(j.baseline).toEqual({
    total: '227.3870967742',
    by_vendor: { openai: '70', anthropic: '148.3870967742', xai: '9' },
    by_team: { t1: '70', dev: '148.3870967742', t2: '9' },
    by_workflow: { W1: '70', 'plan: Max': '148.3870967742', W2: '9' },
    unpriced: { events: 0, tokens: 0 },
  });
  expect(j.scenario.total).toBe('507.3870967742');
  expect(j.rules).toEqual(['vendor=openai:x5']);
  expect(j.budgets_breached.map((b) => b.name)).toEqual(['t1', 't1']);
});
