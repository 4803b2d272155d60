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
  /** Tier thresholds apply per request; buckets use base prices. */
  isBucket: boolean;
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

const catalogCache = new Map<string, Record<string, CatalogPrice> | null>();

/** Catalog prices for (vendor, model) on the event's UTC day; memoised because ingest prices millions of rows. */
function catalogPrices(vendor: string, modelId: string, at: Date): Record<string, CatalogPrice> | null {
  const day = at.toISOString().slice(0, 10);
  const key = `${vendor}|${modelId}|${day}`;
  const hit = catalogCache.get(key);
  if (hit !== undefined) return hit;
  let found: Record<string, CatalogPrice> | null = null;
  try {
    const r = calcPrice({ input_tokens: 1, output_tokens: 1 }, modelId, { providerId: PROVIDER_IDS[vendor] ?? vendor, timestamp: at });
    found = r ? (r.model_price as Record<string, CatalogPrice>) : null;
  } catch {
    found = null;
  }
  if (catalogCache.size > 50_000) catalogCache.clear();
  catalogCache.set(key, found);
  return found;
}

export function unitPrices(u: PricedUsage, overrides: PriceOverrideRule[]): { prices: UnitPrices; source: 'catalog' | 'override' } | null {
  const model = u.model ?? u.modelRaw;
  if (!model) return null;
  const ov = overrides.find(
    (o) =>
      o.model === model &&
      (o.vendor === null || o.vendor === u.vendor) &&
      o.effectiveFrom <= u.occurredAt &&
      (o.effectiveTo === null || u.occurredAt < o.effectiveTo),
  );
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
  const n = u.inputTokens ?? 0;
  const input = pick(cat.input_mtok, n, u.isBucket);
  const output = pick(cat.output_mtok, n, u.isBucket);
  if (!input || !output) return null;
  return {
    source: 'catalog',
    prices: {
      input,
      cachedInput: pick(cat.cache_read_mtok, n, u.isBucket) ?? input,
      cacheWrite: pick(cat.cache_write_mtok, n, u.isBucket) ?? input,
      output,
    },
  };
}

const MILLION = new Decimal(1_000_000);

/** Exact list cost in USD; null when the model is unknown or no token counts are known. */
export function listCost(u: PricedUsage, overrides: PriceOverrideRule[]): ListCost {
  if (u.inputTokens === null && u.outputTokens === null) return { costUsd: null, priceSource: null };
  const found = unitPrices(u, overrides);
  if (!found) return { costUsd: null, priceSource: null };
  const { prices } = found;
  const cached = u.cachedInputTokens ?? 0;
  const write = u.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, (u.inputTokens ?? 0) - cached - write);
  const total = prices.input
    .mul(uncached)
    .plus(prices.cachedInput.mul(cached))
    .plus(prices.cacheWrite.mul(write))
    .plus(prices.output.mul(u.outputTokens ?? 0))
    .div(MILLION);
  // numeric(20,10): round half-even at the 10th decimal, the column's scale.
  return { costUsd: total.toDecimalPlaces(10, Decimal.ROUND_HALF_EVEN).toFixed(), priceSource: found.source };
}
