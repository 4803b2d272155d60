/**
 * The spend explorer's whole view state (grouping, time grain, period, filters, search, sort, page,
 * visible columns) and its URL codec. Pure: pages parse `searchParams` with parseExplorerView(),
 * links are built with explorerViewToQuery(), and db/queries/explorer.ts takes the parsed view.
 *
 * URL keys (every one optional; defaults are left out so links stay short):
 *   group=team,workflow   ordered dimensions; the first level gets subtotals ("group=" = no dimension)
 *   grain=day|week|month  time buckets (absent = the whole period as one bucket)
 *   from, to              UTC days, inclusive (YYYY-MM-DD); absent = the dashboard's default period
 *   vendor=a&vendor=b     one key per dimension, repeated for an in-list; an empty value means
 *                         "not set" (NULL; ingest stores blank fields as NULL, so '' never occurs in data)
 *   q                     free-text search over the group labels (case-insensitive substring)
 *   sort, dir             any dimension in the grouping, 'period' or a metric; asc|desc
 *   page, size            1-based page; rows per page (one of PAGE_SIZES)
 *   cols                  visible metric columns (column chooser), in display order
 * The dimension keys vendor/team/workflow are the dashboard filter keys, so sidebar links carry them.
 */
import { z } from 'zod';
import { addDays, bucketStart, isValidDay } from './analysis/timeseries';
import { resolveFilters } from './filters';

export const EXPLORER_DIMENSIONS = [
  'vendor',
  'model',
  /** The same model across vendors and snapshots (lib/ingest/model-family.ts), derived from model at query time. */
  'model_family',
  'model_creator',
  'team',
  'workflow',
  'project',
  'api_key',
  'user',
  'environment',
] as const;
export type ExplorerDimension = (typeof EXPLORER_DIMENSIONS)[number];

/** Dimensions the usage_daily rollup carries; any other one makes the explorer aggregate usage_events. */
export const ROLLUP_DIMENSIONS: readonly ExplorerDimension[] = [
  'vendor',
  'model',
  'model_family',
  'model_creator',
  'team',
  'workflow',
  'project',
  'environment',
];

export const DIMENSION_LABELS: Record<ExplorerDimension, string> = {
  vendor: 'Vendor',
  model: 'Model',
  model_family: 'Model family',
  model_creator: 'Model creator',
  team: 'Team',
  workflow: 'Workflow',
  project: 'Project',
  api_key: 'API key',
  user: 'User',
  environment: 'Environment',
};

export const TIME_GRAINS = ['day', 'week', 'month'] as const;
/** day; week = ISO week starting Monday; month = calendar month. Buckets are named by their first day. */
export type TimeGrain = (typeof TIME_GRAINS)[number];

export const EXPLORER_METRICS = [
  'events',
  'requests',
  'inputTokens',
  'cachedInputTokens',
  'cacheWriteTokens',
  'outputTokens',
  'reasoningTokens',
  'listCostUsd',
  'billedCostUsd',
  'unpricedEvents',
  'unverifiedListCostUsd',
] as const;
export type ExplorerMetric = (typeof EXPLORER_METRICS)[number];

export const METRIC_LABELS: Record<ExplorerMetric, string> = {
  events: 'Events',
  requests: 'Requests',
  inputTokens: 'Input tokens',
  cachedInputTokens: 'Cached input tokens',
  cacheWriteTokens: 'Cache write tokens',
  outputTokens: 'Output tokens',
  reasoningTokens: 'Reasoning tokens',
  listCostUsd: 'List cost (USD)',
  billedCostUsd: 'Billed cost (USD, vendor-stated per request)',
  unpricedEvents: 'Unpriced events',
  unverifiedListCostUsd: 'Unverified spend (USD, list)',
};

/** Money metrics are exact decimal strings (null = no known amount); the rest are counts. */
export const MONEY_METRICS: readonly ExplorerMetric[] = ['listCostUsd', 'billedCostUsd', 'unverifiedListCostUsd'];

export type SortColumn = ExplorerDimension | 'period' | ExplorerMetric;
export const SORT_COLUMNS: readonly SortColumn[] = [...EXPLORER_DIMENSIONS, 'period', ...EXPLORER_METRICS];

export const PAGE_SIZES = [25, 50, 100, 200, 500] as const;
/** Values the filter panel lists per dimension (the busiest first); search finds the rest. */
export const FILTER_VALUE_LIMIT = 100;
export const MAX_PAGE = 100_000;
/** Longest label or search text kept from the URL, and most values per in-list filter. */
const MAX_TEXT = 200;
const MAX_FILTER_VALUES = 200;

