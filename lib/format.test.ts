import { expect, test } from 'vitest';
import { formatCompact, formatDayShort, formatDelta, formatDuration, formatInt, formatShare, formatUsd, formatUsdCompact } from './format';
import { compareUsd, percentChange, sumUsd } from './money';

test.each([
  ['1234567.891', '$1,234,567.89'],
  ['0', '$0.00'],
  ['0.0012345', '$0.0012'],
  ['-20.005', '−$20.01'],
  ['99999999999.995', '$100,000,000,000.00'],
  [null, '—'],
])('formatUsd(%s) = %s', (v, s) => {
  expect(formatUsd(v)).toBe(s);
});

test('numbers, shares, deltas, durations, days', () => {
  expect(formatInt(1862)).toBe('1,862');
  expect(formatCompact(1862)).toBe('1,862');
  expect(formatCompact(2_345_678)).toBe('2.3M');
  expect(formatShare(267 / 1862)).toBe('14.3%');
  expect(formatShare(null)).toBe('—');
  expect(formatDelta(12.345)).toBe('+12.3%');
  expect(formatDelta(-4)).toBe('−4.0%');
  expect(formatDelta(null)).toBe('n/a');
  expect(formatDuration(950)).toBe('950 ms');
  expect(formatDuration(125_000)).toBe('2 min 5 s');
  expect(formatDayShort('2026-03-01')).toBe('Mar 1');
  expect([0, 0.55, 1.1, 1.65, 2.2].map(formatUsdCompact)).toEqual(['$0', '$0.55', '$1.10', '$1.65', '$2.20']);
  expect([0.015, 0.03, 0.045].map(formatUsdCompact)).toEqual(['$0.015', '$0.03', '$0.045']);
  expect([12.5, 250, 1500, 25_000, 3_400_000].map(formatUsdCompact)).toEqual(['$12.5', '$250', '$1,500', '$25k', '$3.4M']);
});

test('money helpers stay exact', () => {
  expect(sumUsd(['0.1', '0.2', null])).toBe('0.3');
  expect(sumUsd([null, undefined])).toBeNull();
  expect(compareUsd('10', '9.99')).toBe(1);
  expect(compareUsd(null, '0')).toBe(-1);
  expect(percentChange('0.3', '0.1')).toBe(200);
  expect(percentChange('1', '0')).toBeNull();
});
