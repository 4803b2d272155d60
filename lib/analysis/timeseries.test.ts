import { describe, expect, test } from 'vitest';
import { addDays, bucketStart, daysInclusive, eachDay, granularityFor, isValidDay, rebucket, stackByDay } from './timeseries';

describe('day arithmetic', () => {
  test.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  test.each([
    ['2026-03-01', true],
    ['2026-02-30', false],
    ['2026-3-1', false],
    ['', false],
  ])('isValidDay(%s) = %s', (day, ok) => {
    expect(isValidDay(day)).toBe(ok);
  });

  test('inclusive ranges', () => {
    expect(daysInclusive('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysInclusive('2026-02-01', '2026-03-02')).toBe(30);
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDay('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

describe('stackByDay', () => {
  test('fills missing days and series with "0", sums repeats exactly, orders series by total', () => {
    const s = stackByDay(
      [
        { day: '2026-03-02', series: 'openai', value: '0.1' },
        { day: '2026-03-02', series: 'openai', value: '0.2' },
        { day: '2026-03-03', series: 'anthropic', value: '5' },
        { day: '2026-03-03', series: 'openai', value: null },
        { day: '2026-04-01', series: 'xai', value: '100' },
      ],
      '2026-03-01',
      '2026-03-03',
    );
    expect(s.series).toEqual(['anthropic', 'openai']);
    expect(s.totals).toEqual({ anthropic: '5', openai: '0.3' });
    expect(s.points).toEqual([
      { day: '2026-03-01', values: { anthropic: '0', openai: '0' } },
      { day: '2026-03-02', values: { anthropic: '0', openai: '0.3' } },
      { day: '2026-03-03', values: { anthropic: '5', openai: '0' } },
    ]);
  });

  test('no rows: one empty point per day', () => {
    expect(stackByDay([], '2026-03-01', '2026-03-02')).toEqual({
      series: [],
      totals: {},
      points: [
        { day: '2026-03-01', values: {} },
        { day: '2026-03-02', values: {} },
      ],
    });
  });
});

describe('rebucket', () => {
  const daily = stackByDay(
    [
      { day: '2026-03-01', series: 'a', value: '1.5' }, // Sunday
      { day: '2026-03-02', series: 'a', value: '2' }, // Monday
      { day: '2026-03-08', series: 'a', value: '0.25' },
      { day: '2026-04-01', series: 'a', value: '10' },
    ],
    '2026-03-01',
    '2026-04-01',
  );

  test.each([
    ['day', 32, '2026-03-01'],
    ['week', 6, '2026-02-23'],
    ['month', 2, '2026-03-01'],
  ] as const)('%s buckets', (g, count, first) => {
    const r = rebucket(daily, g);
    expect(r.points).toHaveLength(count);
    expect(r.points[0].day).toBe(first);
    expect(r.totals).toEqual({ a: '13.75' });
  });

  test('sums exactly into Monday-started weeks and calendar months', () => {
    expect(rebucket(daily, 'week').points.slice(0, 2)).toEqual([
      { day: '2026-02-23', values: { a: '1.5' } },
      { day: '2026-03-02', values: { a: '2.25' } },
    ]);
    expect(rebucket(daily, 'month').points).toEqual([
      { day: '2026-03-01', values: { a: '3.75' } },
      { day: '2026-04-01', values: { a: '10' } },
    ]);
  });

  test('granularity follows the period length', () => {
    expect([30, 121, 400].map(granularityFor)).toEqual(['day', 'week', 'month']);
    expect(bucketStart('2026-03-08', 'week')).toBe('2026-03-02');
  });
});
