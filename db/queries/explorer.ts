/**
 * The spend explorer: usage grouped by any ordered subset of dimensions and a time grain, filtered,
 * searched, sorted and paginated in SQL (only one page of groups ever reaches JS), with the grand
 * total and subtotals per first group level.
 *
 * Source: the usage_daily rollup when every grouped and filtered dimension is one it carries;
 * otherwise (api_key, user) the usage_daily_keys rollup, which carries every dimension (rollup-keys.ts).
 * usage_events (forceSource only) gives the same sums to the last digit (tested).
 *
 * Money comes back as exact decimal strings (trailing zeros trimmed; null = no known amount),
 * counts as numbers. billedCostUsd is the vendor-stated per-request cost only (xAI, OpenRouter, ...);
 * invoice lines (cost_lines) carry no team/workflow/user and belong to the statement, not here.
 */

import type { ExplorerMetrics, ExplorerResult, ExplorerRow, ExplorerSource, ExplorerSubtotal } from '../../lib/explorer-types';
import {
  EXPLORER_METRICS,
  type ExplorerDimension,
  type ExplorerFilters,
  type ExplorerMetric,
  type ExplorerSort,
  type ExplorerView,
  MONEY_METRICS,
  ROLLUP_DIMENSIONS,
  type TimeGrain,
} from '../../lib/explorer-view';
import type { Connection } from '../client';
import { familySqlExpr } from './model-families';
import { containsPattern, eventDayRange, inList, moneyText, Params, toCount, toCountOrNull, toText } from './sql-params';

export interface ExplorerQuery {
  /** UTC days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Ordered group levels; the first gets subtotals. The time bucket (if any) is the last level. */
  groupBy: readonly ExplorerDimension[];
  grain: TimeGrain | null;
  filters?: ExplorerFilters;
  /** Case-insensitive substring over the grouped dimensions' values. */
  search?: string;
  sort?: ExplorerSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** Tests and benchmarks: read usage_events even when the rollup would do. */
  forceSource?: ExplorerSource;
}

export type { ExplorerMetrics, ExplorerResult, ExplorerRow, ExplorerSource, ExplorerSubtotal };

/**
 * The table column of each dimension (the same name in usage_daily and usage_events). model_family is an expression
 * over model, resolved per query by dimensionColumns() (the placeholder here groups by model).
 */
export const DIMENSION_COLUMN: Record<ExplorerDimension, string> = {
  vendor: 'vendor',
  model: 'model',
  model_family: 'model',
  model_creator: 'model_creator',
  team: 'team',
  workflow: 'workflow',
  project: 'project',
  api_key: 'api_key',
  user: 'user_id',
  environment: 'environment',
};

export type DimensionColumns = Record<ExplorerDimension, string>;

/** DIMENSION_COLUMN with model_family resolved when the query uses it (one read of the distinct model ids). */
export async function dimensionColumns(conn: Connection, dims: readonly string[]): Promise<DimensionColumns> {
  return dims.includes('model_family') ? { ...DIMENSION_COLUMN, model_family: await familySqlExpr(conn) } : DIMENSION_COLUMN;
}

interface SourceSql {
  table: string;
  /** The UTC day of a row, as a date. */
  day: string;
  range(from: string, to: string, p: Params): string;
  agg: Record<ExplorerMetric, string>;
}

/** Both rollups keep these measures under the same column names (usage_daily_keys: only these). */
const ROLLUP_AGG: Record<ExplorerMetric, string> = {
  events: 'coalesce(sum(events), 0)',
  requests: 'coalesce(sum(requests), 0)',
  inputTokens: 'coalesce(sum(input_tokens), 0)',
  cachedInputTokens: 'coalesce(sum(cached_input_tokens), 0)',
  cacheWriteTokens: 'coalesce(sum(cache_write_tokens), 0)',
  outputTokens: 'coalesce(sum(output_tokens), 0)',
  reasoningTokens: 'CASE WHEN sum(reasoning_known_events) > 0 THEN sum(reasoning_tokens) END',
  listCostUsd: 'sum(list_cost_usd)',
  billedCostUsd: 'sum(billed_cost_usd)',
  unpricedEvents: 'coalesce(sum(unpriced_events), 0)',
  unverifiedListCostUsd: 'sum(unverified_list_cost_usd)',
};
const rollupRange = (from: string, to: string, p: Params) => `day >= ${p.add(from)}::date AND day <= ${p.add(to)}::date`;

