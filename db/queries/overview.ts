/**
 * Period views for the overview page. Usage figures come from the usage_daily rollup (never raw
 * usage_events); billed figures from cost_lines. Money is summed in SQL and returned as exact
 * decimal strings (trailing zeros trimmed; null = no known amount); token and request counts are
 * numbers (bigint sums fit well within 2^53).
 */
import { and, asc, desc, eq, gte, isNotNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { costLines, usageDaily } from '../schema';

export interface UsagePeriod {
  /** First and last day, inclusive, "YYYY-MM-DD" (UTC days). */
  from: string;
  to: string;
  vendor?: string;
  team?: string;
  workflow?: string;
}

/** Exact money sum as text; null when no row has a known amount. */
const usdSum = (col: AnyPgColumn) => sql<string | null>`trim_scale(sum(${col}))::text`;
const intSum = (col: AnyPgColumn) => sql<number>`coalesce(sum(${col}), 0)`.mapWith(Number);

function usageWhere(p: UsagePeriod): SQL | undefined {
  const c: SQL[] = [gte(usageDaily.day, p.from), lte(usageDaily.day, p.to)];
  if (p.vendor) c.push(eq(usageDaily.vendor, p.vendor));
  if (p.team) c.push(eq(usageDaily.team, p.team));
  if (p.workflow) c.push(eq(usageDaily.workflow, p.workflow));
  return and(...c);
}

export interface DataExtent {
  firstDay: string | null;
  lastDay: string | null;
  usageRollupRows: number;
  costLineCount: number;
}

/** The days covered by any usage or invoice line (to pick a default period and detect "no data yet"). */
export async function getDataExtent(db: Db): Promise<DataExtent> {
  const costDay = sql`(${costLines.periodStart} AT TIME ZONE 'UTC')::date`;
  const [[u], [c]] = await Promise.all([
    db
      .select({
        firstDay: sql<string | null>`min(${usageDaily.day})::text`,
        lastDay: sql<string | null>`max(${usageDaily.day})::text`,
        rows: sql<number>`count(*)`.mapWith(Number),
      })
      .from(usageDaily),
    db
      .select({
        firstDay: sql<string | null>`min(${costDay})::text`,
        lastDay: sql<string | null>`max(${costDay})::text`,
        rows: sql<number>`count(*)`.mapWith(Number),
      })
      .from(costLines),
  ]);
  const pick = (a: string | null, b: string | null, f: (x: string, y: string) => string) => (a && b ? f(a, b) : (a ?? b));
  return {
    firstDay: pick(u.firstDay, c.firstDay, (x, y) => (x.localeCompare(y) <= 0 ? x : y)),
    lastDay: pick(u.lastDay, c.lastDay, (x, y) => (x.localeCompare(y) >= 0 ? x : y)),
    usageRollupRows: u.rows,
    costLineCount: c.rows,
  };
}

export interface UsageTotals {
  events: number;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  reasoningKnownOutputTokens: number;
  /** Usage at list price (ours). Excludes unpriced events. */
  listCostUsd: string | null;
  unpricedEvents: number;
  unpricedTokens: number;
}

export async function getUsageTotals(db: Db, p: UsagePeriod): Promise<UsageTotals> {
  const [row] = await db
    .select({
      events: intSum(usageDaily.events),
      requests: intSum(usageDaily.requests),
      inputTokens: intSum(usageDaily.inputTokens),
      cachedInputTokens: intSum(usageDaily.cachedInputTokens),
      cacheWriteTokens: intSum(usageDaily.cacheWriteTokens),
      outputTokens: intSum(usageDaily.outputTokens),
      reasoningTokens: intSum(usageDaily.reasoningTokens),
      reasoningKnownOutputTokens: intSum(usageDaily.reasoningKnownOutputTokens),
      listCostUsd: usdSum(usageDaily.listCostUsd),
      unpricedEvents: intSum(usageDaily.unpricedEvents),
      unpricedTokens: intSum(usageDaily.unpricedTokens),
    })
    .from(usageDaily)
    .where(usageWhere(p));
  return row;
}

export interface BilledTotals {
  /** What vendors invoiced (all charge categories, credits negative). null = no invoice lines. */
  billedCostUsd: string | null;
  /** Usage charges only (charge_category = 'usage'). */
  billedUsageCostUsd: string | null;
  lines: number;
}

/**
 * Invoice lines whose period starts inside the range (UTC days). A line spanning several days
 * (a monthly plan) counts wholly in the period where it starts. cost_lines carry no team or
 * workflow, so only the vendor filter applies here.
 */
export async function getBilledTotals(db: Db, p: Pick<UsagePeriod, 'from' | 'to' | 'vendor'>): Promise<BilledTotals> {
  const c: SQL[] = [
    gte(costLines.periodStart, new Date(`${p.from}T00:00:00Z`)),
    lt(costLines.periodStart, new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000)),
  ];
  if (p.vendor) c.push(eq(costLines.vendor, p.vendor));
  const [row] = await db
    .select({
      billedCostUsd: usdSum(costLines.billedCostUsd),
      billedUsageCostUsd: sql<
        string | null
      >`trim_scale(sum(${costLines.billedCostUsd}) FILTER (WHERE ${costLines.chargeCategory} = 'usage'))::text`,
      lines: sql<number>`count(*)`.mapWith(Number),
    })
    .from(costLines)
    .where(and(...c));
  return row;
}

