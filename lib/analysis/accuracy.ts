/**
 * Accuracy by reasoning length (DESIGN.md "Definitions"), per (model, workflow) and per workflow with
 * its models pooled. Input: fine log-spaced cells from SQL (db/queries/accuracy.ts), never raw events.
 *
 * Decisions (documented for the report and the pages):
 * - Fine cells: bucket = floor(4 * log2(tokens + 1)) (quarter octaves), so a cell is an interval of
 *   token counts and cells are ordered. Bins are equal-count (quantile) merges of whole cells, so tied
 *   token counts always share a bin.
 * - Bin count: about one bin per TARGET_PER_BIN outcomes, at least MIN_BINS and at most MAX_BINS, and
 *   never fewer than MIN_PER_BIN outcomes in a bin. A verdict needs MIN_OUTCOMES outcomes (4 bins x 50);
 *   fewer gives 'not-enough-data' with `needed` = the outcomes still missing, never a verdict.
 * - Flat: neither the chi-square test of homogeneity across bins nor Spearman's rho (requests' tokens vs
 *   success, midranks, |rho * sqrt(n - 1)| >= 1.96) is significant at 5% -> 'plateau', knee = bin 0.
 *   (Without this, the best of k noisy bins is biased upwards and flat data would grow a false knee.)
 * - best bin = highest success rate; knee = first bin whose rate lies within the best bin's Wilson 95%
 *   interval (rate >= best.low).
 * - hurts: rho significantly negative AND the top bin's interval lies entirely below the best bin's
 *   (top.high < best.low).
 * - helps: the knee is the top bin (no shorter bin reaches the best's interval): no cap.
 * - plateau: otherwise, with its knee.
 * - Cap (reasoning only) = the largest token count observed in the knee bin (its upper edge). Every
 *   request in a later bin reasons more than the cap.
 * - Savings = sum over requests above the cap of (tokens - cap) x the event's output price, for every
 *   request of the group in the period (with or without an outcome). Exact decimals: the cells carry
 *   sum(tokens x price) and sum(price), so sum(tokens - cap) x price = tokenPriceSum - cap x priceSum.
 * - Expected change in the group's success rate = share of outcomes above the cap x (knee-bin rate -
 *   pooled rate above the cap): requests above the cap are assumed to succeed like the knee bin.
 * - Output length (reasoning unknown) gets bins and a verdict but no cap: capping visible output
 *   truncates answers, so no saving is claimed.
 */
import Decimal from 'decimal.js';
import { chiSquareHomogeneity, type Interval, quantileBinRanges, rankCorrelationZ, spearmanFromCounts, wilson } from './stats';

export const MIN_OUTCOMES = 200;
export const MIN_PER_BIN = 50;
export const TARGET_PER_BIN = 600;
export const MIN_BINS = 4;
export const MAX_BINS = 8;

export type Measure = 'reasoning' | 'output';
export type Verdict = 'helps' | 'plateau' | 'hurts' | 'not-enough-data';

/** One fine cell: the requests of a (model, workflow, measure) whose token count falls in one quarter octave. */
export interface AccuracyCell {
  model: string | null;
  workflow: string | null;
  /** reasoning = reasoning tokens known; output = reasoning unknown, binned by output tokens. */
  measure: Measure;
  /** floor(4 * log2(tokens + 1)). */
  bucket: number;
  minTokens: number;
  maxTokens: number;
  /** Every request in the cell, with or without an outcome. */
  requests: number;
  outcomes: number;
  successes: number;
  /** Exact decimal: sum of tokens x output price (USD per million tokens) over priced requests. */
  tokenPriceSum: string;
  /** Exact decimal: sum of output price (USD per million tokens) over priced requests. */
  priceSum: string;
}

export interface AccuracyBin extends Interval {
  index: number;
  minTokens: number;
  maxTokens: number;
  requests: number;
  outcomes: number;
  successes: number;
}

