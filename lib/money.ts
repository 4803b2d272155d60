/**
 * Exact-decimal helpers for USD amounts carried as decimal strings (from SQL numeric sums).
 * Arithmetic goes through decimal.js; nothing here converts an amount to a JS float except
 * `toChartNumber`, which exists for chart heights only (display, never stored or exported).
 */
import Decimal from 'decimal.js';

/** A USD amount as an exact decimal string, e.g. "12.3456". null = unknown (not zero). */
export type Usd = string;

export function toDecimal(value: Usd | number | null | undefined): Decimal {
  if (value === null || value === undefined || value === '') return new Decimal(0);
  return new Decimal(value);
}

/** Sum of amounts; null when every input is null (unknown stays unknown). */
export function sumUsd(values: readonly (Usd | null | undefined)[]): Usd | null {
  let total: Decimal | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    total = (total ?? new Decimal(0)).plus(v);
  }
  return total === null ? null : total.toString();
}

/** Orders decimal strings numerically; null sorts below every amount. */
export function compareUsd(a: Usd | null | undefined, b: Usd | null | undefined): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? -1 : 1;
  return new Decimal(a).comparedTo(b);
}

/** Percentage change from previous to current (display value); null when there is no base to compare with. */
export function percentChange(current: Usd | number | null, previous: Usd | number | null): number | null {
  if (current === null || previous === null) return null;
  const prev = new Decimal(previous);
  if (prev.isZero()) return null;
  return new Decimal(current).minus(prev).dividedBy(prev.abs()).times(100).toDecimalPlaces(4).toNumber();
}

/** Share a / b in 0..1 for display; null when b is zero or unknown. */
export function shareOf(part: Usd | number | null, whole: Usd | number | null): number | null {
  if (part === null || whole === null) return null;
  const w = new Decimal(whole);
  if (w.isZero()) return null;
  return new Decimal(part).dividedBy(w).toDecimalPlaces(6).toNumber();
}

/** Display-only conversion for chart geometry. Never use on a value that is stored or exported. */
export function toChartNumber(value: Usd | null | undefined): number {
  return value === null || value === undefined ? 0 : new Decimal(value).toNumber();
}

/**
 * decimal.js rounds every result to 20 significant digits by default; sums of vendor amounts that
 * keep every source digit (11+ decimals) can need more. Finance totals and exports use this clone.
 */
export const ExactDecimal = Decimal.clone({ precision: 100 });

/** Exact sum of decimal strings with the high-precision clone; null when every input is null. */
export function sumExact(values: readonly (Usd | null | undefined)[]): Usd | null {
  let total: Decimal | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    total = (total ?? new ExactDecimal(0)).plus(v);
  }
  return total === null ? null : total.toFixed();
}
