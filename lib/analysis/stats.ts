/**
 * Small statistics kernel for the reasoning audit: Wilson score intervals, Spearman rank correlation
 * with ties (midranks, also from grouped counts), type-7 quantiles, a chi-square test of homogeneity
 * and log-spaced bin edges. Pure and float-only (rates and statistics, never money).
 * The tests check each function against published values and against simple-statistics.
 */

/** z for a two-sided 95% interval (the 0.975 quantile of the standard normal). */
export const Z95 = 1.959963984540054;

export interface Interval {
  /** Point estimate (successes / n); NaN when n = 0. */
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998 method 3).
 * n = 0 gives the uninformative [0, 1] with rate NaN.
 */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { rate: Number.NaN, low: 0, high: 1 };
  if (successes < 0 || successes > n) throw new RangeError(`successes ${successes} outside 0..${n}`);
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp float noise at the ends (0/n has low exactly 0, n/n has high exactly 1).
  return { rate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/** Midranks (1-based) of values; tied values share the mean of the ranks they span. */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = r;
    i = j + 1;
  }
  return ranks;
}

function pearson(xs: readonly number[], ys: readonly number[], ws?: readonly number[]): number {
  let sw = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = ws ? ws[i] : 1;
    sw += w;
    mx += w * xs[i];
    my += w * ys[i];
  }
  if (sw === 0) return Number.NaN;
  mx /= sw;
  my /= sw;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = ws ? ws[i] : 1;
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += w * dx * dy;
    sxx += w * dx * dx;
    syy += w * dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/** Spearman's rho with ties (Pearson correlation of midranks). NaN when either side has no variance. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new RangeError('spearman: arrays differ in length');
  return pearson(midranks(xs), midranks(ys));
}

export interface CountCell {
  x: number;
  y: number;
  count: number;
}

/**
 * Spearman's rho from grouped data: `count` observations of the pair (x, y) per cell. Equal to
 * spearman() on the expanded arrays (tested), without materialising them: every observation with
 * the same x shares its midrank, so the statistic is a weighted Pearson correlation over cells.
 */
export function spearmanFromCounts(cells: readonly CountCell[]): number {
  const live = cells.filter((c) => c.count > 0);
  const rankOf = (key: 'x' | 'y') => {
    const totals = new Map<number, number>();
    for (const c of live) totals.set(c[key], (totals.get(c[key]) ?? 0) + c.count);
    const ranks = new Map<number, number>();
    let before = 0;
    for (const v of [...totals.keys()].sort((a, b) => a - b)) {
      const n = totals.get(v)!;
      ranks.set(v, before + (n + 1) / 2);
      before += n;
    }
    return ranks;
  };
  const rx = rankOf('x');
  const ry = rankOf('y');
  return pearson(
    live.map((c) => rx.get(c.x)!),
    live.map((c) => ry.get(c.y)!),
    live.map((c) => c.count),
  );
}

/**
 * Large-sample z statistic of a rank correlation (rho * sqrt(n - 1)); |z| >= 1.96 is our
 * "significant at 5%" (two-sided). Adequate for the n >= 200 a verdict requires.
 */
export function rankCorrelationZ(rho: number, n: number): number {
  return Number.isFinite(rho) && n > 1 ? rho * Math.sqrt(n - 1) : 0;
}

/** Type-7 quantile (linear interpolation; R's default, numpy's "linear") of ascending values. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[sorted.length - 1];
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** Upper 5% critical values of chi-square for 1..10 degrees of freedom. */
export const CHI2_CRITICAL_95 = [3.841, 5.991, 7.815, 9.488, 11.07, 12.592, 14.067, 15.507, 16.919, 18.307];

/**
 * Pearson chi-square test of homogeneity for k groups of binomial counts (do the success rates
 * differ?). Returns the statistic, degrees of freedom and whether it exceeds the 5% critical value.
 */
export function chiSquareHomogeneity(groups: readonly { successes: number; n: number }[]): {
  statistic: number;
  df: number;
  significant: boolean;
} {
  const live = groups.filter((g) => g.n > 0);
  const n = live.reduce((a, g) => a + g.n, 0);
  const s = live.reduce((a, g) => a + g.successes, 0);
  const df = live.length - 1;
  if (df < 1 || s === 0 || s === n) return { statistic: 0, df: Math.max(0, df), significant: false };
  const p = s / n;
  let stat = 0;
  for (const g of live) {
    const e1 = g.n * p;
    const e0 = g.n * (1 - p);
    stat += (g.successes - e1) ** 2 / e1 + (g.n - g.successes - e0) ** 2 / e0;
  }
  const crit = CHI2_CRITICAL_95[Math.min(df, CHI2_CRITICAL_95.length) - 1];
  return { statistic: stat, df, significant: df <= CHI2_CRITICAL_95.length ? stat > crit : stat > df + 2 * Math.sqrt(2 * df) };
}

/**
 * Log2 histogram bin of a token count: bin 0 holds 0, bin b >= 1 holds [2^(b-1), 2^b).
 * The same rule as the SQL in db/queries/reasoning.ts (tested against each other on the demo).
 */
export function log2Bin(tokens: number): number {
  if (!(tokens >= 1)) return 0;
  // Math.log2 rounds: log2(2^49 - 1) comes out as exactly 49. Powers of two are exact, so one step fixes the bin.
  const bin = Math.floor(Math.log2(tokens)) + 1;
  if (2 ** (bin - 1) > tokens) return bin - 1;
  return 2 ** bin <= tokens ? bin + 1 : bin;
}

/** Inclusive lower and exclusive upper edge (tokens) of a log2Bin. */
export function log2BinEdges(bin: number): { low: number; high: number } {
  return bin === 0 ? { low: 0, high: 1 } : { low: 2 ** (bin - 1), high: 2 ** bin };
}

/**
 * Merges ordered cells (ascending x, e.g. fine log-spaced buckets) into at most k contiguous bins of
 * roughly equal weight (quantile bins), each with at least `minWeight`. A cell is never split, so
 * ties stay together; the last bin absorbs a remainder smaller than minWeight. Returns the index
 * ranges [start, end) into `weights`.
 */
export function quantileBinRanges(weights: readonly number[], k: number, minWeight: number): [number, number][] {
  const total = weights.reduce((a, w) => a + w, 0);
  const ranges: [number, number][] = [];
  if (total <= 0 || k < 1) return ranges;
  let start = 0;
  let acc = 0;
  let inBin = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    inBin += weights[i];
    const target = (total * (ranges.length + 1)) / k;
    if (ranges.length < k - 1 && acc >= target && inBin >= minWeight && total - acc >= minWeight) {
      ranges.push([start, i + 1]);
      start = i + 1;
      inBin = 0;
    }
  }
  if (start < weights.length) {
    if (inBin < minWeight && ranges.length > 0) ranges[ranges.length - 1][1] = weights.length;
    else ranges.push([start, weights.length]);
  }
  return ranges;
}
