import { describe, expect, test } from 'vitest';
import { forecastMonth } from './forecast';
import { studentTCdf, studentTQuantile } from './student-t';

const april = [10, 12, 8, 10, 11, 9, 10, 12, 8, 10].map((v, i) => ({
  day: `2026-04-${String(i + 1).padStart(2, '0')}`,
  amountUsd: String(v),
}));

describe('studentTQuantile', () => {
  // Published two-sided 95% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  test.each([
    [1, 12.7062047],
    [2, 4.30265273],
    [9, 2.26215716],
    [13, 2.16036866],
    [29, 2.04522964],
    [120, 1.97993041],
  ])('t(0.975, %i) = %f', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 6);
    expect(studentTCdf(t, df)).toBeCloseTo(0.975, 8);
  });
  test('symmetry', () => expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.26215716, 6));
});

describe('forecastMonth (hand-computed)', () => {
  test('10 days of April, window 10: mean 10, s = √2, 20 days left', () => {
    // forecast = 100 + 20·10 = 300; half-width = t(0.975, 9)·√2·√(20 + 400/10) = 2.2621572·√120 = 24.7807
    const f = forecastMonth(april, { month: '2026-04', asOf: '2026-04-10', windowDays: 10 });
    expect(f).toMatchObject({
      daysInMonth: 30,
      daysElapsed: 10,
      daysRemaining: 20,
      monthToDateUsd: '100',
      dailyMeanUsd: '10',
      dailyStdDevUsd: '1.4142135624',
      forecastUsd: '300.00',
      lowUsd: '275.22',
      highUsd: '324.78',
      confidence: 0.95,
    });
  });

  test('the 14-day window reaches into March; missing days count as zero', () => {
    // Window: Mar 28..31 = 20, 0 (no row), 0 (null), 20, then April 1..10; mean 140/14 = 10, s = 5.6704362;
    // half-width = t(0.975, 13)·s·√(20 + 400/14) = 2.1603687·5.6704362·6.9693 = 85.3758
    const march = [
      { day: '2026-03-28', amountUsd: '20' },
      { day: '2026-03-30', amountUsd: null },
      { day: '2026-03-31', amountUsd: '20' },
    ];
    const f = forecastMonth([...march, ...april], { month: '2026-04', asOf: '2026-04-10' });
    expect(f.monthToDateUsd).toBe('100');
    expect(f.dailyMeanUsd).toBe('10');
    expect(f.dailyStdDevUsd).toBe('5.670436152');
    expect([f.forecastUsd, f.lowUsd, f.highUsd]).toEqual(['300.00', '214.62', '385.38']);
  });

  test('the low end never goes below what is already spent', () => {
    const spiky = [{ day: '2026-04-29', amountUsd: '1000' }];
    const f = forecastMonth(spiky, { month: '2026-04', asOf: '2026-04-29', windowDays: 7 });
    expect(f.monthToDateUsd).toBe('1000');
    expect(f.lowUsd).toBe('1000.00');
    expect(f.forecastUsd).toBe('1142.86'); // 1000 + 1 · 1000/7
  });

  test('a complete month forecasts itself exactly; a one-day window has no interval', () => {
    const f = forecastMonth(april, { month: '2026-04', asOf: '2026-04-30' });
    expect([f.daysRemaining, f.forecastUsd, f.lowUsd, f.highUsd]).toEqual([0, '100.00', '100.00', '100.00']);
    const one = forecastMonth(april, { month: '2026-04', asOf: '2026-04-10', windowDays: 1 });
    expect([one.forecastUsd, one.lowUsd, one.highUsd]).toEqual(['300.00', null, null]);
    expect(() => forecastMonth(april, { month: '2026-04', asOf: '2026-05-01' })).toThrow(RangeError);
  });

  test('amounts with ten decimals stay exact in month-to-date', () => {
    const f = forecastMonth(
      [
        { day: '2026-04-01', amountUsd: '0.0000000001' },
        { day: '2026-04-02', amountUsd: '123456789.0000000002' },
      ],
      { month: '2026-04', asOf: '2026-04-02' },
    );
    expect(f.monthToDateUsd).toBe('123456789.0000000003');
  });
});
