/**
 * Hidden reasoning: share and spend by a dimension (measured and estimated kept apart), the log2
 * histogram of reasoning tokens per request, and easy-task detection with the savings of a cap.
 *
 * Estimates (DESIGN.md): bucket-only output (reasoning unknown) x the same model's per-request share
 * over the period (all keys), priced at the bucket output's own output price. Coverage is reported in
 * percent of the key's output tokens: measured = output whose reasoning is known; estimated = bucket
 * output whose model has a per-request basis. The rest is "not reported" and not guessed.
 *
 * Easy task (documented rule): for a (model, workflow) or workflow finding on reasoning tokens with a
 * verdict other than helps, take the lowest quartile (the smallest-token cells up to 25% of outcomes).
 * It is easy when (a) that quartile reaches the best success rate (its rate >= the best bin's Wilson
 * low, or the finding is flat: no bin differs significantly) and (b) the median request reasons
 * >= EASY_MEDIAN_RATIO x the quartile's upper edge (median taken as the smallest token count of the
 * cell holding it: a conservative lower bound). Cap = the quartile's upper edge; savings and expected
 * change as in accuracy.ts.
 */
import Decimal from 'decimal.js';
import { type AccuracyCell, type AccuracyFinding, capSavingsUsd, groupCells, groupKey } from './accuracy';
import { type Interval, log2BinEdges, wilson } from './stats';

export const EASY_MEDIAN_RATIO = 4;

export interface HiddenReasoningInput {
  key: string | null;
  model: string | null;
  isBucket: boolean;
  outputTokens: number;
  reasoningTokens: number;
  reasoningKnownOutputTokens: number;
  listCostUsd: string | null;
  reasoningListCostUsd: string | null;
}

export interface BucketOutputCostInput {
  key: string | null;
  model: string | null;
  outputTokens: number;
  outputCostUsd: string | null;
}

export interface HiddenReasoningSummary {
  key: string | null;
  outputTokens: number;
  listCostUsd: string | null;
  measured: {
    reasoningTokens: number;
    knownOutputTokens: number;
    /** reasoning / known output, 0..1; null without known output. */
    share: number | null;
    /** Exact USD; "0" when nothing is priced. */
    spendUsd: string;
    /** Percent of the key's output tokens the measured figure covers (0..100); null without output. */
    coveragePct: number | null;
  };
  estimated: {
    reasoningTokens: number;
    coveredOutputTokens: number;
    share: number | null;
    spendUsd: string;
    coveragePct: number | null;
  };
}

const pctOf = (a: number, b: number) => (b > 0 ? Math.min(100, Math.max(0, (100 * a) / b)) : null);
const ratio = (a: number, b: number) => (b > 0 ? Math.min(1, Math.max(0, a / b)) : null);

/** Per key: measured and estimated hidden reasoning, never summed together. */
export function summariseHiddenReasoning(
  rows: readonly HiddenReasoningInput[],
  bucketCosts: readonly BucketOutputCostInput[],
): HiddenReasoningSummary[] {
  // The basis: each model's per-request share over everything in the rows (all keys).
  const basisAcc = new Map<string, { r: number; k: number }>();
  for (const r of rows)
    if (!r.isBucket && r.model !== null) {
      const a = basisAcc.get(r.model) ?? { r: 0, k: 0 };
      a.r += r.reasoningTokens;
      a.k += r.reasoningKnownOutputTokens;
      basisAcc.set(r.model, a);
    }
  const basis = (model: string | null): Decimal | null => {
    const a = model === null ? undefined : basisAcc.get(model);
    return a && a.k > 0 ? new Decimal(a.r).dividedBy(a.k) : null;
  };
  const out = new Map<string | null, HiddenReasoningSummary>();
  const get = (key: string | null) => {
    let s = out.get(key);
    if (!s) {
      s = {
        key,
        outputTokens: 0,
        listCostUsd: null,
        measured: { reasoningTokens: 0, knownOutputTokens: 0, share: null, spendUsd: '0', coveragePct: null },
        estimated: { reasoningTokens: 0, coveredOutputTokens: 0, share: null, spendUsd: '0', coveragePct: null },
      };
      out.set(key, s);
    }
    return s;
  };
  for (const r of rows) {
    const s = get(r.key);
    s.outputTokens += r.outputTokens;
    if (r.listCostUsd !== null) s.listCostUsd = new Decimal(s.listCostUsd ?? 0).plus(r.listCostUsd).toString();
    s.measured.reasoningTokens += r.reasoningTokens;
    s.measured.knownOutputTokens += r.reasoningKnownOutputTokens;
    if (r.reasoningListCostUsd !== null) s.measured.spendUsd = new Decimal(s.measured.spendUsd).plus(r.reasoningListCostUsd).toString();
  }
  for (const b of bucketCosts) {
    const share = basis(b.model);
    if (share === null) continue;
    const s = get(b.key);
    s.estimated.coveredOutputTokens += b.outputTokens;
    s.estimated.reasoningTokens += Math.round(share.times(b.outputTokens).toNumber());
    if (b.outputCostUsd !== null)
      s.estimated.spendUsd = new Decimal(s.estimated.spendUsd).plus(share.times(b.outputCostUsd).toDecimalPlaces(10)).toString();
  }
  for (const s of out.values()) {
    s.measured.share = ratio(s.measured.reasoningTokens, s.measured.knownOutputTokens);
    s.measured.coveragePct = pctOf(s.measured.knownOutputTokens, s.outputTokens);
    s.estimated.share = ratio(s.estimated.reasoningTokens, s.estimated.coveredOutputTokens);
    s.estimated.coveragePct = pctOf(s.estimated.coveredOutputTokens, s.outputTokens);
  }
  return [...out.values()].sort(
    (a, b) => new Decimal(b.measured.spendUsd).comparedTo(a.measured.spendUsd) || String(a.key).localeCompare(String(b.key)),
  );
}