export interface AccuracyFinding {
  /** null with scope 'workflow' = all models of the workflow pooled. */
  model: string | null;
  workflow: string | null;
  scope: 'model' | 'workflow';
  measure: Measure;
  requests: number;
  outcomes: number;
  successes: number;
  bins: AccuracyBin[];
  /** Spearman's rho of tokens vs success over requests with an outcome; null when undefined. */
  rho: number | null;
  rhoZ: number;
  chiSquare: { statistic: number; df: number; significant: boolean };
  verdict: Verdict;
  /** True for a plateau that is flat from the first bin (no significant dependence on length). */
  flat: boolean;
  /** not-enough-data: outcomes still needed for a verdict (0 when the cause is too little spread). */
  needed: number | null;
  reason: string;
  bestBin: number | null;
  kneeBin: number | null;
  /** Recommended cap in tokens (reasoning only); null = no cap recommended. */
  capTokens: number | null;
  /** USD over the period, exact decimal string, never negative ("0" without a cap). */
  savingsUsd: string;
  requestsAboveCap: number;
  /** Expected change of the group's success rate (fraction, e.g. -0.004); null without a cap. */
  expectedSuccessChange: number | null;
}

export const groupKey = (c: Pick<AccuracyCell, 'model' | 'workflow' | 'measure'>, scope: 'model' | 'workflow') =>
  JSON.stringify([scope === 'model' ? c.model : null, c.workflow, c.measure, scope]);

/** Cells of each group, merged by bucket (pooling models for scope 'workflow') and sorted by bucket. */
export function groupCells(cells: readonly AccuracyCell[], scope: 'model' | 'workflow'): Map<string, AccuracyCell[]> {
  const groups = new Map<string, Map<number, AccuracyCell>>();
  for (const c of cells) {
    const key = groupKey(c, scope);
    const g = groups.get(key) ?? new Map<number, AccuracyCell>();
    const prev = g.get(c.bucket);
    g.set(
      c.bucket,
      prev
        ? {
            ...prev,
            minTokens: Math.min(prev.minTokens, c.minTokens),
            maxTokens: Math.max(prev.maxTokens, c.maxTokens),
            requests: prev.requests + c.requests,
            outcomes: prev.outcomes + c.outcomes,
            successes: prev.successes + c.successes,
            tokenPriceSum: new Decimal(prev.tokenPriceSum).plus(c.tokenPriceSum).toString(),
            priceSum: new Decimal(prev.priceSum).plus(c.priceSum).toString(),
          }
        : { ...c, model: scope === 'model' ? c.model : null },
    );
    groups.set(key, g);
  }
  const out = new Map<string, AccuracyCell[]>();
  for (const [k, g] of groups)
    out.set(
      k,
      [...g.values()].sort((a, b) => a.bucket - b.bucket),
    );
  return out;
}

/** Savings of capping at `cap` tokens: sum over cells wholly above the cap (exact, never negative). */
export function capSavingsUsd(sorted: readonly AccuracyCell[], cap: number): { usd: string; requests: number } {
  let usd = new Decimal(0);
  let requests = 0;
  for (const c of sorted) {
    if (c.minTokens <= cap) {
      // Only the cell holding the cap itself can straddle it; the cap is a cell's max, so nothing here exceeds it.
      continue;
    }
    usd = usd.plus(new Decimal(c.tokenPriceSum).minus(new Decimal(cap).times(c.priceSum)));
    requests += c.requests;
  }
  return { usd: Decimal.max(0, usd.dividedBy(1_000_000)).toString(), requests };
}

export function binCount(outcomes: number): number {
  return Math.min(MAX_BINS, Math.max(MIN_BINS, Math.round(outcomes / TARGET_PER_BIN)), Math.floor(outcomes / MIN_PER_BIN));
}

function makeBins(sorted: readonly AccuracyCell[], k: number): AccuracyBin[] {
  return quantileBinRanges(
    sorted.map((c) => c.outcomes),
    k,
    MIN_PER_BIN,
  ).map(([s, e], index) => {
    const part = sorted.slice(s, e);
    const outcomes = part.reduce((a, c) => a + c.outcomes, 0);
    const successes = part.reduce((a, c) => a + c.successes, 0);
    const withOutcomes = part.filter((c) => c.outcomes > 0);
    return {
      index,
      minTokens: Math.min(...withOutcomes.map((c) => c.minTokens)),
      maxTokens: Math.max(...withOutcomes.map((c) => c.maxTokens)),
      requests: part.reduce((a, c) => a + c.requests, 0),
      outcomes,
      successes,
      ...wilson(successes, outcomes),
    };
  });
}

