/**
 * The explorer's result shapes (plain, serialisable), shared by db/queries/explorer.ts which builds
 * them and lib/export which renders them.
 */
import type { ExplorerDimension } from './explorer-view';

/** usage_events: tests and benchmarks only (forceSource); pages read one of the two rollups. */
export type ExplorerSource = 'usage_daily' | 'usage_daily_keys' | 'usage_events';

export interface ExplorerMetrics {
  events: number;
  /** Sum of known request counts (bucket sources may not give one). */
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  /** Sum of known reasoning tokens; null when no event in the group reported reasoning. */
  reasoningTokens: number | null;
  /** USD at list price (ours); excludes unpriced events. */
  listCostUsd: string | null;
  /** USD as stated by the vendor per request; null where no event carries one. */
  billedCostUsd: string | null;
  /** Events with no list price (model unknown to the catalog). */
  unpricedEvents: number;
  /** USD at list price of events with no outcome signal. */
  unverifiedListCostUsd: string | null;
}

export interface ExplorerRow extends ExplorerMetrics {
  /** The group's value per grouped dimension; null = not set. */
  keys: Partial<Record<ExplorerDimension, string | null>>;
  /** First day of the time bucket (YYYY-MM-DD); null without a grain. */
  period: string | null;
}

export interface ExplorerSubtotal extends ExplorerMetrics {
  /** The first group level (a dimension, or 'period' when only time is grouped). */
  level: ExplorerDimension | 'period';
  key: string | null;
}

export interface ExplorerResult {
  source: ExplorerSource;
  rows: ExplorerRow[];
  /** Groups matching the filters (all pages). */
  totalRows: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Over every row that matches the filters and search (not only this page). */
  total: ExplorerMetrics;
  /** Per value of the first level present on this page (empty when there is a single level). */
  subtotals: ExplorerSubtotal[];
}
