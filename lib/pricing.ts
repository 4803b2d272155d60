/**
 * List cost at each event's time: negotiated overrides win, else the @pydantic/genai-prices catalog.
 * The catalog returns prices per million tokens as JSON numbers; we take their decimal text and do
 * all arithmetic in decimal.js so a stored amount never passes through float arithmetic.
 * An unknown model is "unpriced": cost null, never 0.
 */
import { calcPrice } from '@pydantic/genai-prices';
import Decimal from 'decimal.js';

export interface PriceOverrideRule {
  vendor: string | null;
  model: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  /** USD per million tokens, decimal strings. */
  inputPerMtokUsd: string;
  cachedInputPerMtokUsd: string | null;
  cacheWritePerMtokUsd: string | null;
  outputPerMtokUsd: string;
}

export interface PricedUsage {
  vendor: string;
  model: string | null;
  modelRaw: string | null;
  occurredAt: Date;
  /** 0 for one request, else a bucket width: tier thresholds apply per request; buckets use base prices. */
  periodSeconds: number;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
}

/** USD per million tokens for one model at one time. */
export interface UnitPrices {
  input: Decimal;
  cachedInput: Decimal;
  cacheWrite: Decimal;
  output: Decimal;
}

export interface ListCost {
  costUsd: string | null;
  priceSource: 'catalog' | 'override' | null;
  /** The output price used (USD per million tokens): what hidden reasoning tokens cost. */
  outputPerMtokUsd: string | null;
}

/** Our vendor ids to genai-prices provider ids. */
const PROVIDER_IDS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  xai: 'x-ai',
  deepseek: 'deepseek',
  google: 'google',
  mistral: 'mistral',
  cohere: 'cohere',
  azure_openai: 'azure',
  aws_bedrock: 'aws',
  google_vertex: 'google',
  openrouter: 'openrouter',
};

type CatalogPrice = number | { base: number; tiers: { start: number; price: number }[] } | undefined;

function pick(p: CatalogPrice, inputTokens: number, isBucket: boolean): Decimal | null {
  if (p === undefined) return null;
  if (typeof p === 'number') return new Decimal(String(p));
  let price = p.base;
  if (!isBucket) for (const t of p.tiers) if (inputTokens > t.start) price = t.price;
  return new Decimal(String(price));
}

/** vendor -> model id -> UTC day -> catalog prices: nested maps, so a hit builds no key string (this runs per row). */
const catalogCache = new Map<string, Map<string, Map<number, Record<string, CatalogPrice> | null>>>();
let catalogCached = 0;

/** Catalog prices for (vendor, model) on the event's UTC day; memoised because ingest prices millions of rows. */
function catalogPrices(vendor: string, modelId: string, at: Date): Record<string, CatalogPrice> | null {
  const day = Math.floor(at.getTime() / 86_400_000);
  let byModel = catalogCache.get(vendor);
  let byDay = byModel?.get(modelId);
  const hit = byDay?.get(day);
  if (hit !== undefined) return hit;
  let found: Record<string, CatalogPrice> | null = null;
  try {
    const r = calcPrice({ input_tokens: 1, output_tokens: 1 }, modelId, { providerId: PROVIDER_IDS[vendor] ?? vendor, timestamp: at });
    found = r ? (r.model_price as Record<string, CatalogPrice>) : null;
  } catch {
    found = null;
  }
  if (catalogCached > 50_000) {
    catalogCache.clear();
    catalogCached = 0;
    byModel = undefined;
    byDay = undefined;
  }
  if (!byModel) {
    byModel = new Map();
    catalogCache.set(vendor, byModel);
  }
  if (!byDay) {
    byDay = new Map();
    byModel.set(modelId, byDay);
  }
  byDay.set(day, found);
  catalogCached++;
  return found;
}

/** How many tier thresholds a request crosses (0 for buckets and untiered models). */
function tierIndex(cat: Record<string, CatalogPrice>, inputTokens: number, isBucket: boolean): number {
  const p = cat.input_mtok;
  if (isBucket || typeof p !== 'object' || p === null) return 0;
  let n = 0;
  for (const t of p.tiers) if (inputTokens > t.start) n++;
  return n;
}

const unitCache = new WeakMap<object, Map<number, UnitPrices | null>>();

function catalogUnitPrices(cat: Record<string, CatalogPrice>, inputTokens: number, isBucket: boolean): UnitPrices | null {
  const tier = tierIndex(cat, inputTokens, isBucket);
  let byTier = unitCache.get(cat);
  if (!byTier) {
    byTier = new Map();
    unitCache.set(cat, byTier);
  }
  const hit = byTier.get(tier);
  if (hit !== undefined) return hit;
  const input = pick(cat.input_mtok, inputTokens, isBucket);
  const output = pick(cat.output_mtok, inputTokens, isBucket);
  const prices =
    input && output
      ? {
          input,
          output,
          cachedInput: pick(cat.cache_read_mtok, inputTokens, isBucket) ?? input,
          cacheWrite: pick(cat.cache_write_mtok, inputTokens, isBucket) ?? input,
        }
      : null;
  byTier.set(tier, prices);
  return prices;
}

