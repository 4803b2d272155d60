import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import type { SubscriptionConfig } from '../config/types';
import { budgetDailySpend } from './budget-spend';

const line = (
  period: string,
  workflow: string | null,
  team: string | null,
  listCostUsd: string | null,
  subscription: number | null = null,
) => ({
  period,
  workflow,
  team,
  listCostUsd,
  subscription,
});
const plan = (over: Partial<SubscriptionConfig> = {}): SubscriptionConfig => ({
  vendor: 'anthropic',
  plan: 'Max',
  seats: 2,
  monthlyPricePerSeatUsd: '100',
  periodStart: null,
  periodEnd: null,
  team: 'dev',
  users: [],
  covers: ['claude_code'],
  ...over,
});

describe('budgetDailySpend', () => {
  const lines = [
    line('2026-03-01', 'W-a', 'team-a', '0.10'),
    line('2026-03-01', 'W-a', 'team-a', '0.000000000001'),
    line('2026-03-01', null, null, '1.5'),
    line('2026-03-02', 'W-b', 'team-a', null), // unpriced: unknown, not 0
    line('2026-03-02', 'W-code', 'dev', '40', 0), // covered by plan 0: the plan's price counts instead
  ];

  test('workflow scope: metered usage at list, exactly; covered usage adds 0; unpriced days stay null; no plan', () => {
    expect(budgetDailySpend(lines, [plan()], 'workflow', '2026-03-01', '2026-03-02')).toEqual([
      { day: '2026-03-01', key: 'W-a', listCostUsd: '0.100000000001' },
      { day: '2026-03-02', key: 'W-b', listCostUsd: null },
      { day: '2026-03-02', key: 'W-code', listCostUsd: '0' },
      { day: '2026-03-01', key: null, listCostUsd: '1.5' },
    ]);
  });

  test("team and total scopes add each plan's price per day (2 seats x $100 over March's 31 days)", () => {
    // Day k's share: the cost through day k less the cost through day k - 1, each rounded to 10 places.
    const through = (k: number) => new Decimal(200).mul(k).div(31).toDecimalPlaces(10);
    const day1 = through(1).toFixed();
    const day2 = through(2).minus(through(1)).toFixed();
    expect([day1, day2]).toEqual(['6.4516129032', '6.4516129033']);
    expect(budgetDailySpend(lines, [plan()], 'team', '2026-03-01', '2026-03-02')).toEqual([
      { day: '2026-03-01', key: 'dev', listCostUsd: day1 },
      { day: '2026-03-02', key: 'dev', listCostUsd: day2 },
      { day: '2026-03-01', key: 'team-a', listCostUsd: '0.100000000001' },
      { day: '2026-03-02', key: 'team-a', listCostUsd: null },
      { day: '2026-03-01', key: null, listCostUsd: '1.5' },
    ]);
    const total = budgetDailySpend(lines, [plan()], 'total', '2026-03-01', '2026-03-02');
    expect(total.map((r) => [r.day, r.key, r.listCostUsd])).toEqual([
      ['2026-03-01', null, new Decimal('1.600000000001').plus(day1).toFixed()],
      ['2026-03-02', null, day2],
    ]);
  });

  test("a whole month of a plan's days sums to its monthly price exactly; its period clips the days", () => {
    for (const [from, to, days] of [
      ['2026-02-01', '2026-02-28', 28],
      ['2026-03-01', '2026-03-31', 31],
    ] as const) {
      const month = budgetDailySpend([], [plan({ seats: 3, monthlyPricePerSeatUsd: '200' })], 'team', from, to);
      expect(month).toHaveLength(days);
      expect(month.reduce((s, r) => s.plus(r.listCostUsd!), new Decimal(0)).toFixed()).toBe('600');
    }
    const clipped = budgetDailySpend(
      [],
      [plan({ periodStart: '2026-03-10', periodEnd: '2026-03-11' })],
      'total',
      '2026-03-01',
      '2026-03-31',
    );
    expect(clipped.map((r) => r.day)).toEqual(['2026-03-10', '2026-03-11']);
    expect(budgetDailySpend([], [plan({ periodEnd: '2026-02-28' })], 'total', '2026-03-01', '2026-03-31')).toEqual([]);
  });

  test('lines outside [from, to] are left out', () => {
    expect(budgetDailySpend([line('2026-02-28', 'W-a', 't', '9')], [], 'total', '2026-03-01', '2026-03-31')).toEqual([]);
  });
});
