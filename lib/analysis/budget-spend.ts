/**
 * Daily spend per budget scope under the dependency map, counted as the scenario baseline counts it
 * (scenario.ts): metered usage at its list cost, usage a flat-rate plan covers at 0, and each plan's
 * seats x monthly price spread evenly over the days of each month it is active. Budgets are declared in
 * the dependency map, so they are judged on its attribution (the workflow its rules match, the usage's
 * team tag else that workflow's owner team), as the Scenarios page judges them. Pure; money exact.
 */
import type { SubscriptionConfig } from '../config/types';
import { ExactDecimal } from '../money';
import type { UnpricedLine } from './baseline';
import { activeSpan, monthSlices } from './subscriptions';
import { addDays } from './timeseries';

export type BudgetSpendScope = 'total' | 'team' | 'workflow';

export interface BudgetSpendRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** The team or workflow (null = none: unallocated); always null for 'total'. */
  key: string | null;
  /** USD, exact; null = nothing priced that day (unpriced usage is unknown, not 0). */
  listCostUsd: string | null;
}

/**
 * Decimal places of a plan's cumulative cost through a day of the month (monthly x seats x day / days in the month);
 * each day's share is the difference of two of them, so any run of days sums to the rounded cumulative cost and a
 * whole month to the monthly price exactly.
 */
const PLAN_DAY_PLACES = 10;

/**
 * One row per (day, key) with spend, ordered by key (nulls last) then day. `lines` are day lines of [from, to]
 * (getAttributedDayRows); a plan adds to its team (team scope) and to the total, never to a workflow.
 */
export function budgetDailySpend(
  lines: readonly Pick<UnpricedLine, 'period' | 'workflow' | 'team' | 'subscription' | 'listCostUsd'>[],
  plans: readonly SubscriptionConfig[],
  by: BudgetSpendScope,
  from: string,
  to: string,
): BudgetSpendRow[] {
  const sums = new Map<string, { day: string; key: string | null; usd: InstanceType<typeof ExactDecimal> | null }>();
  const add = (day: string, key: string | null, usd: string | null) => {
    const k = JSON.stringify([key, day]);
    const row = sums.get(k) ?? { day, key, usd: null };
    if (usd !== null) row.usd = (row.usd ?? new ExactDecimal(0)).plus(usd);
    sums.set(k, row);
  };
  const keyOf = (l: { workflow: string | null; team: string | null }) => (by === 'total' ? null : by === 'team' ? l.team : l.workflow);
  for (const l of lines) {
    if (l.period < from || l.period > to) continue;
    // Covered by a flat-rate plan: the plan's price is the cost (below), the usage adds nothing.
    add(l.period, keyOf(l), l.subscription === null ? l.listCostUsd : '0');
  }
  if (by !== 'workflow')
    for (const s of plans) {
      const span = activeSpan(s, from, to);
      if (!span) continue;
      const monthly = new ExactDecimal(s.monthlyPricePerSeatUsd).mul(s.seats);
      for (const m of monthSlices(span.start, span.end)) {
        const through = (dayOfMonth: number) =>
          monthly.mul(dayOfMonth).div(m.daysInMonth).toDecimalPlaces(PLAN_DAY_PLACES, ExactDecimal.ROUND_HALF_EVEN);
        for (let d = m.start; d <= m.end; d = addDays(d, 1)) {
          const k = Number(d.slice(8, 10));
          add(
            d,
            by === 'team' ? s.team : null,
            through(k)
              .minus(through(k - 1))
              .toFixed(),
          );
        }
      }
    }
  return [...sums.values()]
    .sort((a, b) => (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1) || (a.day < b.day ? -1 : 1))
    .map((r) => ({ day: r.day, key: r.key, listCostUsd: r.usd === null ? null : r.usd.toFixed() }));
}
