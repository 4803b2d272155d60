/**
 * Daily spend of [from, to] per budget scope under the dependency map (lib/analysis/budget-spend.ts): one read of
 * the attributed day rows (baseline.ts, from the rollups), summed three ways.
 */
import { type BudgetSpendRow, budgetDailySpend } from '../../lib/analysis/budget-spend';
import type { Connection } from '../client';
import { getAttributedDayRows } from './baseline';
import { getConfig } from './config';

export interface BudgetSpendSeries {
  total: BudgetSpendRow[];
  team: BudgetSpendRow[];
  workflow: BudgetSpendRow[];
}

export async function getBudgetSpendSeries(conn: Connection, from: string, to: string): Promise<BudgetSpendSeries> {
  const config = await getConfig(conn.db);
  const lines = await getAttributedDayRows(conn, config, { from, to });
  const of = (by: keyof BudgetSpendSeries) => budgetDailySpend(lines, config.subscriptions, by, from, to);
  return { total: of('total'), team: of('team'), workflow: of('workflow') };
}
