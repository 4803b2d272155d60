import { expect, test } from 'vitest';
import { sumExact } from './money';
import { daysInMonth, exactMonth, isValidMonth, monthPeriod, nextMonth } from './months';

test.each([
  ['2026-02', '2026-02-01', '2026-02-28', 28],
  ['2024-02', '2024-02-01', '2024-02-29', 29],
  ['2026-12', '2026-12-01', '2026-12-31', 31],
  ['2026-04', '2026-04-01', '2026-04-30', 30],
])('monthPeriod(%s)', (m, from, to, days) => {
  expect(monthPeriod(m)).toEqual({ from, to });
  expect(daysInMonth(m)).toBe(days);
  expect(exactMonth(from, to)).toBe(m);
});

test('other helpers', () => {
  expect(nextMonth('2026-12')).toBe('2027-01');
  expect(isValidMonth('2026-13')).toBe(false);
  expect(() => monthPeriod('March')).toThrow(RangeError);
  expect(exactMonth('2026-03-01', '2026-03-30')).toBeNull();
});

test('sumExact keeps more than 20 significant digits', () => {
  expect(sumExact(['123456789012.00000000001', '0.00000000002'])).toBe('123456789012.00000000003');
  expect(sumExact([null, undefined])).toBeNull();
});