/** Analyses one group's cells (sorted by bucket, as groupCells returns them). */
export function analyseGroup(sorted: readonly AccuracyCell[], scope: 'model' | 'workflow'): AccuracyFinding {
  const head = sorted[0];
  const outcomes = sorted.reduce((a, c) => a + c.outcomes, 0);
  const successes = sorted.reduce((a, c) => a + c.successes, 0);
  const base: AccuracyFinding = {
    model: scope === 'model' ? (head?.model ?? null) : null,
    workflow: head?.workflow ?? null,
    scope,
    measure: head?.measure ?? 'reasoning',
    requests: sorted.reduce((a, c) => a + c.requests, 0),
    outcomes,
    successes,
    bins: [],
    rho: null,
    rhoZ: 0,
    chiSquare: { statistic: 0, df: 0, significant: false },
    verdict: 'not-enough-data',
    flat: false,
    needed: null,
    reason: '',
    bestBin: null,
    kneeBin: null,
    capTokens: null,
    savingsUsd: '0',
    requestsAboveCap: 0,
    expectedSuccessChange: null,
  };
  if (outcomes < MIN_OUTCOMES) {
    const needed = MIN_OUTCOMES - outcomes;
    return { ...base, needed, reason: `${outcomes} requests with an outcome; a verdict needs ${MIN_OUTCOMES} (${needed} more)` };
  }
  const bins = makeBins(sorted, binCount(outcomes));
  const counts = sorted.flatMap((c) => [
    { x: c.bucket, y: 1, count: c.successes },
    { x: c.bucket, y: 0, count: c.outcomes - c.successes },
  ]);
  const rhoRaw = spearmanFromCounts(counts);
  const rho = Number.isFinite(rhoRaw) ? rhoRaw : null;
  const rhoZ = rankCorrelationZ(rho ?? Number.NaN, outcomes);
  const chiSquare = chiSquareHomogeneity(bins.map((b) => ({ successes: b.successes, n: b.outcomes })));
  const withStats = { ...base, bins, rho, rhoZ, chiSquare };
  if (bins.length < 3)
    return { ...withStats, needed: 0, reason: `token counts too concentrated: only ${bins.length} bins of ${MIN_PER_BIN}+ outcomes` };

  let best = 0;
  for (const b of bins) if (b.rate > bins[best].rate) best = b.index;
  const flat = !chiSquare.significant && Math.abs(rhoZ) < 1.96;
  const knee = flat ? 0 : bins.findIndex((b) => b.rate >= bins[best].low);
  const top = bins[bins.length - 1];
  let verdict: Verdict;
  let reason: string;
  if (flat) {
    verdict = 'plateau';
    reason = 'success does not depend on length (no significant difference between bins)';
  } else if (rhoZ <= -1.96 && best !== top.index && top.high < bins[best].low) {
    verdict = 'hurts';
    reason = `longer is worse: rho ${rho?.toFixed(2)}, top bin ${pct(top.rate)} below the best bin's interval (${pct(bins[best].low)}-${pct(bins[best].high)})`;
  } else if (knee === top.index) {
    verdict = 'helps';
    reason = `success keeps rising with length (rho ${rho?.toFixed(2)}); no shorter bin reaches the top bin's interval`;
  } else {
    verdict = 'plateau';
    reason = `success flattens from bin ${knee + 1} of ${bins.length} (within the best bin's interval)`;
  }
  const result: AccuracyFinding = { ...withStats, verdict, flat, reason, bestBin: best, kneeBin: knee };
  if (verdict === 'helps' || result.measure !== 'reasoning' || knee === top.index) return result;

  const cap = bins[knee].maxTokens;
  const { usd, requests } = capSavingsUsd(sorted, cap);
  const above = bins.slice(knee + 1);
  const aboveOutcomes = above.reduce((a, b) => a + b.outcomes, 0);
  const aboveRate = above.reduce((a, b) => a + b.successes, 0) / aboveOutcomes;
  const change = aboveOutcomes > 0 ? (aboveOutcomes / outcomes) * (bins[knee].rate - aboveRate) : 0;
  return { ...result, capTokens: cap, savingsUsd: usd, requestsAboveCap: requests, expectedSuccessChange: change };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Every (model, workflow, measure) group, then every workflow with its models pooled. */
export function analyseAccuracy(cells: readonly AccuracyCell[]): AccuracyFinding[] {
  const out: AccuracyFinding[] = [];
  for (const scope of ['model', 'workflow'] as const)
    for (const group of groupCells(cells, scope).values()) if (group.some((c) => c.outcomes > 0)) out.push(analyseGroup(group, scope));
  return out.sort(
    (a, b) =>
      String(a.workflow).localeCompare(String(b.workflow)) ||
      a.scope.localeCompare(b.scope) ||
      String(a.model).localeCompare(String(b.model)) ||
      a.measure.localeCompare(b.measure),
  );
}
