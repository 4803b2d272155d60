/**
 * A usage line's list cost split by token class at the model's list price, and exact sums of such
 * splits. Token classes are disjoint: uncached input (input - cached - cache writes), cached input,
 * cache writes, visible output (output - reasoning) and reasoning (billed at the output price).
 *
 * The stored list cost (priced per event at ingest: per-request tiers, overrides by the minute) is the
 * truth; the split prices the line's summed tokens at its day's base prices, and whatever differs is
 * kept as `residual`, so the classes always add up to the stored list cost exactly. Residual is 0 for
 * untiered models priced at a single rate that day.
 */
import DecimalBase from 'decimal.js';
import { type PriceOverrideRule, type UnitPrices, unitPrices } from '../pricing';

/** 40 significant digits: token counts (up to ~1e12) times prices with 9 decimals stay exact. */
export const Decimal = DecimalBase.clone({ precision: 40 });
export type Decimal = DecimalBase;

/** Token counts in the DESIGN.md convention: input includes cache reads and writes, output includes reasoning. */
export interface TokenCounts {
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Reasoning tokens where the source reported them. */
  reasoningTokens: number;
  /** Output tokens of events whose reasoning was not reported (their reasoning is unknown, not 0). */
  reasoningUnknownOutputTokens: number;
}

export const COST_CLASSES = ['uncachedInput', 'cachedInput', 'cacheWrite', 'visibleOutput', 'reasoning', 'residual'] as const;
export type CostClass = (typeof COST_CLASSES)[number];
/** USD per class, exact decimal strings; they add up to the line's list cost. */
export type CostByClass = Record<CostClass, string>;

export const ZERO_TOKENS: TokenCounts = {
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  reasoningUnknownOutputTokens: 0,
};

/** Disjoint per-class token counts (never negative, even if a source's counts disagree). */
export function classTokens(t: TokenCounts): Record<Exclude<CostClass, 'residual'>, number> {
  return {
    uncachedInput: Math.max(0, t.inputTokens - t.cachedInputTokens - t.cacheWriteTokens),
    cachedInput: t.cachedInputTokens,
    cacheWrite: t.cacheWriteTokens,
    visibleOutput: Math.max(0, t.outputTokens - t.reasoningTokens),
    reasoning: t.reasoningTokens,
  };
}

const MTOK = 1_000_000;

/** Cost of the tokens at these prices (USD per million tokens), per class; residual 0. */
export function priceTokens(t: TokenCounts, p: UnitPrices): Record<CostClass, Decimal> {
  const n = classTokens(t);
  const at = (tokens: number, perMtok: DecimalBase) => new Decimal(perMtok.toString()).mul(tokens).div(MTOK);
  return {
    uncachedInput: at(n.uncachedInput, p.input),
    cachedInput: at(n.cachedInput, p.cachedInput),
    cacheWrite: at(n.cacheWrite, p.cacheWrite),
    visibleOutput: at(n.visibleOutput, p.output),
    reasoning: at(n.reasoning, p.output),
    residual: new Decimal(0),
  };
}

/**
 * The split of `listCostUsd`. null when the list cost is null (unpriced stays unpriced); when the
 * catalog has no price for the line, everything is residual.
 */
export function splitCostByClass(t: TokenCounts, prices: UnitPrices | null, listCostUsd: string | null): CostByClass | null {
  if (listCostUsd === null) return null;
  if (!prices) return { ...zeroSplit(), residual: new Decimal(listCostUsd).toFixed() };
  return splitExact(t, prices, listCostUsd) ?? splitDecimal(t, prices, listCostUsd);
}

function splitDecimal(t: TokenCounts, prices: UnitPrices, listCostUsd: string): CostByClass {
  const parts = priceTokens(t, prices);
  const priced = COST_CLASSES.reduce((a, c) => a.plus(parts[c]), new Decimal(0));
  return {
    uncachedInput: parts.uncachedInput.toFixed(),
    cachedInput: parts.cachedInput.toFixed(),
    cacheWrite: parts.cacheWrite.toFixed(),
    visibleOutput: parts.visibleOutput.toFixed(),
    reasoning: parts.reasoning.toFixed(),
    residual: new Decimal(listCostUsd).minus(priced).toFixed(),
  };
}