export function unitPrices(u: PricedUsage, overrides: PriceOverrideRule[]): { prices: UnitPrices; source: 'catalog' | 'override' } | null {
  const model = u.model ?? u.modelRaw;
  if (!model) return null;
  const ov = overrides.length
    ? overrides.find(
        (o) =>
          o.model === model &&
          (o.vendor === null || o.vendor === u.vendor) &&
          o.effectiveFrom <= u.occurredAt &&
          (o.effectiveTo === null || u.occurredAt < o.effectiveTo),
      )
    : undefined;
  if (ov) {
    const input = new Decimal(ov.inputPerMtokUsd);
    return {
      source: 'override',
      prices: {
        input,
        cachedInput: ov.cachedInputPerMtokUsd ? new Decimal(ov.cachedInputPerMtokUsd) : input,
        cacheWrite: ov.cacheWritePerMtokUsd ? new Decimal(ov.cacheWritePerMtokUsd) : input,
        output: new Decimal(ov.outputPerMtokUsd),
      },
    };
  }
  const cat = (u.modelRaw && catalogPrices(u.vendor, u.modelRaw, u.occurredAt)) || catalogPrices(u.vendor, model, u.occurredAt);
  if (!cat) return null;
  const prices = catalogUnitPrices(cat, u.inputTokens ?? 0, u.periodSeconds > 0);
  return prices ? { source: 'catalog', prices } : null;
}

/** Prices are carried as integers of 1e-9 USD per million tokens, so a cost is an exact integer sum. */
const PRICE_SCALE = new Decimal(1e9);
const scaledCache = new Map<string, bigint | null>();

/** Exact conversion of a per-MTok price to 1e-9 units; null if it has more than 9 decimals. */
function scaled(d: Decimal): bigint | null {
  const k = d.toString();
  let v = scaledCache.get(k);
  if (v === undefined) {
    const x = d.mul(PRICE_SCALE);
    v = x.isInteger() ? BigInt(x.toFixed(0)) : null;
    if (scaledCache.size > 10_000) scaledCache.clear();
    scaledCache.set(k, v);
  }
  return v;
}

/**
 * Per UnitPrices object (catalog ones are memoised, so this hits on the hot path): the prices in 1e-9 units, as
 * bigints and, when all are safe integers, as numbers; and the output price's text.
 */
interface ScaledPrices {
  units: (bigint | null)[];
  nums: number[] | null;
  outputText: string;
}
const scaledUnits = new WeakMap<UnitPrices, ScaledPrices>();

function scaledPrices(prices: UnitPrices): ScaledPrices {
  let p = scaledUnits.get(prices);
  if (!p) {
    const units = [scaled(prices.input), scaled(prices.cachedInput), scaled(prices.cacheWrite), scaled(prices.output)];
    const nums = units.every((x) => x !== null && x >= 0n && x <= MAX_SAFE) ? units.map(Number) : null;
    p = { units, nums, outputText: prices.output.toFixed() };
    scaledUnits.set(prices, p);
  }
  return p;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const safeCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
const E5 = 100_000n;
const E10 = 10_000_000_000n;

/** Rounds an integer of 1e-15 USD to numeric(20,10) text, half-even, without floats. */
function femtoToUsd(total: bigint): string {
  let q = total / E5;
  const r = total % E5;
  if (r * 2n > E5 || (r * 2n === E5 && q % 2n === 1n)) q += 1n;
  const int = q / E10;
  const frac = (q % E10).toString().padStart(10, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

/**
 * femtoToUsd for a safe integer: the same steps in doubles, exact because every operand and result is an
 * integer below 2^53 (% and the division of an exact multiple do not round). BigInt arithmetic was a tenth of
 * the per-row pricing cost.
 */
function femtoToUsdSafe(total: number): string {
  const r = total % 100_000;
  let q = (total - r) / 100_000;
  if (r * 2 > 100_000 || (r * 2 === 100_000 && q % 2 === 1)) q += 1;
  const fracInt = q % 1e10;
  const int = (q - fracInt) / 1e10;
  const frac = `${fracInt}`.padStart(10, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

/** Exact list cost in USD; null when the model is unknown or no token counts are known. */
export function listCost(u: PricedUsage, overrides: PriceOverrideRule[]): ListCost {
  if (u.inputTokens === null && u.outputTokens === null) return { costUsd: null, priceSource: null, outputPerMtokUsd: null };
  const found = unitPrices(u, overrides);
  if (!found) return { costUsd: null, priceSource: null, outputPerMtokUsd: null };
  const { prices } = found;
  const cached = u.cachedInputTokens ?? 0;
  const write = u.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, (u.inputTokens ?? 0) - cached - write);
  const output = u.outputTokens ?? 0;
  const p = scaledPrices(prices);
  const outputPerMtokUsd = p.outputText;
  const n = p.nums;
  if (n && Number.isSafeInteger(uncached) && safeCount(cached) && safeCount(write) && safeCount(output)) {
    // Exact while the total stays a safe integer: all terms are non-negative integers, so each product and partial
    // sum is then exact too, and any overflow shows as a total past MAX_SAFE_INTEGER (rounding is monotone).
    const total = uncached * n[0] + cached * n[1] + write * n[2] + output * n[3];
    if (total <= Number.MAX_SAFE_INTEGER) return { costUsd: femtoToUsdSafe(total), priceSource: found.source, outputPerMtokUsd };
  }
  const units = p.units;
  if (units.every((x) => x !== null)) {
    // tokens x (1e-9 USD per 1e6 tokens) = 1e-15 USD
    const total = BigInt(uncached) * units[0]! + BigInt(cached) * units[1]! + BigInt(write) * units[2]! + BigInt(output) * units[3]!;
    return { costUsd: femtoToUsd(total), priceSource: found.source, outputPerMtokUsd };
  }
  const total = prices.input
    .mul(uncached)
    .plus(prices.cachedInput.mul(cached))
    .plus(prices.cacheWrite.mul(write))
    .plus(prices.output.mul(u.outputTokens ?? 0))
    .div(1_000_000);
  // numeric(20,10): round half-even at the 10th decimal, the column's scale.
  return { costUsd: total.toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN).toFixed(), priceSource: found.source, outputPerMtokUsd };
}
