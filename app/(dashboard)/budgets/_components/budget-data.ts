/**
 * What the budgets page computes, from daily list spend (usage_daily): the month-end forecast per
 * scope (total, each team, each workflow), budget burn, and workflow anomaly flags. One read per scope
 * per request (React cache), shared by the page's sections.
 */
import { cache } from 'react';
import type { Connection } from '@/db/client';
import { getBudgetSpendSeries } from '@/db/queries/budget-spend';
import { getConfig } from '@/db/queries/config';
import { type DailySpendRow, getDailySpend, type SpendScope } from '@/db/queries/daily-spend';
import { ANOMALY_DEFAULTS, detectSpendAnomalies, type SpendAnomaly } from '@/lib/analysis/anomalies';
import { type BudgetBurn, type BudgetInput, budgetBurn, seriesByKey } from '@/lib/analysis/budgets';
import { type DailyAmount, forecastMonth, type MonthForecast } from '@/lib/analysis/forecast';
import { addDays } from '@/lib/analysis/timeseries';
import { monthPeriod } from '@/lib/months';

export const WINDOW_DAYS = 14;

export interface MonthContext {
  month: string;
  /** The forecast's as-of day (the latest day with data in the month, or an earlier day to replay). */
  asOf: string;
  /** The last day with data in the month (after asOf when replaying). */
  lastKnown: string;
}

export type ForecastScope = Exclude<SpendScope, 'vendor'>;

export interface ScopeForecast {
  scope: ForecastScope;
  key: string | null;
  days: DailyAmount[];
  forecast: MonthForecast;
  /** Actual spend of the whole month so far (equal to month-to-date unless replaying). */
  actualToLastKnownUsd: string;
}

/** Daily spend per key from the anomaly baseline's start (28 days before the month) to the last known day. */
export const loadDailySpend = cache(
  async (conn: Connection, by: ForecastScope, month: string, lastKnown: string): Promise<DailySpendRow[]> => {
    const from = addDays(monthPeriod(month).from, -ANOMALY_DEFAULTS.baselineDays);
    return getDailySpend(conn, { from, to: lastKnown, by });
  },
);

export async function loadForecasts(conn: Connection, by: ForecastScope, ctx: MonthContext): Promise<ScopeForecast[]> {
  const rows = await loadDailySpend(conn, by, ctx.month, ctx.lastKnown);
  const byKey = new Map<string | null, DailyAmount[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), { day: r.day, amountUsd: r.listCostUsd }]);
  if (by === 'total' && byKey.size === 0) byKey.set(null, []);
  const { from } = monthPeriod(ctx.month);
  const out: ScopeForecast[] = [];
  for (const [key, days] of byKey) {
    // Keys with no spend in the month or its rate window have nothing to forecast.
    const since = [addDays(ctx.asOf, -(WINDOW_DAYS - 1)), from].sort()[0];
    if (by !== 'total' && !days.some((d) => d.day >= since && d.day <= ctx.lastKnown)) continue;
    const forecast = forecastMonth(days, { month: ctx.month, asOf: ctx.asOf, windowDays: WINDOW_DAYS });
    const actual = forecastMonth(days, { month: ctx.month, asOf: ctx.lastKnown, windowDays: WINDOW_DAYS }).monthToDateUsd;
    out.push({ scope: by, key, days, forecast, actualToLastKnownUsd: actual });
  }
  return out;
}

export async function loadAnomalies(conn: Connection, ctx: MonthContext): Promise<SpendAnomaly[]> {
  const rows = await loadDailySpend(conn, 'workflow', ctx.month, ctx.lastKnown);
  return detectSpendAnomalies(
    rows.map((r) => ({ day: r.day, workflow: r.key, amountUsd: r.listCostUsd })),
    { from: monthPeriod(ctx.month).from, to: ctx.lastKnown },
  );
}

/**
 * Budgets of the month from the dependency map (itemized.yaml / Settings): a month-specific budget wins
 * over the recurring one of the same scope and name. A team budget is keyed by the team, a workflow
 * budget by the workflow's name in the map (its spend is what the workflow's rules match).
 */
export async function loadBudgets(conn: Connection, month: string): Promise<BudgetInput[]> {
  const config = await getConfig(conn.db);
  const chosen = new Map<string, (typeof config.budgets)[number]>();
  for (const b of config.budgets) {
    if (b.month !== null && b.month !== month) continue;
    const k = `${b.scope}|${b.name}`;
    if (!chosen.has(k) || b.month !== null) chosen.set(k, b);
  }
  return [...chosen.values()].map((b) => ({ id: `${b.scope}:${b.name}`, scope: b.scope, key: b.name, month, amountUsd: b.amountUsd }));
}

/**
 * Budget burn of the month as of ctx.asOf (used by the budgets page and the overview's card), on the dependency
 * map's attribution with flat-rate plans at their price (budget-spend.ts), as the Scenarios page checks budgets;
 * from the anomaly baseline's start, so the forecast's rate window can reach before the month as elsewhere.
 */
export async function loadBudgetBurn(conn: Connection, ctx: MonthContext): Promise<BudgetBurn[]> {
  const budgets = await loadBudgets(conn, ctx.month);
  if (!budgets.length) return [];
  const from = addDays(monthPeriod(ctx.month).from, -ANOMALY_DEFAULTS.baselineDays);
  const s = await getBudgetSpendSeries(conn, from, ctx.lastKnown);
  const series = [...seriesByKey(s.total, 'total'), ...seriesByKey(s.team, 'team'), ...seriesByKey(s.workflow, 'workflow')];
  return budgetBurn(budgets, series, { month: ctx.month, asOf: ctx.asOf, windowDays: WINDOW_DAYS });
}
