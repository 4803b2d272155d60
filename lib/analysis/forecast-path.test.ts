import { describe, expect, test } from 'vitest';
import { forecastMonth } from './forecast';
import { forecastPath } from './forecast-path';

// The hand-computed April series of forecast.test.ts: mean 10, s = √2, window 10, as of the 10th.
const april = [10, 12, 8, 10, 11, 9, 10, 12, 8, 10].map((v, i) => ({
  day: `2026-04-${String(i + 1).padStart(2, '0')}`,
  amountUsd: String(v),
}));

describe('forecastPath', () => {
  const f = forecastMonth(april, { month: '2026-04', asOf: '2026-04-10', windowDays: 10 });
  const path = forecastPath(april, f, '2026-04-10');

  test('one point per day of the month, actual cumulative up to the last known day', () => {
    expect(path).toHaveLength(30);
    expect(path.slice(0, 3).map((p) => p.actualUsd)).toEqual(['10.00', '22.00', '30.00']);
    expect(path[9]).toEqual({ day: '2026-04-10', actualUsd: '100.00', expectedUsd: '100.00', lowUsd: '100.00', highUsd: '100.00' });
    expect(path[10].actualUsd).toBeNull();
    expect(path[8].expectedUsd).toBeNull();
  });

  test('j days ahead: MTD + 10j ± t(0.975, 9)·√2·√(j + j²/10)', () => {
    // j = 1: half = 2.2621572·1.4142136·√1.1 = 3.3553 → 106.64 / 113.36
    expect(path[10]).toEqual({ day: '2026-04-11', actualUsd: null, expectedUsd: '110.00', lowUsd: '106.64', highUsd: '113.36' });
    // j = 5: half = 2.2621572·1.4142136·√7.5 = 8.7616 → 141.24 / 158.76
    expect(path[14]).toMatchObject({ expectedUsd: '150.00', lowUsd: '141.24', highUsd: '158.76' });
  });

  test('the last day is the forecast itself', () => {
    expect(path[29]).toEqual({ day: '2026-04-30', actualUsd: null, expectedUsd: f.forecastUsd, lowUsd: f.lowUsd, highUsd: f.highUsd });
    expect([f.forecastUsd, f.lowUsd, f.highUsd]).toEqual(['300.00', '275.22', '324.78']);
  });

  test('replay: actual continues past an earlier as-of day; a 1-day window has no band', () => {
    // As of the 5th: MTD 51, mean of the 1-day window = 11; the 8th is 3 days ahead: 51 + 33 = 84; month end 51 + 25·11 = 326.
    const replay = forecastPath(april, forecastMonth(april, { month: '2026-04', asOf: '2026-04-05', windowDays: 1 }), '2026-04-10');
    expect(replay[7]).toEqual({ day: '2026-04-08', actualUsd: '82.00', expectedUsd: '84.00', lowUsd: null, highUsd: null });
    expect(replay[29]).toMatchObject({ actualUsd: null, expectedUsd: '326.00', lowUsd: null, highUsd: null });
  });

  test('low end never below month-to-date', () => {
    const jumpy = [0, 50, 0, 50].map((v, i) => ({ day: `2026-04-0${i + 1}`, amountUsd: String(v) }));
    const p = forecastPath(jumpy, forecastMonth(jumpy, { month: '2026-04', asOf: '2026-04-04', windowDays: 4 }), '2026-04-04');
    expect(p.slice(4).every((x) => Number(x.lowUsd) >= 100)).toBe(true);
    expect(p[4].lowUsd).toBe('100.00');
  });
});
