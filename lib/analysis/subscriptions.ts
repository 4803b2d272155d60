/**
 * Flat-rate plans: what a plan costs for a period, and the API-equivalent (list price) cost of the
 * usage it covers (baseline lines whose `subscription` is the plan). Pure.
 *
 * Plan cost for a period = for each calendar month, seats x monthly price per seat x (days of that
 * month that are both in the period and in the plan's own period) / (days in the month), rounded
 * half-even to 10 decimals per month (the numeric(20,10) convention). A whole month costs exactly
 * seats x price; 15 days of a 30-day month cost half of it.
 */
import DecimalBase from 'decimal.js';
import type { SubscriptionConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import { addDays, daysInclusive } from './timeseries';

const Decimal = DecimalBase.clone({ precision: 40 });

export interface MonthSlice {
  /** "YYYY-MM" */
  month: string;
  /** First and last UTC day counted ("YYYY-MM-DD", inclusive). */
  start: string;
  end: string;
  /** Days of the month counted, and the month's length. */
  days: number;
  daysInMonth: number;
}

export const daysInMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

/** The calendar months [from, to] (UTC days, inclusive) touches, with the days in each. */
export function monthSlices(from: string, to: string): MonthSlice[] {
  const out: MonthSlice[] = [];
  let start = from;
  while (start <= to) {
    const month = start.slice(0, 7);
    const dim = daysInMonth(month);
    const monthEnd = `${month}-${String(dim).padStart(2, '0')}`;
    const end = monthEnd < to ? monthEnd : to;
    out.push({ month, start, end, days: daysInclusive(start, end), daysInMonth: dim });
    start = addDays(end, 1);
  }
  return out;
}

/** Whether a plan is in scope of statement filters: a vendor filter must name its vendor, a team filter its team. */
export function subscriptionInScope(s: SubscriptionConfig, f: { vendor?: string[]; team?: (string | null)[] }): boolean {
  return (!f.vendor || f.vendor.includes(s.vendor)) && (!f.team || f.team.includes(s.team));
}

export interface PlanMonthCost extends MonthSlice {
  costUsd: string;
}

/** The days of [from, to] the plan is active (its own period clips them); null when none. */
export function activeSpan(s: SubscriptionConfig, from: string, to: string): { start: string; end: string } | null {
  const start = s.periodStart && s.periodStart > from ? s.periodStart : from;
  const end = s.periodEnd && s.periodEnd < to ? s.periodEnd : to;
  return start > end ? null : { start, end };
}

/** The plan's cost per calendar month of [from, to], prorated by days (months it is inactive are left out). */
export function planCostByMonth(s: SubscriptionConfig, from: string, to: string): PlanMonthCost[] {
  const span = activeSpan(s, from, to);
  if (!span) return [];
  const { start, end } = span;
  const monthly = new Decimal(s.monthlyPricePerSeatUsd).mul(s.seats);
  return monthSlices(start, end).map((m) => ({
    ...m,
    costUsd: monthly.mul(m.days).div(m.daysInMonth).toDecimalPlaces(10, DecimalBase.ROUND_HALF_EVEN).toFixed(),
  }));
}

export interface CoveredUsage {
  /** Events covered and their list cost (USD; null when none is priced). */
  events: number;
  apiEquivalentUsd: string | null;
  unpricedEvents: number;
  inputTokens: number;
  outputTokens: number;
}

export interface SubscriptionReport {
  /** Position in config.subscriptions (baseline lines refer to it). */
  index: number;
  subscription: SubscriptionConfig;
  planCostUsd: string;
  /** List cost of the usage the plan covers in the period: what it would cost metered. */
  apiEquivalentUsd: string | null;
  /** apiEquivalent - plan cost: > 0 the plan saves that much; < 0 the plan costs that much more than metered. null = nothing priced. */
  gapUsd: string | null;
  covered: CoveredUsage;
  bySource: ({ source: string } & CoveredUsage)[];
  byModel: ({ vendor: string; model: string | null } & CoveredUsage)[];
  byMonth: { month: string; days: number; daysInMonth: number; planCostUsd: string; apiEquivalentUsd: string | null }[];
}

const empty = (): CoveredUsage => ({ events: 0, apiEquivalentUsd: null, unpricedEvents: 0, inputTokens: 0, outputTokens: 0 });
function add(c: CoveredUsage, l: BaselineLine): void {
  c.events += l.events;
  if (l.listCostUsd !== null) c.apiEquivalentUsd = new Decimal(c.apiEquivalentUsd ?? 0).plus(l.listCostUsd).toFixed();
  c.unpricedEvents += l.unpricedEvents;
  c.inputTokens += l.inputTokens;
  c.outputTokens += l.outputTokens;
}
function group<K extends string>(lines: BaselineLine[], key: (l: BaselineLine) => K): Map<K, CoveredUsage> {
  const m = new Map<K, CoveredUsage>();
  for (const l of lines) {
    const k = key(l);
    const c = m.get(k) ?? empty();
    add(c, l);
    m.set(k, c);
  }
  return m;
}

/** One report per subscription, in declared order, for the period [from, to] (lines of that period, any grain). */
export function analyseSubscriptions(
  lines: readonly BaselineLine[],
  subscriptions: readonly SubscriptionConfig[],
  from: string,
  to: string,
): SubscriptionReport[] {
  return subscriptions.map((s, index) => {
    const mine = lines.filter((l) => l.subscription === index);
    const covered = empty();
    for (const l of mine) add(covered, l);
    const months = planCostByMonth(s, from, to);
    const planCost = months.reduce((a, m) => a.plus(m.costUsd), new Decimal(0));
    const apiByMonth = group(mine, (l) => l.period.slice(0, 7));
    return {
      index,
      subscription: s,
      planCostUsd: planCost.toFixed(),
      apiEquivalentUsd: covered.apiEquivalentUsd,
      gapUsd: covered.apiEquivalentUsd === null ? null : new Decimal(covered.apiEquivalentUsd).minus(planCost).toFixed(),
      covered,
      bySource: [...group(mine, (l) => l.source)].map(([source, c]) => ({ source, ...c })).sort((a, b) => a.source.localeCompare(b.source)),
      byModel: [...group(mine, (l) => `${l.vendor}\0${l.model ?? ''}`)]
        .map(([k, c]) => {
          const [vendor, model] = k.split('\0');
          return { vendor, model: model || null, ...c };
        })
        .sort((a, b) => new Decimal(b.apiEquivalentUsd ?? 0).comparedTo(a.apiEquivalentUsd ?? 0) || a.vendor.localeCompare(b.vendor)),
      byMonth: months.map((m) => ({
        month: m.month,
        days: m.days,
        daysInMonth: m.daysInMonth,
        planCostUsd: m.costUsd,
        apiEquivalentUsd: apiByMonth.get(m.month)?.apiEquivalentUsd ?? null,
      })),
    };
  });
}
