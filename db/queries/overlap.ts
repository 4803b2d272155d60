/**
 * Possible double counting: vendor usage exports (aggregated buckets) and per-request logs that cover
 * the same traffic are both stored, and nothing reconciles them yet. A (day, vendor, model) where both
 * kinds exist, and the bucket either names the same project or no project at all (an export without
 * group_by covers every project), is flagged. Reads the usage_daily rollup only.
 */
import type { Connection } from '../client';

export interface OverlapPeriod {
  /** Inclusive UTC days, YYYY-MM-DD. */
  from: string;
  to: string;
  vendor?: string;
}

export interface OverlapRow {
  vendor: string;
  /** null when the export was not grouped by model (it then overlaps every logged model). */
  model: string | null;
  days: number;
  bucketRequests: number;
  loggedRequests: number;
  /** List cost of the bucket rows involved (USD, exact); null when unpriced. */
  bucketListCostUsd: string | null;
}

/**
 * The join of export buckets `b` to logged rows `r` (usage_daily rows or their groups) that can be the same traffic:
 * same day and vendor, and the bucket names the same model and project or none. Shared with reconciliation.ts.
 */
export const BUCKET_LOG_OVERLAP = `r.day = b.day AND r.vendor = b.vendor
  AND (b.model IS NULL OR r.model = b.model) AND (b.project IS NULL OR r.project = b.project)`;

export async function getBucketLogOverlap(conn: Connection, p: OverlapPeriod): Promise<OverlapRow[]> {
  const params: unknown[] = [p.from, p.to];
  const vendor = p.vendor ? ` AND b.vendor = $${params.push(p.vendor)}` : '';
  const rows = await conn.query<Record<string, unknown>>(
    `WITH b AS (SELECT day, vendor, model, project, sum(requests) AS requests, sum(list_cost_usd) AS cost
                FROM usage_daily WHERE is_bucket AND day BETWEEN $1::date AND $2::date GROUP BY day, vendor, model, project),
          r AS (SELECT day, vendor, model, project, sum(requests) AS requests
                FROM usage_daily WHERE NOT is_bucket AND day BETWEEN $1::date AND $2::date GROUP BY day, vendor, model, project),
          hit AS (
            SELECT b.day, b.vendor, b.model, b.project, max(b.requests) AS bucket_requests, max(b.cost) AS bucket_cost,
                   sum(r.requests) AS logged_requests
            FROM b JOIN r ON ${BUCKET_LOG_OVERLAP}
            WHERE true${vendor}
            GROUP BY b.day, b.vendor, b.model, b.project)
     SELECT vendor, model, count(DISTINCT day)::int AS days, sum(bucket_requests)::bigint AS bucket_requests,
            sum(logged_requests)::bigint AS logged_requests, trim_scale(sum(bucket_cost))::text AS bucket_cost
     FROM hit GROUP BY vendor, model ORDER BY sum(bucket_cost) DESC NULLS LAST, vendor, model`,
    params,
  );
  return rows.map((r) => ({
    vendor: String(r.vendor),
    model: (r.model as string | null) ?? null,
    days: Number(r.days),
    bucketRequests: Number(r.bucket_requests),
    loggedRequests: Number(r.logged_requests),
    bucketListCostUsd: (r.bucket_cost as string | null) ?? null,
  }));
}
