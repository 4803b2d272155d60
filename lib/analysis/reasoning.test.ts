import { describe, expect, test } from 'vitest';
import { type AccuracyCell, analyseGroup, groupCells } from './accuracy';
import { detectEasyTask, fillHistogram, summariseHiddenReasoning } from './reasoning';

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

describe('summariseHiddenReasoning', () => {
  const rows = [
    // per-request: o4 share 600/1000; two workflows
    {
      key: 'a',
      model: 'o4',
      isBucket: false,
      outputTokens: 800,
      reasoningTokens: 480,
      reasoningKnownOutputTokens: 800,
      listCostUsd: '1',
      reasoningListCostUsd: '0.2',
    },
    {
      key: 'b',
      model: 'o4',
      isBucket: false,
      outputTokens: 300,
      reasoningTokens: 120,
      reasoningKnownOutputTokens: 200,
      listCostUsd: '0.5',
      reasoningListCostUsd: '0.05',
    },
    // bucket-only output of o4 under key c, and of an unseen model
    {
      key: 'c',
      model: 'o4',
      isBucket: true,
      outputTokens: 2000,
      reasoningTokens: 0,
      reasoningKnownOutputTokens: 0,
      listCostUsd: '3',
      reasoningListCostUsd: null,
    },
    {
      key: 'c',
      model: 'zz',
      isBucket: true,
      outputTokens: 1000,
      reasoningTokens: 0,
      reasoningKnownOutputTokens: 0,
      listCostUsd: '1',
      reasoningListCostUsd: null,
    },
  ];
  const costs = [
    { key: 'c', model: 'o4', outputTokens: 2000, outputCostUsd: '0.008' },
    { key: 'c', model: 'zz', outputTokens: 1000, outputCostUsd: '0.002' },
  ];
  const out = summariseHiddenReasoning(rows, costs);
  const by = (k: string) => out.find((s) => s.key === k)!;
  test('measured share and coverage per key (hand-computed)', () => {
    expect(by('a').measured).toEqual({ reasoningTokens: 480, knownOutputTokens: 800, share: 0.6, spendUsd: '0.2', coveragePct: 100 });
    expect(by('b').measured.share).toBeCloseTo(0.6, 12);
    expect(by('b').measured.coveragePct).toBeCloseTo((200 / 300) * 100, 10);
  });
  test('estimate = bucket output x the model basis (600/1000), priced at the bucket output cost; unseen model not covered', () => {
    expect(by('c').estimated).toMatchObject({ reasoningTokens: 1200, coveredOutputTokens: 2000, share: 0.6, spendUsd: '0.0048' });
    expect(by('c').estimated.coveragePct).toBeCloseTo((2000 / 3000) * 100, 10);
    expect(by('c').measured.share).toBeNull();
    expect(by('c').measured.spendUsd).toBe('0');
  });
});

test('fillHistogram labels edges and fills gaps', () => {
  expect(
    fillHistogram([
      { bin: 0, requests: 2, reasoningTokens: 0, hiddenSpendUsd: '0' },
      { bin: 2, requests: 1, reasoningTokens: 3, hiddenSpendUsd: '0.1' },
    ]),
  ).toEqual([
    { bin: 0, requests: 2, reasoningTokens: 0, hiddenSpendUsd: '0', low: 0, high: 1 },
    { bin: 1, requests: 0, reasoningTokens: 0, hiddenSpendUsd: null, low: 1, high: 2 },
    { bin: 2, requests: 1, reasoningTokens: 3, hiddenSpendUsd: '0.1', low: 2, high: 4 },
  ]);
  expect(fillHistogram([])).toEqual([]);
});

describe('detectEasyTask (hand-computed)', () => {
  const run = (rates: number[], tokens: number[]) => {
    const cells = levels(rates, tokens);
    const f = analyseGroup(groupCells(cells, 'model').values().next().value!, 'model');
    return detectEasyTask(f, cells);
  };
  test('flat at 0.9, lowest quartile <= 50 tokens, median >= 600 (12x): easy; cap 50 saves 100 x (550 + 750 + 950) x $10/M', () => {
    const e = run([0.9, 0.9, 0.9, 0.9], [50, 600, 800, 1000])!;
    expect(e).toMatchObject({ easy: true, lowQuartileMaxTokens: 50, medianTokensAtLeast: 600, capTokens: 50, savingsUsd: '2.25' });
    expect(e.expectedSuccessChange).toBeCloseTo(0, 12);
  });
  test('flat but the median reasons only 2x the quartile edge: not easy', () => {
    expect(run([0.9, 0.9, 0.9, 0.9], [100, 200, 400, 800])).toMatchObject({ easy: false, capTokens: null, savingsUsd: '0' });
  });
  test('lowest quartile well below the best bin: not easy', () => {
    expect(run([0.5, 0.85, 0.88, 0.87], [50, 600, 800, 1000])?.easy).toBe(false);
  });
  test('helps is never easy; no verdict -> null', () => {
    expect(run([0.5, 0.6, 0.7, 0.9], [50, 600, 800, 1000])?.easy).toBe(false);
    const sparse = levels([0.5]).map((c) => ({ ...c, outcomes: 10, successes: 5 }));
    expect(detectEasyTask(analyseGroup(sparse, 'model'), sparse)).toBeNull();
  });
});
