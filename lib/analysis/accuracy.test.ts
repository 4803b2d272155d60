import { describe, expect, test } from 'vitest';
import { type AccuracyCell, analyseAccuracy, analyseGroup, binCount, capSavingsUsd, groupCells } from './accuracy';

/** Four levels of reasoning (one token count each), 100 requests with an outcome per level, priced at $10/Mtok. */
function levels(rates: number[], tokens = [100, 200, 400, 800], extra: Partial<AccuracyCell> = {}): AccuracyCell[] {
  return rates.map((r, i) => ({
    model: 'm',
    workflow: 'w',
    measure: 'reasoning',
    bucket: Math.floor(4 * Math.log2(tokens[i] + 1)),
    minTokens: tokens[i],
    maxTokens: tokens[i],
    requests: 100,
    outcomes: 100,
    successes: Math.round(r * 100),
    tokenPriceSum: String(tokens[i] * 100 * 10),
    priceSum: '1000',
    ...extra,
  }));
}

const one = (cells: AccuracyCell[]) => analyseGroup(groupCells(cells, 'model').values().next().value!, 'model');

describe('analyseGroup: hand-computed cases (4 bins of 100 outcomes, tokens 100/200/400/800, $10/Mtok)', () => {
  test('flat -> plateau at bin 0; savings = 100 x (100 + 300 + 700) x $10/M = $1.1', () => {
    const f = one(levels([0.9, 0.9, 0.9, 0.9]));
    expect(f).toMatchObject({ verdict: 'plateau', flat: true, kneeBin: 0, capTokens: 100, savingsUsd: '1.1', requestsAboveCap: 300 });
    expect(f.expectedSuccessChange).toBeCloseTo(0, 12);
    expect(f.bins.map((b) => b.outcomes)).toEqual([100, 100, 100, 100]);
  });
  test('helps: 0.5/0.6/0.7/0.9 -> knee is the top bin (90/100 has Wilson low 0.8256), no cap', () => {
    const f = one(levels([0.5, 0.6, 0.7, 0.9]));
    expect(f).toMatchObject({ verdict: 'helps', bestBin: 3, kneeBin: 3, capTokens: null, savingsUsd: '0', expectedSuccessChange: null });
    expect(f.bins[3].low).toBeCloseTo(0.8256, 4);
    expect(f.rho).toBeGreaterThan(0);
  });
  test('plateau: 0.5/0.85/0.88/0.87 -> best bin 2 (low 0.8019), knee bin 1, cap 200, savings $0.8, change 0.5 x (0.85 - 0.875)', () => {
    const f = one(levels([0.5, 0.85, 0.88, 0.87]));
    expect(f).toMatchObject({ verdict: 'plateau', flat: false, bestBin: 2, kneeBin: 1, capTokens: 200, savingsUsd: '0.8' });
    expect(f.bins[2].low).toBeCloseTo(0.8019, 4);
    expect(f.expectedSuccessChange).toBeCloseTo(-0.0125, 12);
  });
  test('hurts: 0.9/0.88/0.6/0.4 -> top bin high 0.498 < best low 0.8256; cap at bin 0, change 0.75 x (0.9 - 188/300)', () => {
    const f = one(levels([0.9, 0.88, 0.6, 0.4]));
    expect(f).toMatchObject({ verdict: 'hurts', bestBin: 0, kneeBin: 0, capTokens: 100, savingsUsd: '1.1' });
    expect(f.bins[3].high).toBeCloseTo(0.498, 3);
    expect(f.expectedSuccessChange).toBeCloseTo(0.75 * (0.9 - 188 / 300), 12);
    expect(f.rhoZ).toBeLessThan(-1.96);
  });
  test('a negative trend whose top bin still overlaps the best is not "hurts"', () => {
    const f = one(levels([0.9, 0.88, 0.86, 0.84]));
    expect(f.verdict).not.toBe('hurts');
  });
  test.each([
    [0, 200],
    [150, 50],
    [199, 1],
  ])('%i outcomes -> not-enough-data, %i more needed, no cap', (n, needed) => {
    const cells = levels([0.5, 0.5, 0.5, 0.5]).map((c, i) => ({
      ...c,
      outcomes: i === 0 ? n : 0,
      successes: i === 0 ? Math.floor(n / 2) : 0,
    }));
    const f = one(cells);
    expect(f).toMatchObject({ verdict: 'not-enough-data', needed, capTokens: null, savingsUsd: '0', kneeBin: null });
  });
  test('all outcomes at one token count -> not-enough-data (too concentrated), needed 0', () => {
    const f = one([{ ...levels([0.5])[0], outcomes: 500, successes: 250 }]);
    expect(f).toMatchObject({ verdict: 'not-enough-data', needed: 0 });
  });
  test('output length (reasoning unknown) gets a verdict but never a cap', () => {
    const f = one(levels([0.5, 0.85, 0.88, 0.87], undefined, { measure: 'output' }));
    expect(f).toMatchObject({ verdict: 'plateau', kneeBin: 1, capTokens: null, savingsUsd: '0' });
  });
});

describe('helpers', () => {
  test.each([
    [200, 4],
    [1000, 4],
    [2400, 4],
    [3600, 6],
    [10_000, 8],
  ])('binCount(%i) = %i', (n, k) => expect(binCount(n)).toBe(k));
  test('capSavingsUsd is exact: (tokenPriceSum - cap x priceSum) / 1e6 over cells above the cap', () => {
    const cells = levels([0.5, 0.5], [10, 1_000_001]).map((c) => ({ ...c, priceSum: '0.3', tokenPriceSum: String(c.minTokens * 0.3) }));
    // (1,000,001 - 10) x 0.3 / 1e6 = 0.2999973
    expect(capSavingsUsd(cells, 10)).toEqual({ usd: '0.2999973', requests: 100 });
    expect(capSavingsUsd(cells, 1_000_001)).toEqual({ usd: '0', requests: 0 });
  });
  test('groupCells pools models per workflow and merges rows of the same bucket', () => {
    const a = levels([0.5, 0.9]);
    const b = levels([0.7, 0.7]).map((c) => ({ ...c, model: 'n', maxTokens: c.maxTokens + 1 }));
    const pooled = [...groupCells([...a, ...b], 'workflow').values()];
    expect(pooled).toHaveLength(1);
    expect(pooled[0].map((c) => [c.model, c.outcomes, c.successes, c.maxTokens, c.priceSum])).toEqual([
      [null, 200, 120, 101, '2000'],
      [null, 200, 160, 201, '2000'],
    ]);
    expect(groupCells([...a, ...b], 'model').size).toBe(2);
  });
  test('analyseAccuracy returns per-model and pooled findings, skipping groups without outcomes', () => {
    const cells = [...levels([0.9, 0.9, 0.9, 0.9]), ...levels([0, 0], undefined, { workflow: 'x', outcomes: 0, successes: 0 })];
    const out = analyseAccuracy(cells);
    expect(out.map((f) => [f.workflow, f.scope, f.model])).toEqual([
      ['w', 'model', 'm'],
      ['w', 'workflow', null],
    ]);
  });
});