const SOURCES: Record<ExplorerSource, SourceSql> = {
  usage_daily: { table: 'usage_daily', day: 'day', range: rollupRange, agg: ROLLUP_AGG },
  usage_daily_keys: { table: 'usage_daily_keys', day: 'day', range: rollupRange, agg: ROLLUP_AGG },
  usage_events: {
    table: 'usage_events',
    day: "(occurred_at AT TIME ZONE 'UTC')::date",
    range: (from, to, p) => eventDayRange(from, to, p),
    agg: {
      events: 'count(*)',
      requests: 'coalesce(sum(request_count), 0)',
      inputTokens: 'coalesce(sum(input_tokens), 0)',
      cachedInputTokens: 'coalesce(sum(cached_input_tokens), 0)',
      cacheWriteTokens: 'coalesce(sum(cache_write_tokens), 0)',
      outputTokens: 'coalesce(sum(output_tokens), 0)',
      reasoningTokens: 'sum(reasoning_tokens)',
      listCostUsd: 'sum(list_cost_usd)',
      billedCostUsd: 'sum(billed_cost_usd)',
      unpricedEvents: 'count(*) FILTER (WHERE list_cost_usd IS NULL)',
      unverifiedListCostUsd: 'sum(list_cost_usd) FILTER (WHERE success IS NULL)',
    },
  },
};

/**
 * usage_daily (the smaller table) when every dimension the query groups or filters by is one it keeps; otherwise
 * (user, api_key) usage_daily_keys, which keeps every explorer dimension.
 */
export function explorerSource(q: Pick<ExplorerQuery, 'groupBy' | 'filters' | 'forceSource'>): ExplorerSource {
  if (q.forceSource) return q.forceSource;
  const dims = [...q.groupBy, ...(Object.keys(q.filters ?? {}) as ExplorerDimension[])];
  return dims.every((d) => ROLLUP_DIMENSIONS.includes(d)) ? 'usage_daily' : 'usage_daily_keys';
}

function periodExpr(s: SourceSql, grain: TimeGrain): string {
  // date_trunc on a timestamp (not a date, which would go through timestamptz and the session zone).
  return grain === 'day' ? `${s.day}::text` : `date_trunc('${grain}', ${s.day}::timestamp)::date::text`;
}

function whereClause(s: SourceSql, q: ExplorerQuery, p: Params, cols: DimensionColumns): string {
  const c = [s.range(q.from, q.to, p)];
  for (const [dim, values] of Object.entries(q.filters ?? {}) as [ExplorerDimension, (string | null)[]][]) {
    if (values) c.push(inList(cols[dim], values, p));
  }
  if (q.search && q.groupBy.length) {
    c.push(`concat_ws(' ', ${q.groupBy.map((d) => cols[d]).join(', ')}) ILIKE ${p.add(containsPattern(q.search))} ESCAPE '\\'`);
  }
  return c.join(' AND ');
}

const metricSelect = (s: SourceSql) =>
  EXPLORER_METRICS.map((m) => `${MONEY_METRICS.includes(m) ? moneyText(s.agg[m]) : s.agg[m]} AS "${m}"`).join(', ');