export interface DailyVendorSpendRow {
  day: string;
  vendor: string;
  listCostUsd: string | null;
  requests: number;
}

export async function getDailyListSpendByVendor(db: Db, p: UsagePeriod): Promise<DailyVendorSpendRow[]> {
  return db
    .select({
      day: sql<string>`${usageDaily.day}::text`,
      vendor: usageDaily.vendor,
      listCostUsd: usdSum(usageDaily.listCostUsd),
      requests: intSum(usageDaily.requests),
    })
    .from(usageDaily)
    .where(usageWhere(p))
    .groupBy(usageDaily.day, usageDaily.vendor)
    .orderBy(asc(usageDaily.day), asc(usageDaily.vendor));
}

export interface ReasoningRow {
  model: string | null;
  isBucket: boolean;
  outputTokens: number;
  reasoningTokens: number;
  reasoningKnownOutputTokens: number;
}

/** Per model and bucket-ness: the inputs of lib/analysis/reasoning-share.ts. */
export async function getReasoningByModel(db: Db, p: UsagePeriod): Promise<ReasoningRow[]> {
  return db
    .select({
      model: usageDaily.model,
      isBucket: usageDaily.isBucket,
      outputTokens: intSum(usageDaily.outputTokens),
      reasoningTokens: intSum(usageDaily.reasoningTokens),
      reasoningKnownOutputTokens: intSum(usageDaily.reasoningKnownOutputTokens),
    })
    .from(usageDaily)
    .where(usageWhere(p))
    .groupBy(usageDaily.model, usageDaily.isBucket)
    .orderBy(asc(usageDaily.model), asc(usageDaily.isBucket));
}

export interface UnpricedModelRow {
  vendor: string;
  model: string | null;
  source: string;
  unpricedEvents: number;
  unpricedTokens: number;
}

/** Usage with no list price (model unknown to the price catalog), largest first. */
export async function getUnpricedUsage(db: Db, p: UsagePeriod): Promise<UnpricedModelRow[]> {
  const events = intSum(usageDaily.unpricedEvents);
  return db
    .select({
      vendor: usageDaily.vendor,
      model: usageDaily.model,
      source: usageDaily.source,
      unpricedEvents: events,
      unpricedTokens: intSum(usageDaily.unpricedTokens),
    })
    .from(usageDaily)
    .where(and(usageWhere(p), sql`${usageDaily.unpricedEvents} > 0`))
    .groupBy(usageDaily.vendor, usageDaily.model, usageDaily.source)
    .orderBy(desc(sql`sum(${usageDaily.unpricedTokens})`), asc(usageDaily.vendor), asc(usageDaily.model));
}

