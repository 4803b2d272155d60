/**
 * Drill-down: the usage_events rows behind one explorer cell (its keys and time bucket become
 * filters; see drilldownScope in lib/explorer-view.ts), newest first, keyset-paginated on
 * (occurred_at, id) so page N costs the same as page 1 however large the cell is.
 */
import { EXPLORER_DIMENSIONS, type ExplorerFilters } from '../../lib/explorer-view';
import type { Connection } from '../client';
import { dimensionColumns } from './explorer';
import { eventDayRange, inList, Params, toCount, toCountOrNull, toText } from './sql-params';

export interface ExplorerRequestsQuery {
  /** UTC days, inclusive. */
  from: string;
  to: string;
  filters?: ExplorerFilters;
  /** nextCursor of the previous page; absent for the first page. */
  cursor?: string | null;
  /** Rows per page, at most 500 (default 100). */
  limit?: number;
}

export interface ExplorerRequestRow {
  id: number;
  /** UTC, ISO 8601 with microseconds, e.g. "2026-03-02T10:15:00.123456Z". */
  occurredAt: string;
  /** 0 for one request, else the bucket width in seconds (an aggregated usage bucket). */
  periodSeconds: number;
  requestCount: number | null;
  vendor: string;
  model: string | null;
  modelCreator: string | null;
  /** The upstream provider that served the request when a reseller (OpenRouter) bills for it; from tags.served_by. */
  servedBy: string | null;
  team: string | null;
  workflow: string | null;
  project: string | null;
  apiKey: string | null;
  user: string | null;
  environment: string | null;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  /** null = the source did not report reasoning (not 0). */
  reasoningTokens: number | null;
  /** Exact decimal strings; null = unknown (unpriced, or no vendor-stated / tool-reported amount). */
  listCostUsd: string | null;
  billedCostUsd: string | null;
  reportedCostUsd: string | null;
  reportedBy: string | null;
  success: boolean | null;
  latencyMs: number | null;
  requestId: string | null;
  traceId: string | null;
  source: string;
}

export interface ExplorerRequestsPage {
  rows: ExplorerRequestRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const UTC_TEXT = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Cursor = base64url of "<UTC timestamp with microseconds>|<id>" of the last row shown. */
export function encodeRequestCursor(occurredAtUtc: string, id: number): string {
  return Buffer.from(`${occurredAtUtc}|${id}`).toString('base64url');
}

export function decodeRequestCursor(cursor: string): { at: string; id: number } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/.test(at) || !/^\d+$/.test(id ?? '')) return null;
  return { at, id: Number(id) };
}

export async function listExplorerRequests(conn: Connection, q: ExplorerRequestsQuery): Promise<ExplorerRequestsPage> {
  const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? 100)), 500);
  const p = new Params();
  const c = [eventDayRange(q.from, q.to, p)];
  const cols = await dimensionColumns(conn, Object.keys(q.filters ?? {}));
  for (const dim of EXPLORER_DIMENSIONS) {
    const values = q.filters?.[dim];
    if (values) c.push(inList(cols[dim], values, p));
  }
  const after = q.cursor ? decodeRequestCursor(q.cursor) : null;
  if (q.cursor && !after) throw new Error('invalid drill-down cursor');
  if (after) c.push(`(occurred_at, id) < ((${p.add(after.at)}::timestamp AT TIME ZONE 'UTC'), ${p.add(after.id)}::bigint)`);
  const rows = await conn.query(
    `SELECT id, ${UTC_TEXT} AS at, period_seconds, request_count, vendor, model, model_creator, team, workflow, project, api_key,
            user_id, environment, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
            trim_scale(list_cost_usd)::text AS list_cost_usd, trim_scale(billed_cost_usd)::text AS billed_cost_usd,
            trim_scale(reported_cost_usd)::text AS reported_cost_usd, reported_by, success, latency_ms, request_id, trace_id, source,
            tags->>'served_by' AS served_by
       FROM usage_events WHERE ${c.join(' AND ')}
      ORDER BY occurred_at DESC, id DESC LIMIT ${p.add(limit + 1)}`,
    p.values,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit).map(readRequest);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: more && last ? encodeRequestCursor(last.occurredAt.slice(0, -1), last.id) : null };
}

function readRequest(r: Record<string, unknown>): ExplorerRequestRow {
  return {
    id: toCount(r.id),
    occurredAt: `${r.at}Z`,
    periodSeconds: toCount(r.period_seconds),
    requestCount: toCountOrNull(r.request_count),
    vendor: String(r.vendor),
    model: toText(r.model),
    modelCreator: toText(r.model_creator),
    servedBy: toText(r.served_by),
    team: toText(r.team),
    workflow: toText(r.workflow),
    project: toText(r.project),
    apiKey: toText(r.api_key),
    user: toText(r.user_id),
    environment: toText(r.environment),
    inputTokens: toCountOrNull(r.input_tokens),
    cachedInputTokens: toCountOrNull(r.cached_input_tokens),
    cacheWriteTokens: toCountOrNull(r.cache_write_tokens),
    outputTokens: toCountOrNull(r.output_tokens),
    reasoningTokens: toCountOrNull(r.reasoning_tokens),
    listCostUsd: toText(r.list_cost_usd),
    billedCostUsd: toText(r.billed_cost_usd),
    reportedCostUsd: toText(r.reported_cost_usd),
    reportedBy: toText(r.reported_by),
    success: r.success === null || r.success === undefined ? null : Boolean(r.success),
    latencyMs: toCountOrNull(r.latency_ms),
    requestId: toText(r.request_id),
    traceId: toText(r.trace_id),
    source: String(r.source),
  };
}