export interface HistogramInput {
  bin: number;
  requests: number;
  reasoningTokens: number;
  hiddenSpendUsd: string | null;
}

export interface HistogramBin extends HistogramInput {
  /** Inclusive lower and exclusive upper edge in tokens. */
  low: number;
  high: number;
}

/** Labels the log2 bins with their edges and fills empty bins between the first and the last. */
export function fillHistogram(rows: readonly HistogramInput[]): HistogramBin[] {
  if (rows.length === 0) return [];
  const by = new Map(rows.map((r) => [r.bin, r]));
  const bins = rows.map((r) => r.bin);
  const out: HistogramBin[] = [];
  for (let b = Math.min(...bins); b <= Math.max(...bins); b++) {
    const r = by.get(b) ?? { bin: b, requests: 0, reasoningTokens: 0, hiddenSpendUsd: null };
    out.push({ ...r, ...log2BinEdges(b) });
  }
  return out;
}

export interface EasyTaskFinding {
  model: string | null;
  workflow: string | null;
  scope: 'model' | 'workflow';
  easy: boolean;
  reason: string;
  /** The lowest quartile: its upper edge in tokens and its success rate with the Wilson interval. */
  lowQuartileMaxTokens: number;
  lowQuartile: Interval & { outcomes: number };
  /** Lower bound of the median reasoning (smallest tokens of the cell holding the median). */
  medianTokensAtLeast: number;
  /** Cap at the quartile's upper edge (easy only), its savings and expected success change. */
  capTokens: number | null;
  savingsUsd: string;
  expectedSuccessChange: number | null;
}

/** Easy-task check of one accuracy finding; null when it has no verdict or is not on reasoning tokens. */
export function detectEasyTask(finding: AccuracyFinding, cells: readonly AccuracyCell[]): EasyTaskFinding | null {
  if (finding.measure !== 'reasoning' || finding.verdict === 'not-enough-data' || finding.bestBin === null) return null;
  const sorted = groupCells(cells, finding.scope).get(groupKey(finding, finding.scope)) ?? [];
  const total = sorted.reduce((a, c) => a + c.outcomes, 0);
  let acc = 0;
  let succ = 0;
  let q = -1;
  while (acc < total / 4 && q < sorted.length - 1) {
    q++;
    acc += sorted[q].outcomes;
    succ += sorted[q].successes;
  }
  let m = 0;
  for (let seen = 0; m < sorted.length; m++) {
    seen += sorted[m].outcomes;
    if (seen >= total / 2) break;
  }
  const lowQuartileMaxTokens = Math.max(...sorted.slice(0, q + 1).map((c) => c.maxTokens));
  const medianTokensAtLeast = sorted[Math.min(m, sorted.length - 1)].minTokens;
  const lowQuartile = { ...wilson(succ, acc), outcomes: acc };
  const best = finding.bins[finding.bestBin];
  const reaches = finding.flat || lowQuartile.rate >= best.low;
  const spread = medianTokensAtLeast >= EASY_MEDIAN_RATIO * Math.max(1, lowQuartileMaxTokens);
  const easy = finding.verdict !== 'helps' && reaches && spread;
  const base = {
    model: finding.model,
    workflow: finding.workflow,
    scope: finding.scope,
    lowQuartileMaxTokens,
    lowQuartile,
    medianTokensAtLeast,
  };
  const reason = easy
    ? `the lowest reasoning quartile (<= ${lowQuartileMaxTokens} tokens) already succeeds at ${(lowQuartile.rate * 100).toFixed(1)}% while the median request reasons >= ${medianTokensAtLeast}`
    : finding.verdict === 'helps'
      ? 'more reasoning helps here'
      : !reaches
        ? `the lowest quartile succeeds at ${(lowQuartile.rate * 100).toFixed(1)}%, below the best bin's interval`
        : `the median request reasons only ${(medianTokensAtLeast / Math.max(1, lowQuartileMaxTokens)).toFixed(1)}x the lowest quartile's edge`;
  if (!easy) return { ...base, easy, reason, capTokens: null, savingsUsd: '0', expectedSuccessChange: null };
  const { usd } = capSavingsUsd(sorted, lowQuartileMaxTokens);
  const aboveOutcomes = total - acc;
  const aboveRate = aboveOutcomes > 0 ? (finding.successes - succ) / aboveOutcomes : 0;
  const change = aboveOutcomes > 0 ? (aboveOutcomes / total) * (lowQuartile.rate - aboveRate) : 0;
  return { ...base, easy, reason, capTokens: lowQuartileMaxTokens, savingsUsd: usd, expectedSuccessChange: change };
}
