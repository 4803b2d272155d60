/**
 * Student's t distribution for forecast intervals, from stdlib (simple-statistics has no t quantile).
 * Thin wrappers keep one import site and the argument checks our callers rely on.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** P(T <= t) for T ~ t(df). */
export function studentTCdf(t: number, df: number): number {
  return tCdf(t, df);
}

/** The p-quantile of t(df), 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile(${p}, ${df})`);
  return tQuantile(p, df);
}