/** Per dimension, the accepted values; null = rows where the dimension is not set. */
export type ExplorerFilters = Partial<Record<ExplorerDimension, (string | null)[]>>;

export interface ExplorerSort {
  column: SortColumn;
  dir: 'asc' | 'desc';
}

export interface ExplorerView {
  groupBy: ExplorerDimension[];
  grain: TimeGrain | null;
  from?: string;
  to?: string;
  filters: ExplorerFilters;
  search?: string;
  sort: ExplorerSort;
  page: number;
  pageSize: number;
  columns: ExplorerMetric[];
}

export const DEFAULT_EXPLORER_VIEW: ExplorerView = {
  groupBy: ['vendor', 'model'],
  grain: null,
  filters: {},
  sort: { column: 'listCostUsd', dir: 'desc' },
  page: 1,
  pageSize: 50,
  columns: [...EXPLORER_METRICS],
};

type Raw = Record<string, string | string[] | undefined>;

const isDimension = (s: string): s is ExplorerDimension => (EXPLORER_DIMENSIONS as readonly string[]).includes(s);
const isMetric = (s: string): s is ExplorerMetric => (EXPLORER_METRICS as readonly string[]).includes(s);
const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const firstOf = (v: string | string[] | undefined): string | undefined => all(v)[0];
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
/** A comma list of known names, deduplicated in order; undefined when the key is absent. */
const nameList = <T extends string>(v: string | string[] | undefined, ok: (s: string) => s is T): T[] | undefined => {
  const s = firstOf(v);
  if (s === undefined) return undefined;
  return uniq(
    s
      .split(',')
      .map((x) => x.trim())
      .filter(ok),
  );
};

const intIn = (min: number, max: number) =>
  z.preprocess(firstOf, z.coerce.number().int().min(min).max(max).optional()).catch(undefined) as z.ZodType<number | undefined>;

const rawSchema = z.object({
  grain: z.preprocess(firstOf, z.enum(TIME_GRAINS).optional()).catch(undefined),
  from: z.preprocess(firstOf, z.string().trim().refine(isValidDay).optional()).catch(undefined),
  to: z.preprocess(firstOf, z.string().trim().refine(isValidDay).optional()).catch(undefined),
  q: z.preprocess(firstOf, z.string().trim().max(MAX_TEXT).optional()).catch(undefined),
  dir: z.preprocess(firstOf, z.enum(['asc', 'desc']).optional()).catch(undefined),
  page: intIn(1, MAX_PAGE),
  size: z
    .preprocess(
      firstOf,
      z.coerce
        .number()
        .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))
        .optional(),
    )
    .catch(undefined),
});

/** A sort column is usable when it is a metric, 'period' with a grain, or a dimension in the grouping. */
export function isSortable(column: SortColumn, groupBy: readonly ExplorerDimension[], grain: TimeGrain | null): boolean {
  if (column === 'period') return grain !== null;
  if (isDimension(column)) return groupBy.includes(column);
  return isMetric(column);
}

/** Reads a view from URL search params. Never throws: unknown or bad values fall back to the defaults. */
export function parseExplorerView(params: URLSearchParams | Raw): ExplorerView {
  const raw: Raw = params instanceof URLSearchParams ? toRaw(params) : params;
  const r = rawSchema.parse(raw);
  const d = DEFAULT_EXPLORER_VIEW;
  const groupBy = nameList(raw.group, isDimension) ?? [...d.groupBy];
  const grain = r.grain ?? null;
  const filters: ExplorerFilters = {};
  for (const dim of EXPLORER_DIMENSIONS) {
    const values = all(raw[dim])
      .filter((v) => typeof v === 'string' && v.length <= MAX_TEXT)
      .map((v) => (v.trim() === '' ? null : v));
    if (values.length) filters[dim] = uniq(values).slice(0, MAX_FILTER_VALUES);
  }
  const sortName = firstOf(raw.sort)?.trim();
  const sortCol = sortName && (SORT_COLUMNS as readonly string[]).includes(sortName) ? (sortName as SortColumn) : undefined;
  const sort: ExplorerSort =
    sortCol && isSortable(sortCol, groupBy, grain)
      ? { column: sortCol, dir: r.dir ?? (isMetric(sortCol) ? 'desc' : 'asc') }
      : { ...d.sort };
  const columns = nameList(raw.cols, isMetric);
  return {
    groupBy,
    grain,
    ...(r.from ? { from: r.from } : {}),
    ...(r.to ? { to: r.to } : {}),
    filters,
    ...(r.q ? { search: r.q } : {}),
    sort,
    page: r.page ?? d.page,
    pageSize: r.size ?? d.pageSize,
    columns: columns && columns.length > 0 ? columns : [...d.columns],
  };
}

