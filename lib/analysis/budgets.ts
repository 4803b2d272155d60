/**
 * Budget burn per team, workflow or the whole organisation for one month. Budgets come in as a plain
 * array (their table and editor belong to other work); spend as daily series per scope from
 * db/queries/daily-spend.ts. Pure; money exact.
 *
 * Status, first match wins:
 *  - over:          month-to-date spend already exceeds the budget;
 *  - forecast_over: the month-end forecast exceeds it;
 *  - at_risk:       the interval's high end exceeds it;
 *  - on_track:      otherwise.
 */
import { ExactDecimal } from '../money';
import { type DailyAmount, type ForecastOptions, forecastMonth, type MonthForecast } from './forecast';

export type BudgetScope = 'total' | 'team' | 'workflow';

export interface BudgetInput {
  id?: string | number;
  scope: BudgetScope;
  /** Team or workflow name; null with scope 'total', or for the unallocated (NULL) team/workflow. */
  key: string | null;
  /** "YYYY-MM". */
  month: string;
  amountUsd: string;
}

export interface ScopeSeries {
  scope: BudgetScope;
  key: string | null;
  days: DailyAmount[];
}

export type BudgetStatus = 'over' | 'forecast_over' | 'at_risk' | 'on_track';

export interface BudgetBurn {
  budget: BudgetInput;
  spentUsd: string;
  remainingUsd: string;
  /** spent / budget (display value, e.g. 0.42); null for a zero budget. */
  burnShare: number | null;
  /** Share of the month elapsed at asOf, for "burning faster than time". */
  elapsedShare: number;
  forecast: MonthForecast;
  /** forecast − budget when positive, else "0.00". */
  projectedOverrunUsd: string;
  status: BudgetStatus;
}

const seriesKey = (scope: BudgetScope, key: string | null) => JSON.stringify([scope, key]);

/** Budgets of `month` against the spend series; a budget with no series has spent nothing. */
export function budgetBurn(
  budgets: readonly BudgetInput[],
  series: readonly ScopeSeries[],
  opts: Omit<ForecastOptions, 'month'> & { month: string },
): BudgetBurn[] {
  const byScope = new Map(series.map((s) => [seriesKey(s.scope, s.scope === 'total' ? null : s.key), s.days]));
  return budgets
    .filter((b) => b.month === opts.month)
    .map((b) => {
      const days = byScope.get(seriesKey(b.scope, b.scope === 'total' ? null : b.key)) ?? [];
      const forecast = forecastMonth(days, opts);
      const amount = new ExactDecimal(b.amountUsd);
      const spent = new ExactDecimal(forecast.monthToDateUsd);
      const over = new ExactDecimal(forecast.forecastUsd).minus(amount);
      const status: BudgetStatus = spent.greaterThan(amount)
        ? 'over'
        : over.greaterThan(0)
          ? 'forecast_over'
          : forecast.highUsd !== null && new ExactDecimal(forecast.highUsd).greaterThan(amount)
            ? 'at_risk'
            : 'on_track';
      return {
        budget: b,
        spentUsd: spent.toFixed(),
        remainingUsd: amount.minus(spent).toFixed(),
        burnShare: amount.isZero() ? null : spent.dividedBy(amount).toDecimalPlaces(6).toNumber(),
        elapsedShare: forecast.daysElapsed / forecast.daysInMonth,
        forecast,
        projectedOverrunUsd: over.greaterThan(0) ? over.toFixed(2) : '0.00',
        status,
      };
    });
}

/** Daily rows of many keys (getDailySpend output) as one series per key, for budgetBurn. */
export function seriesByKey(
  rows: readonly { day: string; key: string | null; listCostUsd: string | null }[],
  scope: BudgetScope,
): ScopeSeries[] {
  const by = new Map<string | null, DailyAmount[]>();
  for (const r of rows) {
    const k = scope === 'total' ? null : r.key;
    by.set(k, [...(by.get(k) ?? []), { day: r.day, amountUsd: r.listCostUsd }]);
  }
  return [...by].map(([key, days]) => ({ scope, key, days }));
}
