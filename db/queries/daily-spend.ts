/**
 * Daily list spend per scope from the usage_daily rollup: the input of the month-end forecast, budget
 * burn and workflow anomaly flags (lib/analysis/forecast.ts, budgets.ts, anomalies.ts). List cost is
 * the basis because it is known for every day and every team; invoices arrive late and carry no team.
 */
import type { Connection } from '../client';
import { inList, moneyText, Params, toCount, toText } from './sql-params';
import type { StatementFilters } from './statement';

export type SpendScope = 'total' | 'team' | 'workflow' | 'vendor';

export interface DailySpendRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** The team / workflow / vendor; null = not set (and always null for 'total'). */
  key: string | null;
  /** Exact decimal string; null = no priced usage that day. */
  listCostUsd: string | null;
  /** Vendor-stated per-request costs (not invoices). */
  billedCostUsd: string | null;
  events: number;
}

/** One row per (day, key) with usage, ordered by key then day. Days without usage are absent (no spend). */
export async function getDailySpend(
  conn: Connection,
  q: { from: string; to: string; by: SpendScope; filters?: StatementFilters },
): Promise<DailySpendRow[]> {
  const p = new Params();
  const c = [`day >= ${p.add(q.from)}::date AND day <= ${p.add(q.to)}::date`];
  const f = q.filters ?? {};
  if (f.vendor) c.push(inList('vendor', f.vendor, p));
  if (f.team) c.push(inList('team', f.team, p));
  if (f.workflow) c.push(inList('workflow', f.workflow, p));
  const key = q.by === 'total' ? 'NULL::text' : q.by;
  const rows = await conn.query(
    `SELECT day::text AS day, ${key} AS k, ${moneyText('sum(list_cost_usd)')} AS list, ${moneyText('sum(billed_cost_usd)')} AS billed,
            sum(events) AS events
       FROM usage_daily WHERE ${c.join(' AND ')} GROUP BY 1, 2 ORDER BY 2 NULLS LAST, 1`,
    p.values,
  );
  return rows.map((r) => ({
    day: String(r.day),
    key: toText(r.k),
    listCostUsd: toText(r.list),
    billedCostUsd: toText(r.billed),
    events: toCount(r.events),
  }));
}