function toRaw(p: URLSearchParams): Raw {
  const out: Raw = {};
  for (const key of new Set(p.keys())) {
    const v = p.getAll(key);
    out[key] = v.length === 1 ? v[0] : v;
  }
  return out;
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The view as URL search params, defaults left out. parseExplorerView(explorerViewToSearchParams(v)) equals v for parsed views. */
export function explorerViewToSearchParams(v: ExplorerView): URLSearchParams {
  const d = DEFAULT_EXPLORER_VIEW;
  const p = new URLSearchParams();
  if (!sameList(v.groupBy, d.groupBy)) p.set('group', v.groupBy.join(','));
  if (v.grain) p.set('grain', v.grain);
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  for (const dim of EXPLORER_DIMENSIONS) for (const value of v.filters[dim] ?? []) p.append(dim, value ?? '');
  if (v.search) p.set('q', v.search);
  if (v.sort.column !== d.sort.column || v.sort.dir !== d.sort.dir) {
    p.set('sort', v.sort.column);
    p.set('dir', v.sort.dir);
  }
  if (v.page !== d.page) p.set('page', String(v.page));
  if (v.pageSize !== d.pageSize) p.set('size', String(v.pageSize));
  if (!sameList(v.columns, d.columns)) p.set('cols', v.columns.join(','));
  return p;
}

/** "?group=team&grain=week…" or "" for the default view. */
export function explorerViewToQuery(v: ExplorerView): string {
  const s = explorerViewToSearchParams(v).toString();
  return s ? `?${s}` : '';
}

/** A new view with some fields changed; any change other than the page goes back to page 1. */
export function updateExplorerView(v: ExplorerView, patch: Partial<ExplorerView>): ExplorerView {
  const next = { ...v, ...patch };
  if (!('page' in patch)) next.page = 1;
  if (!isSortable(next.sort.column, next.groupBy, next.grain)) next.sort = { ...DEFAULT_EXPLORER_VIEW.sort };
  return next;
}

/** Last day of the time bucket that starts at `start`. */
export function bucketEnd(start: string, grain: TimeGrain): string {
  if (grain === 'day') return start;
  if (grain === 'week') return addDays(start, 6);
  const [y, m] = start.split('-').map(Number);
  return addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
}

export interface ExplorerCell {
  /** The row's group values (null = not set). */
  keys: Partial<Record<ExplorerDimension, string | null>>;
  /** First day of the row's time bucket, when the view has a grain. */
  period?: string | null;
}

/** What a drill-down into one cell reads: the view's filters narrowed to the cell's keys and bucket. */
export interface DrilldownScope {
  from: string;
  to: string;
  filters: ExplorerFilters;
}

/**
 * The requests behind one explorer cell: every group value becomes a one-value filter
 * (the cell already satisfies the view's filter on it) and the period shrinks to the cell's time bucket.
 * `period` is the resolved period of the view (from/to settled by the page).
 */
export function drilldownScope(
  period: { from: string; to: string },
  view: Pick<ExplorerView, 'filters' | 'grain'>,
  cell: ExplorerCell,
): DrilldownScope {
  const filters: ExplorerFilters = { ...view.filters };
  for (const dim of EXPLORER_DIMENSIONS) {
    if (!(dim in cell.keys)) continue;
    filters[dim] = [cell.keys[dim] ?? null];
  }
  let { from, to } = period;
  if (view.grain && cell.period) {
    const start = bucketStart(cell.period, view.grain);
    const end = bucketEnd(start, view.grain);
    if (start > from) from = start;
    if (end < to) to = end;
  }
  return { from, to, filters };
}

/** The view's period with the dashboard defaults applied (see lib/filters.ts resolveFilters). */
export function resolveExplorerPeriod(
  view: Pick<ExplorerView, 'from' | 'to'>,
  latestDay: string | null,
  today: string,
  /** Period parameters the URL gave that were not dates (ignoredPeriodParams): said in the notes. */
  ignored: string[] = [],
): { from: string; to: string; notes?: string[] } {
  const r = resolveFilters({ from: view.from, to: view.to, ignored }, latestDay, today);
  return { from: r.from, to: r.to, ...(r.notes ? { notes: r.notes } : {}) };
}