export interface TopModelRow {
  vendor: string;
  model: string | null;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of known reasoning tokens; null when no request of this model reported reasoning. */
  reasoningTokens: number | null;
  reasoningKnownOutputTokens: number;
  listCostUsd: string | null;
  unpricedEvents: number;
}

export async function getTopModels(db: Db, p: UsagePeriod): Promise<TopModelRow[]> {
  return db
    .select({
      vendor: usageDaily.vendor,
      model: usageDaily.model,
      requests: intSum(usageDaily.requests),
      inputTokens: intSum(usageDaily.inputTokens),
      outputTokens: intSum(usageDaily.outputTokens),
      reasoningTokens: sql<
        number | null
      >`CASE WHEN sum(${usageDaily.reasoningKnownEvents}) > 0 THEN sum(${usageDaily.reasoningTokens}) END`.mapWith((v) =>
        v === null ? null : Number(v),
      ),
      reasoningKnownOutputTokens: intSum(usageDaily.reasoningKnownOutputTokens),
      listCostUsd: usdSum(usageDaily.listCostUsd),
      unpricedEvents: intSum(usageDaily.unpricedEvents),
    })
    .from(usageDaily)
    .where(usageWhere(p))
    .groupBy(usageDaily.vendor, usageDaily.model)
    .orderBy(sql`sum(${usageDaily.listCostUsd}) DESC NULLS LAST`, desc(sql`sum(${usageDaily.outputTokens})`), asc(usageDaily.model));
}

export interface TopWorkflowRow {
  workflow: string | null;
  team: string | null;
  requests: number;
  outputTokens: number;
  reasoningTokens: number;
  listCostUsd: string | null;
  outcomeEvents: number;
  successEvents: number;
  /** List cost of events with no outcome signal. */
  unverifiedListCostUsd: string | null;
}

export async function getTopWorkflows(db: Db, p: UsagePeriod): Promise<TopWorkflowRow[]> {
  return db
    .select({
      workflow: usageDaily.workflow,
      team: usageDaily.team,
      requests: intSum(usageDaily.requests),
      outputTokens: intSum(usageDaily.outputTokens),
      reasoningTokens: intSum(usageDaily.reasoningTokens),
      listCostUsd: usdSum(usageDaily.listCostUsd),
      outcomeEvents: intSum(usageDaily.outcomeEvents),
      successEvents: intSum(usageDaily.successEvents),
      unverifiedListCostUsd: usdSum(usageDaily.unverifiedListCostUsd),
    })
    .from(usageDaily)
    .where(usageWhere(p))
    .groupBy(usageDaily.workflow, usageDaily.team)
    .orderBy(sql`sum(${usageDaily.listCostUsd}) DESC NULLS LAST`, desc(sql`sum(${usageDaily.requests})`), asc(usageDaily.workflow));
}

export interface FilterOptions {
  vendors: string[];
  teams: string[];
  workflows: string[];
}

/** Values offered by the filter bar (all time; small: one row per distinct value). */
export async function getFilterOptions(db: Db): Promise<FilterOptions> {
  const distinct = async (col: typeof usageDaily.vendor | typeof usageDaily.team | typeof usageDaily.workflow) =>
    (await db.selectDistinct({ v: col }).from(usageDaily).where(isNotNull(col)).orderBy(asc(col))).map((r) => r.v as string);
  const [vendors, costVendors, teams, workflows] = await Promise.all([
    distinct(usageDaily.vendor),
    db.selectDistinct({ v: costLines.vendor }).from(costLines).orderBy(asc(costLines.vendor)),
    distinct(usageDaily.team),
    distinct(usageDaily.workflow),
  ]);
  const allVendors = [...new Set([...vendors, ...costVendors.map((r) => r.v)])].sort();
  return { vendors: allVendors, teams, workflows };
}