/*
 * Fast exact path (the split runs for every day line of a period): a price with at most 9 decimals is
 * an integer k of 1e-9 USD per million tokens, i.e. of 1e-15 USD per token, so tokens x k is the cost
 * in 1e-15 USD exactly. Used when every price and the list cost fit that scale (they do for catalog
 * prices and numeric(20,10) list costs); otherwise splitDecimal gives the same numbers more slowly.
 */
const E15 = 10n ** 15n;
const scaledPrices = new WeakMap<UnitPrices, bigint[] | null>();

function toFemto(s: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m || (m[3]?.length ?? 0) > 15) return null;
  const v = BigInt(m[2]) * E15 + BigInt((m[3] ?? '').padEnd(15, '0'));
  return m[1] ? -v : v;
}

function fromFemto(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % E15).toString().padStart(15, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / E15}${frac ? `.${frac}` : ''}`;
}

function perTokenFemto(p: UnitPrices): bigint[] | null {
  let k = scaledPrices.get(p);
  if (k === undefined) {
    const xs = [p.input, p.cachedInput, p.cacheWrite, p.output].map((d) => {
      const x = d.mul(1e9);
      return x.isInteger() ? BigInt(x.toFixed(0)) : null;
    });
    k = xs.every((x) => x !== null) ? (xs as bigint[]) : null;
    scaledPrices.set(p, k);
  }
  return k;
}

function splitExact(t: TokenCounts, prices: UnitPrices, listCostUsd: string): CostByClass | null {
  const k = perTokenFemto(prices);
  const list = toFemto(listCostUsd);
  if (k === null || list === null) return null;
  const n = classTokens(t);
  const parts = [
    BigInt(n.uncachedInput) * k[0],
    BigInt(n.cachedInput) * k[1],
    BigInt(n.cacheWrite) * k[2],
    BigInt(n.visibleOutput) * k[3],
    BigInt(n.reasoning) * k[3],
  ];
  return {
    uncachedInput: fromFemto(parts[0]),
    cachedInput: fromFemto(parts[1]),
    cacheWrite: fromFemto(parts[2]),
    visibleOutput: fromFemto(parts[3]),
    reasoning: fromFemto(parts[4]),
    residual: fromFemto(list - parts.reduce((a, x) => a + x, 0n)),
  };
}

export function zeroSplit(): CostByClass {
  return { uncachedInput: '0', cachedInput: '0', cacheWrite: '0', visibleOutput: '0', reasoning: '0', residual: '0' };
}

/** Exact sum of two splits; null only when both are null. */
export function addSplits(a: CostByClass | null, b: CostByClass | null): CostByClass | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = {} as CostByClass;
  for (const c of COST_CLASSES) out[c] = new Decimal(a[c]).plus(b[c]).toFixed();
  return out;
}

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    reasoningUnknownOutputTokens: a.reasoningUnknownOutputTokens + b.reasoningUnknownOutputTokens,
  };
}

/** Exact sum of nullable decimal strings; null when every value is null. */
export function addUsd(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return new Decimal(a).plus(b).toFixed();
}

/** (vendor, model, UTC day) -> list prices (USD per million tokens), or null when unknown. */
export type PriceBook = (vendor: string, model: string | null, day: string) => UnitPrices | null;

/**
 * Prices from the catalog with negotiated overrides winning (lib/pricing.ts), at 12:00 UTC of the day
 * and at base rates (no per-request tier: a day's line sums many requests). Time-of-day discounts
 * (DeepSeek's off-peak hours) and tiers therefore show up in the split's residual. Memoised per key.
 */
export function makePriceBook(overrides: PriceOverrideRule[]): PriceBook {
  const memo = new Map<string, UnitPrices | null>();
  return (vendor, model, day) => {
    if (model === null) return null;
    const key = `${vendor}\0${model}\0${day}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      hit =
        unitPrices(
          {
            vendor,
            model,
            modelRaw: null,
            occurredAt: new Date(`${day}T12:00:00Z`),
            periodSeconds: 86_400,
            inputTokens: 0,
            cachedInputTokens: 0,
            cacheWriteTokens: 0,
            outputTokens: 0,
          },
          overrides,
        )?.prices ?? null;
      memo.set(key, hit);
    }
    return hit;
  };
}
