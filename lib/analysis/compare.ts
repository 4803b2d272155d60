/** Current period versus the previous period of equal length. Pure. */
import Decimal from 'decimal.js';
import { addDays, daysInclusive } from './timeseries';

export interface DayRange {
  /** First day, inclusive ("YYYY-MM-DD", UTC). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** The range of the same number of days that ends the day before `range.from`. */
export function previousPeriod(range: DayRange): DayRange {
  const len = daysInclusive(range.from, range.to);
  return { from: addDays(range.from, -len), to: addDays(range.from, -1) };
}

export type Trend = 'up' | 'down' | 'flat' | 'new' | 'unknown';

export interface Comparison<T extends string | number> {
  current: T | null;
  previous: T | null;
  /** Percentage change (display value, e.g. 12.5 for +12.5%); null when previous is 0 or unknown. */
  deltaPct: number | null;
  trend: Trend;
}

/** Compares two amounts or counts exactly (decimal strings stay strings). */
export function compareValues<T extends string | number>(current: T | null, previous: T | null): Comparison<T> {
  if (current === null || previous === null) return { current, previous, deltaPct: null, trend: 'unknown' };
  const cur = new Decimal(current);
  const prev = new Decimal(previous);
  if (prev.isZero()) return { current, previous, deltaPct: null, trend: cur.isZero() ? 'flat' : 'new' };
  const deltaPct = cur.minus(prev).dividedBy(prev.abs()).times(100).toDecimalPlaces(4).toNumber();
  return { current, previous, deltaPct, trend: deltaPct > 0 ? 'up' : deltaPct < 0 ? 'down' : 'flat' };
}

/** Compares every listed key of two totals objects. */
export function comparePeriods<T extends Record<string, string | number | null>, K extends keyof T & string>(
  current: T,
  previous: T,
  keys: readonly K[],
): Record<K, Comparison<Exclude<T[K], null>>> {
  const out = {} as Record<K, Comparison<Exclude<T[K], null>>>;
  for (const k of keys) {
    out[k] = compareValues(current[k] as Exclude<T[K], null> | null, previous[k] as Exclude<T[K], null> | null);
  }
  return out;
}
