/**
 * The priced sums of a rollup row (batch-rollups.ts): sum(tokens * price), sum(price) and sum(tokens * price /
 * 1000000), kept per distinct price (a row's events nearly always share one) so that an event costs a number
 * addition, and turned into Postgres numeric text once per row. Prices in USD per million tokens.
 */
import { divMillionScale, formatScaled, rescale } from './pg-numeric';

/** A price as stored (its decimal text's digits and scale), and its digits as a safe integer. */
export interface PriceText {
  mantissa: bigint;
  num: number;
  scale: number;
}

/** Rows of one price within a rollup row: sum(tokens * price) = price * tokens, sum(price) = price * rows. */
export interface PricePart {
  mantissa: bigint;
  scale: number;
  tokens: number;
  rows: number;
}

export interface Priced {
  parts: Map<string, PricePart>;
  /** Largest result scale of the per-row `tokens * price / 1000000` (their sum's scale), -1 while none. */
  divScale: number;
  /** The part last added to (a row's events nearly always share one price). */
  lastText?: string;
  lastPart?: PricePart;
}

/**
 * Adds one priced event's tokens to `row`. False when a value is not reproduced exactly here: the product past 2^53,
 * or a quotient Postgres would round (its scale below the price's + 6); the caller then leaves the batch to SQL.
 */
export function addPriced(row: Priced, tokens: number, price: PriceText, text: string): boolean {
  const product = tokens * price.num;
  const divScale = divMillionScale(product, price.scale);
  let exact = Number.isSafeInteger(product) && divScale >= price.scale + 6;
  if (divScale > row.divScale) row.divScale = divScale;
  const part = row.lastText === text ? row.lastPart : row.parts.get(text);
  if (part) {
    part.tokens += tokens;
    part.rows++;
    exact &&= Number.isSafeInteger(part.tokens);
  } else row.parts.set(text, { mantissa: price.mantissa, scale: price.scale, tokens, rows: 1 });
  row.lastText = text;
  row.lastPart = part ?? row.parts.get(text);
  return exact;
}

/**
 * sum(tokens * price), sum(price) and sum(tokens * price / 1000000) of a row's priced events as numeric::text
 * ('' = NULL: no priced event). A sum's scale is the largest of its terms': the price's for the first two, each
 * quotient's (divMillionScale, every one exact) for the third.
 */
export function pricedSums(row: Priced): [string, string, string] {
  if (row.parts.size === 0) return ['', '', ''];
  let scale = 0;
  for (const p of row.parts.values()) scale = Math.max(scale, p.scale);
  let tokenPrice = 0n;
  let priceSum = 0n;
  let cost = 0n;
  for (const p of row.parts.values()) {
    const product = p.mantissa * BigInt(p.tokens);
    tokenPrice += rescale(product, p.scale, scale);
    priceSum += rescale(p.mantissa * BigInt(p.rows), p.scale, scale);
    cost += rescale(product, p.scale + 6, row.divScale);
  }
  return [formatScaled(tokenPrice, scale), formatScaled(priceSum, scale), formatScaled(cost, row.divScale)];
}
