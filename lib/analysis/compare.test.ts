import { describe, expect, test } from 'vitest';
import { comparePeriods, compareValues, previousPeriod } from './compare';

describe('previousPeriod', () => {
  test.each([
    [
      { from: '2026-03-01', to: '2026-03-30' },
      { from: '2026-01-30', to: '2026-02-28' },
    ],
    [
      { from: '2026-03-01', to: '2026-03-01' },
      { from: '2026-02-28', to: '2026-02-28' },
    ],
    [
      { from: '2024-03-01', to: '2024-03-07' },
      { from: '2024-02-23', to: '2024-02-29' },
    ],
  ])('%o -> %o', (range, expected) => {
    expect(previousPeriod(range)).toEqual(expected);
  });
});

describe('compareValues', () => {
  test.each([
    ['10.50', '7', 50, 'up'],
    ['0.1', '0.3', -66.6667, 'down'],
    [5, 5, 0, 'flat'],
    ['0.0000000003', '0.0000000001', 200, 'up'],
  ] as const)('%s vs %s = %s%%', (cur, prev, pct, trend) => {
    const c = compareValues<string | number>(cur, prev);
    expect(c.deltaPct).toBe(pct);
    expect(c.trend).toBe(trend);
    expect(c.current).toBe(cur);
  });

  test('no base to compare with', () => {
    expect(compareValues('3', '0')).toEqual({ current: '3', previous: '0', deltaPct: null, trend: 'new' });
    expect(compareValues(0, 0)).toEqual({ current: 0, previous: 0, deltaPct: null, trend: 'flat' });
    expect(compareValues('3', null)).toEqual({ current: '3', previous: null, deltaPct: null, trend: 'unknown' });
  });

  test('comparePeriods keeps money as strings', () => {
    const r = comparePeriods({ spend: '1.20', requests: 10 }, { spend: '0.60', requests: 20 }, ['spend', 'requests']);
    expect(r.spend).toEqual({ current: '1.20', previous: '0.60', deltaPct: 100, trend: 'up' });
    expect(r.requests.deltaPct).toBe(-50);
  });
});
