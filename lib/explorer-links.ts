/**
 * Links of the explorer pages, built from the view codec in lib/explorer-view.ts so that every link
 * reproduces a view: the explorer itself, its sort headers, its pages, and the drill-down to the
 * requests behind a cell (/explorer/requests, keyset-paginated). Pure.
 *
 * Drill-down URL keys: from, to and the dimension keys exactly as in the explorer (repeated key per
 * value, empty value = not set), plus
 *   cursor   the keyset cursor of the page shown (absent on the first page)
 *   trail    the cursors of the pages before it, comma-separated ("" for the first page), so that
 *            "Previous" works without offsets; capped at MAX_TRAIL pages, beyond which only "First" does
 *   size     rows per page (one of REQUEST_PAGE_SIZES)
 */
import {
  DEFAULT_EXPLORER_VIEW,
  type DrilldownScope,
  EXPLORER_METRICS,
  type ExplorerFilters,
  type ExplorerMetric,
  type ExplorerView,
  explorerViewToQuery,
  explorerViewToSearchParams,
  parseExplorerView,
  type SortColumn,
  updateExplorerView,
} from './explorer-view';

type Raw = Record<string, string | string[] | undefined>;

export const EXPLORER_PATH = '/explorer';
export const REQUESTS_PATH = '/explorer/requests';
export const REQUEST_PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_REQUEST_PAGE_SIZE = 50;
export const MAX_TRAIL = 50;

export function viewHref(view: ExplorerView): string {
  return `${EXPLORER_PATH}${explorerViewToQuery(view)}`;
}

export function patchHref(view: ExplorerView, patch: Partial<ExplorerView>): string {
  return viewHref(updateExplorerView(view, patch));
}

const isMetric = (c: SortColumn): c is ExplorerMetric => (EXPLORER_METRICS as readonly string[]).includes(c);

/** Clicking a header: the same column flips its direction; another column starts desc for metrics, asc otherwise. */
export function sortHref(view: ExplorerView, column: SortColumn): string {
  const same = view.sort.column === column;
  const dir = same ? (view.sort.dir === 'asc' ? 'desc' : 'asc') : isMetric(column) ? 'desc' : 'asc';
  return patchHref(view, { sort: { column, dir } });
}

export function pageHref(view: ExplorerView, page: number): string {
  return viewHref({ ...view, page });
}

/** A whole period (e.g. a month) with the rest of the view kept. */
export function periodHref(view: ExplorerView, from: string, to: string): string {
  return patchHref(view, { from, to });
}

/**
 * The whole view (every page, in its sort order) as a file, from the export work's download route:
 * GET /api/exports/{csv|xlsx|pdf}?view=explorer with the explorer's own URL parameters.
 */
export function explorerExportHref(view: ExplorerView, format: 'csv' | 'xlsx' | 'pdf'): string {
  const p = explorerViewToSearchParams({ ...view, page: 1 });
  p.set('view', 'explorer');
  return `/api/exports/${format}?${p.toString()}`;
}

/** The explorer with the filters of a drill-down scope (e.g. from an anomaly flag or a statement line). */
export function explorerHref(scope: DrilldownScope, patch: Partial<ExplorerView> = {}): string {
  return viewHref({ ...DEFAULT_EXPLORER_VIEW, from: scope.from, to: scope.to, filters: scope.filters, ...patch });
}

export interface RequestsParams {
  from?: string;
  to?: string;
  filters: ExplorerFilters;
  cursor: string | null;
  /** Cursors of the earlier pages, oldest first; "" stands for the first page. */
  trail: string[];
  size: number;
}

const CURSOR = /^[A-Za-z0-9_-]{1,120}$/;
const firstOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseRequestsParams(raw: Raw): RequestsParams {
  const v = parseExplorerView(raw);
  const cursor = firstOf(raw.cursor)?.trim() ?? '';
  const trailText = firstOf(raw.trail);
  const trail = trailText === undefined ? [] : trailText.split(',').filter((c) => c === '' || CURSOR.test(c));
  const sizeN = Number(firstOf(raw.size));
  const size = (REQUEST_PAGE_SIZES as readonly number[]).includes(sizeN) ? sizeN : DEFAULT_REQUEST_PAGE_SIZE;
  return {
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    filters: v.filters,
    cursor: CURSOR.test(cursor) ? cursor : null,
    trail: trail.slice(-MAX_TRAIL),
    size,
  };
}

/** The query of a requests page; the period and filters in explorer form, then the paging keys. */
export function requestsHref(
  scope: { from?: string; to?: string; filters: ExplorerFilters },
  paging: Partial<RequestsParams> = {},
): string {
  const p = explorerViewToSearchParams({ ...DEFAULT_EXPLORER_VIEW, from: scope.from, to: scope.to, filters: scope.filters });
  if (paging.cursor) p.set('cursor', paging.cursor);
  if (paging.trail?.length) p.set('trail', paging.trail.join(','));
  if (paging.size && paging.size !== DEFAULT_REQUEST_PAGE_SIZE) p.set('size', String(paging.size));
  const s = p.toString();
  return `${REQUESTS_PATH}${s ? `?${s}` : ''}`;
}

/** Next, previous and first page of a drill-down, the paging state carried in the URL. */
export function requestsPaging(params: RequestsParams, nextCursor: string | null) {
  const base = { from: params.from, to: params.to, filters: params.filters };
  const onFirst = params.cursor === null;
  const next = nextCursor
    ? requestsHref(base, { cursor: nextCursor, trail: [...params.trail, params.cursor ?? ''].slice(-MAX_TRAIL), size: params.size })
    : null;
  let previous: string | null = null;
  if (!onFirst && params.trail.length > 0) {
    const before = params.trail[params.trail.length - 1];
    previous = requestsHref(base, { cursor: before || null, trail: params.trail.slice(0, -1), size: params.size });
  }
  const first = onFirst ? null : requestsHref(base, { size: params.size });
  // The trail reaches back to the first page when it starts with "" (it is clipped past MAX_TRAIL pages,
  // and a shared link may carry none); only then is the page number known.
  const fromStart = params.trail.length > 0 && params.trail[0] === '';
  /** 1-based page number; null when unknown. */
  const pageNumber = onFirst ? 1 : fromStart ? params.trail.length + 1 : null;
  return { next, previous, first, pageNumber };
}
