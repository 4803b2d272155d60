/** `itemized prices set|list`: negotiated prices that win over list prices from a date, applied retroactively. */
import type { Connection } from '../db/client';
import { listPriceOverrides } from '../db/queries/ingest';
import { insertPriceOverride, listEventsToReprice, listPriceOverrideRows, type NewOverride, updateListCosts } from '../db/queries/prices';
import { rebuildRollupDays } from '../db/queries/rollup';
import { listCost, type PriceOverrideRule } from '../lib/pricing';

const PAGE = 5_000;

/** Adds the override and reprices the events it covers; returns how many events changed price. */
export async function setPriceOverride(conn: Connection, o: NewOverride): Promise<{ id: number; repriced: number }> {
  // Read before the transaction: PGlite serialises queries, so a read outside it would wait forever.
  const existing: PriceOverrideRule[] = (await listPriceOverrides(conn)).map((r) => ({ ...r }));
  return conn.transaction(async (tx) => {
    const id = await insertPriceOverride(tx, o);
    // The most recent effective date wins, as in the loader (listPriceOverrides orders the same way).
    const overrides = [...existing, o].sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
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
