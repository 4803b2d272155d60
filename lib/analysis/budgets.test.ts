import { expect, test } from 'vitest';
import { type BudgetInput, budgetBurn } from './budgets';

const days = (v: number, n = 10) =>
  Array.from({ length: n }, (_, i) => ({ day: `2026-04-${String(i + 1).padStart(2, '0')}`, amountUsd: String(v) }));

test('budget burn: status by spend, forecast and interval; other months ignored', () => {
  const budgets: BudgetInput[] = [
    { id: 1, scope: 'team', key: 'core', month: '2026-04', amountUsd: '90' }, // spent 100 already
    { id: 2, scope: 'team', key: 'growth', month: '2026-04', amountUsd: '250' }, // forecast 300
    { id: 3, scope: 'workflow', key: 'chat', month: '2026-04', amountUsd: '310' }, // forecast 300, high > 310
    { id: 4, scope: 'total', key: null, month: '2026-04', amountUsd: '1000' },
    { id: 5, scope: 'team', key: null, month: '2026-04', amountUsd: '5' }, // unallocated team: no series, nothing spent
    { id: 6, scope: 'team', key: 'core', month: '2026-05', amountUsd: '1' },
  ];
  const wobbly = days(10).map((d, i) => ({ ...d, amountUsd: String([10, 12, 8, 10, 11, 9, 10, 12, 8, 10][i]) }));
  const r = budgetBurn(
    budgets,
    [
      { scope: 'team', key: 'core', days: days(10) },
      { scope: 'team', key: 'growth', days: days(10) },
      { scope: 'workflow', key: 'chat', days: wobbly },
      { scope: 'total', key: null, days: days(30) },
    ],
    { month: '2026-04', asOf: '2026-04-10', windowDays: 10 },
  );
  expect(r.map((b) => [b.budget.id, b.status, b.spentUsd, b.forecast.forecastUsd, b.projectedOverrunUsd])).toEqual([
    [1, 'over', '100', '300.00', '210.00'],
    [2, 'forecast_over', '100', '300.00', '50.00'],
    [3, 'at_risk', '100', '300.00', '0.00'],
    [4, 'on_track', '300', '900.00', '0.00'],
    [5, 'on_track', '0', '0.00', '0.00'],
  ]);
  expect(r[1].burnShare).toBe(0.4);
  expect(r[1].remainingUsd).toBe('150');
  expect(r[1].elapsedShare).toBeCloseTo(1 / 3, 10);
});
