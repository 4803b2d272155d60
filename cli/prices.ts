/** `itemized prices set|list`: negotiated prices that win over list prices from a date, applied retroactively. */

import Decimal from 'decimal.js';
import type { Connection } from '../db/client';
import { listPriceOverrides } from '../db/queries/ingest';
import { insertPriceOverride, listEventsToReprice, listPriceOverrideRows, type NewOverride, updateListCosts } from '../db/queries/prices';
import { rebuildRollupDays } from '../db/queries/rollup';
import { modelCreator, normaliseModel } from '../lib/ingest/models';
import { listCost, type PriceOverrideRule, unitPrices } from '../lib/pricing';

const PAGE = 5_000;

/**
 * Cache prices the user did not give follow the catalog's ratio to the input price for that model
 * (e.g. Anthropic cache reads at 0.1x input, writes at 1.25x), so a 50%-off contract halves them too.
 * Without a catalog entry they stay null, which the pricer reads as "the input price".
 */
export function withCatalogCacheRatios(o: NewOverride): { override: NewOverride; note: string } {
  if (o.cachedInputPerMtokUsd !== null && o.cacheWritePerMtokUsd !== null) return { override: o, note: '' };
  const vendor = o.vendor ?? modelCreator(normaliseModel(o.model)) ?? 'openai';
  const cat = unitPrices(
    {
      vendor,
      model: normaliseModel(o.model),
      modelRaw: o.model,
      occurredAt: o.effectiveFrom,
      periodSeconds: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
    },
    [],
  );
  if (!cat || cat.prices.input.isZero())
    return { override: o, note: `${o.model} is not in the price catalog: cache reads and writes not given are priced at the input price` };
  const input = new Decimal(o.inputPerMtokUsd);
  const scale = (d: Decimal) => input.mul(d).div(cat.prices.input).toDecimalPlaces(9).toFixed();
  const override = {
    ...o,
    cachedInputPerMtokUsd: o.cachedInputPerMtokUsd ?? scale(cat.prices.cachedInput),
    cacheWritePerMtokUsd: o.cacheWritePerMtokUsd ?? scale(cat.prices.cacheWrite),
  };
  return {
    override,
    note: `cache prices follow the catalog's ratios: reads ${override.cachedInputPerMtokUsd}, writes ${override.cacheWritePerMtokUsd} per MTok`,
  };
}

/** Adds the override and reprices the events it covers; returns how many events changed price. */
export async function setPriceOverride(conn: Connection, o: NewOverride): Promise<{ id: number; repriced: number }> {
  // Read before the transaction: PGlite serialises queries, so a read outside it would wait forever.
  const existing: PriceOverrideRule[] = (await listPriceOverrides(conn)).map((r) => ({ ...r }));
  return conn.transaction(async (tx) => {
    const id = await insertPriceOverride(tx, o);
    // The most recent effective date wins and, on a tie, the newest override (this one), as in the loader.
    const overrides = [o, ...existing].sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
    let after = 0;
    let repriced = 0;
    let minDay: string | null = null;
    let maxDay: string | null = null;
    for (;;) {
      const rows = await listEventsToReprice(tx, o, after, PAGE);
      if (!rows.length) break;
      const priced = rows.map((r) => listCost(r, overrides));
      await updateListCosts(
        tx,
        rows.map((r, i) => ({ id: r.id, ...priced[i] })),
      );
      for (const r of rows) {
        const d = r.occurredAt.toISOString().slice(0, 10);
        if (!minDay || d < minDay) minDay = d;
        if (!maxDay || d > maxDay) maxDay = d;
      }
      repriced += rows.length;
      after = rows[rows.length - 1].id;
    }
    if (minDay && maxDay) await rebuildRollupDays(tx, minDay, maxDay);
    return { id, repriced };
  });
}

export async function printPriceOverrides(conn: Connection): Promise<void> {
  process.stdout.write(`${JSON.stringify(await listPriceOverrideRows(conn), null, 2)}\n`);
}
