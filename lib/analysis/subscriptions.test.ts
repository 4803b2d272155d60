import { describe, expect, test } from 'vitest';
import type { SubscriptionConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import { ZERO_TOKENS } from './cost-split';
import { analyseSubscriptions, monthSlices, planCostByMonth } from './subscriptions';

const SUB: SubscriptionConfig = {
  vendor: 'anthropic',
  plan: 'Max',
  seats: 3,
  monthlyPricePerSeatUsd: '200.00',
  periodStart: null,
  periodEnd: null,
  team: 'dev',
  users: [],
  covers: ['claude_code'],
};

describe('plan cost prorated by days', () => {
  test.each([
    ['a whole 28-day February: 3 x 200', SUB, '2026-02-01', '2026-02-28', [['2026-02', 28, 28, '600']]],
    ['15 of April’s 30 days: half', SUB, '2026-04-01', '2026-04-15', [['2026-04', 15, 30, '300']]],
    [
      'across a month boundary: 17/31 of January, 14/28 of February',
      SUB,
      '2026-01-15',
      '2026-02-14',
      [
        ['2026-01', 17, 31, '329.0322580645'],
        ['2026-02', 14, 28, '300'],
      ],
    ],
    [
      'the plan’s own period narrows it (starts 2026-03-11, ends 2026-04-10)',
      { ...SUB, periodStart: '2026-03-11', periodEnd: '2026-04-10' },
      '2026-03-01',
      '2026-04-30',
      [
        ['2026-03', 21, 31, '406.4516129032'],
        ['2026-04', 10, 30, '200'],
      ],
    ],
    ['outside the plan’s period: nothing', { ...SUB, periodEnd: '2025-12-31' }, '2026-01-01', '2026-01-31', []],
    [
      'a leap February, one day, one seat at 100',
      { ...SUB, seats: 1, monthlyPricePerSeatUsd: '100' },
      '2028-02-29',
      '2028-02-29',
      [['2028-02', 1, 29, '3.4482758621']],
    ],
  ])('%s', (_name, sub, from, to, expected) => {
    expect(planCostByMonth(sub, from, to).map((m) => [m.month, m.days, m.daysInMonth, m.costUsd])).toEqual(expected);
  });

  test('month slices cover every day exactly once', () => {
    const s = monthSlices('2025-11-20', '2026-03-03');
    expect(s.map((m) => [m.month, m.days])).toEqual([
      ['2025-11', 11],
      ['2025-12', 31],
      ['2026-01', 31],
      ['2026-02', 28],
      ['2026-03', 3],
    ]);
  });
});

const line = (period: string, source: string, model: string, list: string | null, subscription: number | null): BaselineLine => ({
  ...ZERO_TOKENS,
  inputTokens: 100,
  outputTokens: 10,
  period,
  workflow: 'w',
  team: 'dev',
  vendor: 'anthropic',
  model,
  source,
  subscription,
  events: 2,
  listCostUsd: list,
  billedCostUsd: null,
  unpricedEvents: list === null ? 2 : 0,
  unpricedTokens: list === null ? 110 : 0,
  costByClass: null,
});

test('API equivalent of the covered usage against the plan cost, with the gap', () => {
  const lines = [
    line('2026-01', 'claude_code', 'claude-sonnet-4-5', '250.5', 0),
    line('2026-02', 'claude_code', 'claude-opus-4-1', '400', 0),
    line('2026-02', 'claude_code', 'mystery', null, 0),
    line('2026-02', 'response_log', 'claude-sonnet-4-5', '999', null),
  ];
  const [r] = analyseSubscriptions(lines, [SUB], '2026-01-15', '2026-02-14');
  expect(r).toMatchObject({
    index: 0,
    planCostUsd: '629.0322580645',
    apiEquivalentUsd: '650.5',
    gapUsd: '21.4677419355',
    covered: { events: 6, apiEquivalentUsd: '650.5', unpricedEvents: 2, inputTokens: 300, outputTokens: 30 },
  });
  expect(r.bySource).toEqual([
    { source: 'claude_code', events: 6, apiEquivalentUsd: '650.5', unpricedEvents: 2, inputTokens: 300, outputTokens: 30 },
  ]);
  expect(r.byModel.map((m) => [m.model, m.apiEquivalentUsd])).toEqual([
    ['claude-opus-4-1', '400'],
    ['claude-sonnet-4-5', '250.5'],
    ['mystery', null],
  ]);
  expect(r.byMonth).toEqual([
    { month: '2026-01', days: 17, daysInMonth: 31, planCostUsd: '329.0322580645', apiEquivalentUsd: '250.5' },
    { month: '2026-02', days: 14, daysInMonth: 28, planCostUsd: '300', apiEquivalentUsd: '400' },
  ]);
  const [none] = analyseSubscriptions([], [SUB], '2026-02-01', '2026-02-28');
  expect(none).toMatchObject({ planCostUsd: '600', apiEquivalentUsd: null, gapUsd: null });
});
