/**
 * Calendar-day arithmetic on "YYYY-MM-DD" strings (UTC days, as usage_daily stores them) and
 * gap-filling of daily series. Pure: no database, no clock.
 */
import Decimal from 'decimal.js';

const DAY_MS = 86_400_000;

function toUtcMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = toUtcMs(day);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

export function addDays(day: string, n: number): string {
  return new Date(toUtcMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Number of days from `from` to `to`, both included (1 for a single day). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1;
}

export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface DailySeriesRow {
  day: string;
  series: string;
  /** Exact decimal string (money) or integer as string. */
  value: string | null;
}

export interface StackedDailySeries {
  /** Series names, largest total first (stable order for the chart legend and colours). */
  series: string[];
  /** Exact totals per series over the whole range. */
  totals: Record<string, string>;
  /** One point per calendar day from..to, every series present ("0" where no row exists). */
  points: { day: string; values: Record<string, string> }[];
}

/**
 * Pivots (day, series, value) rows into one point per day, filling missing days and series with "0".
 * Rows outside from..to are ignored. Values are summed exactly if a (day, series) pair repeats.
 */
export function stackByDay(rows: readonly DailySeriesRow[], from: string, to: string): StackedDailySeries {
  const byDay = new Map<string, Map<string, Decimal>>();
  const totals = new Map<string, Decimal>();
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    const v = new Decimal(r.value ?? 0);
    const day = byDay.get(r.day) ?? new Map<string, Decimal>();
    day.set(r.series, (day.get(r.series) ?? new Decimal(0)).plus(v));
    byDay.set(r.day, day);
    totals.set(r.series, (totals.get(r.series) ?? new Decimal(0)).plus(v));
  }
  const series = [...totals.entries()].sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0])).map(([s]) => s);
  const points = eachDay(from, to).map((day) => {
    const found = byDay.get(day);
    const values: Record<string, string> = {};
    for (const s of series) values[s] = (found?.get(s) ?? new Decimal(0)).toString();
    return { day, values };
  });
  return { series, totals: Object.fromEntries([...totals].map(([k, v]) => [k, v.toString()])), points };
}

export type Granularity = 'day' | 'week' | 'month';

/** Days stay readable as bars up to about four months; longer periods are drawn by week, then by month. */
export function granularityFor(days: number): Granularity {
  if (days > 370) return 'month';
  if (days > 120) return 'week';
  return 'day';
}

/** First day of the bucket holding `day`: itself, the Monday on or before it, or the first of its month. */
export function bucketStart(day: string, g: Granularity): string {
  if (g === 'month') return `${day.slice(0, 7)}-01`;
  if (g === 'week') return addDays(day, -((new Date(toUtcMs(day)).getUTCDay() + 6) % 7));
  return day;
}

/** Sums a gap-filled daily series into weeks or months (exactly); the first and last buckets may be partial. */
export function rebucket(s: StackedDailySeries, g: Granularity): StackedDailySeries {
  if (g === 'day') return s;
  const out: { day: string; values: Record<string, Decimal> }[] = [];
  for (const p of s.points) {
    const start = bucketStart(p.day, g);
    let last = out[out.length - 1];
    if (!last || last.day !== start) {
      last = { day: start, values: Object.fromEntries(s.series.map((k) => [k, new Decimal(0)])) };
      out.push(last);
    }
    for (const k of s.series) last.values[k] = last.values[k].plus(p.values[k] ?? 0);
  }
  return {
    series: s.series,
    totals: s.totals,
    points: out.map((b) => ({ day: b.day, values: Object.fromEntries(Object.entries(b.values).map(([k, v]) => [k, v.toString()])) })),
  };
}
