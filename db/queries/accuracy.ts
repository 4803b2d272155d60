/**
 * Accuracy by length: fine log-spaced cells per (model, workflow, measure) from per-request events
 * (period_seconds = 0) in the period. Aggregated in SQL (one row per quarter octave of tokens), so the
 * result stays bounded (~60 rows per group) whatever the event count; lib/analysis/accuracy.ts merges
 * the cells into quantile bins and decides the verdict, knee, cap and savings.
 */
import type { AccuracyCell } from '../../lib/analysis/accuracy';
import type { Connection } from '../client';
import type { UsagePeriod } from './overview';
import { eventWhere } from './reasoning';

export type AccuracyCellRow = AccuracyCell;

/**
 * measure 'reasoning' bins reasoning tokens where known; 'output' bins output tokens of events whose
 * reasoning is unknown (NULL), so the two are never mixed.
 */
export async function getAccuracyCells(conn: Connection, p: UsagePeriod): Promise<AccuracyCellRow[]> {
  const w = eventWhere(p);
  const rows = await conn.query<Record<string, string | number | null>>(
    `WITH ev AS (
       SELECT e.model, e.workflow, e.success, e.output_price_per_mtok_usd AS price,
              CASE WHEN e.reasoning_tokens IS NULL THEN 'output' ELSE 'reasoning' END AS measure,
              coalesce(e.reasoning_tokens, e.output_tokens) AS tokens
         FROM usage_events e
        WHERE ${w.text} AND (e.reasoning_tokens IS NOT NULL OR e.output_tokens IS NOT NULL))
     SELECT model, workflow, measure, floor(4 * ln(tokens + 1) / ln(2))::int AS bucket,
            min(tokens)::text AS min_tokens, max(tokens)::text AS max_tokens, count(*)::text AS requests,
            count(*) FILTER (WHERE success IS NOT NULL)::text AS outcomes,
            count(*) FILTER (WHERE success)::text AS successes,
            coalesce(trim_scale(sum(tokens * price)), 0)::text AS token_price_sum,
            coalesce(trim_scale(sum(price)), 0)::text AS price_sum
       FROM ev GROUP BY model, workflow, measure, bucket
      ORDER BY workflow NULLS LAST, model NULLS LAST, measure, bucket`,
    w.params,
  );
  return rows.map((r) => ({
    model: (r.model as string | null) ?? null,
    workflow: (r.workflow as string | null) ?? null,
    measure: r.measure as AccuracyCell['measure'],
    bucket: Number(r.bucket),
    minTokens: Number(r.min_tokens),
    maxTokens: Number(r.max_tokens),
    requests: Number(r.requests),
    outcomes: Number(r.outcomes),
    successes: Number(r.successes),
    tokenPriceSum: String(r.token_price_sum),
    priceSum: String(r.price_sum),
  }));
}
