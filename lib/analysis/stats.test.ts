import fc from 'fast-check';
import { chiSquaredDistributionTable, probit, sampleRankCorrelation, quantileSorted as ssQuantileSorted } from 'simple-statistics';
import { describe, expect, test } from 'vitest';
import {
  CHI2_CRITICAL_95,
  chiSquareHomogeneity,
  log2Bin,
  log2BinEdges,
  midranks,
  quantile,
  quantileBinRanges,
  quantileSorted,
  rankCorrelationZ,
  spearman,
  spearmanFromCounts,
  wilson,
  Z95,
} from './stats';

// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new cases, FUZZ_SEED=<n> replays one.
fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261126) });

describe('wilson', () => {
  // Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score interval).
  test.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    // Hand-computed: p = .9, centre .88521, half .05957.
    [90, 100, 0.8256, 0.9448],
    [40, 100, 0.3094, 0.498],
  ])('%i/%i -> [%f, %f]', (s, n, low, high) => {
    const w = wilson(s, n);
    expect(w.rate).toBeCloseTo(s / n, 12);
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 3);
  });
  test('n = 0 is uninformative; n/n reaches 1 exactly', () => {
    expect(wilson(0, 0)).toEqual({ rate: Number.NaN, low: 0, high: 1 });
    expect(wilson(20, 20).high).toBe(1);
  });
  test('Z95 is the 0.975 normal quantile (simple-statistics probit)', () => expect(Z95).toBeCloseTo(probit(0.975), 2));
  test('interval contains the rate and stays in 0..1', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const w = wilson(Math.floor(f * n), n);
        return w.low >= 0 && w.high <= 1 && w.low <= w.rate + 1e-12 && w.rate <= w.high + 1e-12;
      }),
    ));
});

describe('spearman', () => {
  test('hand-computed with ties: rho = 8 / sqrt(95)', () => {
    expect(midranks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 12);
  });
  test('Wikipedia example (IQ vs hours of TV): rho = -29/165', () => {
    const iq = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 12);
  });
  test('no variance -> NaN; z statistic', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(rankCorrelationZ(0.2, 101)).toBeCloseTo(2, 12);
    expect(rankCorrelationZ(Number.NaN, 10)).toBe(0);
  });
  const pairs = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 })), { minLength: 3, maxLength: 60 })
    .filter((ps) => new Set(ps.map((p) => p[0])).size > 1 && new Set(ps.map((p) => p[1])).size > 1);
  test('agrees with simple-statistics sampleRankCorrelation (ties included)', () =>
    fc.assert(
      fc.property(pairs, (ps) => {
        const x = ps.map((p) => p[0]);
        const y = ps.map((p) => p[1]);
        expect(spearman(x, y)).toBeCloseTo(sampleRankCorrelation(x, y), 10);
      }),
    ));
  test('spearmanFromCounts equals spearman on the expanded data', () =>
    fc.assert(
      fc.property(pairs, (ps) => {
        const cells = new Map<string, { x: number; y: number; count: number }>();
        for (const [x, y] of ps) {
          const c = cells.get(`${x}/${y}`) ?? { x, y, count: 0 };
          c.count++;
          cells.set(`${x}/${y}`, c);
        }
        expect(spearmanFromCounts([...cells.values()])).toBeCloseTo(
          spearman(
            ps.map((p) => p[0]),
            ps.map((p) => p[1]),
          ),
          10,
        );
      }),
    ));
});

describe('quantile (type 7)', () => {
  test.each([
    [[1, 2, 3, 4], 0.25, 1.75], // numpy.percentile([1,2,3,4], 25)
    [[1, 2, 3, 4], 0.5, 2.5],
    [[15, 20, 35, 40, 50], 0.4, 29], // R: quantile(c(15,20,35,40,50), .4)
    [[3], 0.9, 3],
    [[1, 2], 1, 2],
  ])('%j at %f = %f', (xs, p, q) => expect(quantile(xs, p)).toBeCloseTo(q, 12));
  test('medians agree with simple-statistics', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        expect(quantileSorted(s, 0.5)).toBeCloseTo(ssQuantileSorted(s, 0.5), 10);
      }),
    ));
});

describe('chi-square homogeneity', () => {
  test('hand-computed 2x2: 10/20 vs 20/30 -> 1.3889, not significant', () => {
    const r = chiSquareHomogeneity([
      { successes: 10, n: 20 },
      { successes: 20, n: 30 },
    ]);
    expect(r.statistic).toBeCloseTo(4 / 12 + 4 / 8 + 4 / 18 + 4 / 12, 10);
    expect(r).toMatchObject({ df: 1, significant: false });
  });
  test('clear difference is significant; degenerate input is not', () => {
    expect(chiSquareHomogeneity([0.5, 0.9].map((p) => ({ successes: p * 100, n: 100 }))).significant).toBe(true);
    expect(chiSquareHomogeneity([{ successes: 5, n: 5 }]).significant).toBe(false);
  });
  test('critical values match the simple-statistics table at 0.05 (df 1..10)', () => {
    for (const [i, c] of CHI2_CRITICAL_95.entries())
      expect(Math.abs(c - chiSquaredDistributionTable[(i + 1) as 1][0.05])).toBeLessThanOrEqual(0.0051);
  });
});

describe('bins', () => {
  test.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [1023, 10],
    [1024, 11],
    [0.5, 0],
    [2 ** 49 - 1, 49], // Math.log2 of it rounds to exactly 49
    [2 ** 49, 50],
    [2 ** 53 - 1, 53],
  ])('log2Bin(%i) = %i', (t, b) => {
    expect(log2Bin(t)).toBe(b);
    const e = log2BinEdges(b);
    expect(t >= e.low && t < e.high).toBe(true);
  });
  test.each([
    [
      [10, 10, 10, 10],
      2,
      5,
      [
        [0, 2],
        [2, 4],
      ],
    ],
    [
      [10, 10, 10, 10],
      4,
      5,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
      ],
    ],
    [
      [100, 1, 1, 1],
      3,
      2,
      [
        [0, 1],
        [1, 4],
      ],
    ],
    [[1, 1, 1, 100], 3, 2, [[0, 4]]],
    [[0, 0], 3, 1, []],
  ])('quantileBinRanges(%j, k=%i, min=%i)', (w, k, min, expected) => expect(quantileBinRanges(w, k, min)).toEqual(expected));
  test('ranges cover every cell once, at most k, each >= min (when total >= min)', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (w, k) => {
        const total = w.reduce((a, x) => a + x, 0);
        const r = quantileBinRanges(w, k, 20);
        if (total === 0) return r.length === 0;
        expect(r[0][0]).toBe(0);
        expect(r[r.length - 1][1]).toBe(w.length);
        for (let i = 1; i < r.length; i++) expect(r[i][0]).toBe(r[i - 1][1]);
        expect(r.length).toBeLessThanOrEqual(k);
        if (r.length > 1) for (const [s, e] of r) expect(w.slice(s, e).reduce((a, x) => a + x, 0)).toBeGreaterThanOrEqual(20);
        return true;
      }),
    ));
});