function readMetrics(r: Record<string, unknown>): ExplorerMetrics {
  return {
    events: toCount(r.events),
    requests: toCount(r.requests),
    inputTokens: toCount(r.inputTokens),
    cachedInputTokens: toCount(r.cachedInputTokens),
    cacheWriteTokens: toCount(r.cacheWriteTokens),
    outputTokens: toCount(r.outputTokens),
    reasoningTokens: toCountOrNull(r.reasoningTokens),
    listCostUsd: toText(r.listCostUsd),
    billedCostUsd: toText(r.billedCostUsd),
    unpricedEvents: toCount(r.unpricedEvents),
    unverifiedListCostUsd: toText(r.unverifiedListCostUsd),
  };
}

export const MAX_PAGE_SIZE = 500;

/** One page of explorer groups with the grand total and the first level's subtotals. */
export async function queryExplorer(conn: Connection, q: ExplorerQuery): Promise<ExplorerResult> {
  const source = explorerSource(q);
  const s = SOURCES[source];
  const pageSize = Math.min(Math.max(1, Math.trunc(q.pageSize ?? 50)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(q.page ?? 1));
  const cols = await dimensionColumns(conn, [...q.groupBy, ...Object.keys(q.filters ?? {})]);
  const levels: string[] = q.groupBy.map((d) => cols[d]);
  if (q.grain) levels.push(periodExpr(s, q.grain));

  const tp = new Params();
  const totalSql = `SELECT ${metricSelect(s)} FROM ${s.table} WHERE ${whereClause(s, q, tp, cols)}`;
  if (levels.length === 0) {
    const [t] = await conn.query(totalSql, tp.values);
    const total = readMetrics(t);
    return { source, rows: [{ keys: {}, period: null, ...total }], totalRows: 1, page: 1, pageSize, pageCount: 1, total, subtotals: [] };
  }

  const p = new Params();
  const where = whereClause(s, q, p, cols);
  const keyCols = levels.map((e, i) => `${e} AS k${i}`).join(', ');
  const groupBy = levels.map((_, i) => i + 1).join(', ');
  const order = orderBy(q, levels.length);
  // One scan: the groups, then over them the grand total and each first level's subtotal as window sums. Every metric
  // is a sum (reasoningTokens is NULL only where nothing is known, so summing groups skips exactly those), and sum()
  // over groups keeps NULL for all-unknown amounts: equal to aggregating the rows again (explorer.test.ts), at a third
  // of the reads (a long period at 10M events: ~60 ms each).
  const windowed = (name: string, over: string) =>
    EXPLORER_METRICS.map((m) => `${money(m, `sum("${m}") OVER (${over})`)} AS "${name}${m}"`).join(', ');
  const pageSql = `SELECT ${levels.map((_, i) => `k${i}`).join(', ')}, ${EXPLORER_METRICS.map((m) => `${money(m, `"${m}"`)} AS "${m}"`).join(', ')},
      ${windowed('tot_', '')}, ${levels.length > 1 ? `${windowed('sub_', 'PARTITION BY k0')}, ` : ''}count(*) OVER () AS total_rows
    FROM (SELECT ${keyCols}, ${EXPLORER_METRICS.map((m) => `${s.agg[m]} AS "${m}"`).join(', ')}
            FROM ${s.table} WHERE ${where} GROUP BY ${groupBy}) g
    ORDER BY ${order} LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`;

  const pageRows = await conn.query(pageSql, p.values);
  // Past the last page there is no row to carry the totals: read them apart (rare).
  const [t] = pageRows.length ? [prefixed(pageRows[0], 'tot_')] : await conn.query(totalSql, tp.values);
  let totalRows = pageRows.length ? toCount(pageRows[0].total_rows) : 0;
  if (!pageRows.length && page > 1) {
    const cp = new Params();
    const [c] = await conn.query(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${s.table} WHERE ${whereClause(s, q, cp, cols)} GROUP BY ${levels.join(', ')}) g`,
      cp.values,
    );
    totalRows = toCount(c.n);
  }
  const rows = pageRows.map((r) => {
    const keys: ExplorerRow['keys'] = {};
    q.groupBy.forEach((d, i) => {
      keys[d] = toText(r[`k${i}`]);
    });
    return { keys, period: q.grain ? toText(r[`k${q.groupBy.length}`]) : null, ...readMetrics(r) };
  });
  const subtotals = levels.length > 1 ? firstLevelSubtotals(q, rows, pageRows) : [];
  return {
    source,
    rows,
    totalRows,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(totalRows / pageSize)),
    total: readMetrics(t),
    subtotals,
  };
}

/** ORDER BY over the grouped subquery's columns (k0.., metric aliases). */
function orderBy(q: ExplorerQuery, levelCount: number): string {
  const keyOrder = Array.from({ length: levelCount }, (_, i) => `k${i} ASC NULLS LAST`);
  const sort = q.sort;
  if (!sort) return keyOrder.join(', ');
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  let first: string | null = null;
  if (sort.column === 'period') first = q.grain ? `k${q.groupBy.length}` : null;
  else if ((EXPLORER_METRICS as readonly string[]).includes(sort.column)) first = `g."${sort.column}"`;
  else {
    const i = q.groupBy.indexOf(sort.column as ExplorerDimension);
    first = i >= 0 ? `k${i}` : null;
  }
  // NULLS LAST either way: unknown amounts and unset labels never crowd the top of a page.
  return [...(first ? [`${first} ${dir} NULLS LAST`] : []), ...keyOrder].join(', ');
}

function firstLevelSubtotals(q: ExplorerQuery, rows: ExplorerRow[], pageRows: Record<string, unknown>[]): ExplorerSubtotal[] {
  const level = (q.groupBy.length ? q.groupBy[0] : 'period') as ExplorerDimension | 'period';
  const seen = new Map<string | null, Record<string, unknown>>();
  rows.forEach((r, i) => {
    const k = level === 'period' ? r.period : (r.keys[level] ?? null);
    if (!seen.has(k)) seen.set(k, pageRows[i]);
  });
  // In page order, so a page can print each subtotal after its last row.
  return [...seen].map(([key, r]) => ({ level, key, ...readMetrics(prefixed(r, 'sub_')) }));
}

/** The metric columns named `${prefix}${metric}` of a row, under the metric names. */
function prefixed(r: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(EXPLORER_METRICS.map((m) => [m, r[`${prefix}${m}`]]));
}

/** A metric's output expression: money as trimmed decimal text (exact), counts as they are. */
const money = (m: ExplorerMetric, expr: string) => (MONEY_METRICS.includes(m) ? moneyText(expr) : expr);

/** queryExplorer for a parsed URL view over its resolved period. */
export function queryExplorerView(conn: Connection, view: ExplorerView, period: { from: string; to: string }): Promise<ExplorerResult> {
  return queryExplorer(conn, {
    ...period,
    groupBy: view.groupBy,
    grain: view.grain,
    filters: view.filters,
    search: view.search,
    sort: view.sort,
    page: view.page,
    pageSize: view.pageSize,
  });
}

/** Distinct values of one dimension in the period (for filter pickers), most common first; null = not set. */
export async function listDimensionValues(
  conn: Connection,
  q: { from: string; to: string; dimension: ExplorerDimension; search?: string; limit?: number },
): Promise<{ value: string | null; events: number }[]> {
  const s = SOURCES[explorerSource({ groupBy: [q.dimension] })];
  const p = new Params();
  const col = (await dimensionColumns(conn, [q.dimension]))[q.dimension];
  const search = q.search ? ` AND ${col} ILIKE ${p.add(containsPattern(q.search))} ESCAPE '\\'` : '';
  const rows = await conn.query(
    `SELECT ${col} AS v, ${s.agg.events} AS n FROM ${s.table} WHERE ${s.range(q.from, q.to, p)}${search}
      GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT ${p.add(Math.min(q.limit ?? 100, 1000))}`,
    p.values,
  );
  return rows.map((r) => ({ value: toText(r.v), events: toCount(r.n) }));
}
