import { describe, expect, test } from 'vitest';
import { detectSpendAnomalies, type WorkflowDailySpend } from './anomalies';
import { addDays } from './timeseries';

const START = '2026-01-01';
/** 60 days of a weekly-ish pattern around $10 (exact cents), with planted values by day index. */
function series(
  workflow: string | null,
  base: (i: number) => string,
  planted: Record<number, string> = {},
  firstIndex = 0,
): WorkflowDailySpend[] {
  const out: WorkflowDailySpend[] = [];
  for (let i = firstIndex; i < 60; i++) out.push({ day: addDays(START, i), workflow, amountUsd: planted[i] ?? base(i) });
  return out;
}
const wobble = (i: number) => (10 + ((i * 7) % 5) * 0.25).toFixed(2);

describe('detectSpendAnomalies', () => {
  const rows = [
    // chat: one planted spike on day 45 ($40 against ~$10.50), one modest rise on day 50 (not anomalous).
    ...series('chat', wobble, { 45: '40.00', 50: '11.40' }),
    // extract: flat $5, a $0.50 rise (below the $1 minimum) on day 40, and a $20 spike on day 55 (flat baseline).
    ...series('extract', () => '5', { 40: '5.50', 55: '20' }),
    // fresh: starts on day 50 with a big first day; too little baseline to judge.
    ...series('fresh', () => '100', {}, 50),
    // unallocated spend (no workflow): spike on day 42, and a drop to zero on day 48 (never flagged).
    ...series(null, wobble, { 42: '55.5', 48: '0' }),
  ];
  const flags = detectSpendAnomalies(rows, { from: addDays(START, 30), to: addDays(START, 59) });

  test('finds exactly the planted spikes', () => {
    expect(flags.map((f) => [f.day, f.workflow])).toEqual([
      [addDays(START, 42), null],
      [addDays(START, 45), 'chat'],
      [addDays(START, 55), 'extract'],
    ]);
  });

  test('each flag carries exact amounts, its z-score and the requests behind it', () => {
    const chat = flags.find((f) => f.workflow === 'chat')!;
    // Baseline: days 17..44 of wobble = 10 + k·0.25 with k = (7i mod 5) cycling through 0..4: median 10.5;
    // absolute deviations 0.5, 0.25, 0, 0.25, 0.5 cycling: MAD 0.25.
    expect(chat).toMatchObject({
      spendUsd: '40',
      baselineMedianUsd: '10.5',
      baselineMadUsd: '0.25',
      excessUsd: '29.5',
      baselineDaysUsed: 28,
    });
    expect(chat.robustZ).toBeCloseTo((0.6745 * 29.5) / 0.25, 2);
    expect(chat.requests).toEqual({ from: addDays(START, 45), to: addDays(START, 45), filters: { workflow: ['chat'] } });
    const extract = flags.find((f) => f.workflow === 'extract')!;
    expect(extract.baselineMadUsd).toBe('0');
    // MAD 0: mean absolute deviation stands in (one day at 5.50 in the 28: meanAD = 0.5/28).
    expect(extract.robustZ).toBeCloseTo(15 / ((1.253314 * 0.5) / 28), 0);
    expect(flags.find((f) => f.workflow === null)!.requests.filters).toEqual({ workflow: [null] });
  });

  test('a perfectly flat baseline flags any rise above the minimum with z = null', () => {
    const flat = [...series('w', () => '2'), { day: addDays(START, 60), workflow: 'w', amountUsd: '3.5' }];
    const f = detectSpendAnomalies(flat, { from: addDays(START, 60), to: addDays(START, 60) });
    expect(f).toHaveLength(1);
    expect(f[0].robustZ).toBeNull();
    expect(detectSpendAnomalies(flat, { from: addDays(START, 60), to: addDays(START, 60), minExcessUsd: '2' })).toEqual([]);
  });
});
