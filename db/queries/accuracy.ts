/**
 * Accuracy by length: fine log-spaced cells per (model, workflow, measure) from per-request events
 * (period_seconds = 0) in the period, summed from the usage_length_cells rollup (one row per quarter octave
 * of tokens), so the result stays bounded (~60 rows per group) whatever the event count; lib/analysis/accuracy.ts merges
 * the cells into quantile bins and decides the verdict, knee, cap and savings.
 */
import type { AccuracyCell } from '../../lib/analysis/accuracy';
import type { Connection } from '../client';
import type { UsagePeriod } from './overview';
import { rollupWhere } from './reasoning';

export type AccuracyCellRow = AccuracyCell;

/**
 * measure 'reasoning' bins reasoning tokens where known; 'output' bins output tokens of events whose
 * reasoning is unknown (NULL), so the two are never mixed. Reads usage_length_cells (rollup-cells.ts), whose
 * cells split each of these by day, vendor, team and log2 bin as well: summed back here.
 */
export async function getAccuracyCells(conn: Connection, p: UsagePeriod): Promise<AccuracyCellRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, string | number | null>>(
    `SELECT model, workflow, measure, bucket, min(min_tokens)::text AS min_tokens, max(max_tokens)::text AS max_tokens,
            sum(requests)::text AS requests, sum(outcomes)::text AS outcomes, sum(successes)::text AS successes,
            coalesce(trim_scale(sum(token_price_sum)), 0)::text AS token_price_sum,
            coalesce(trim_scale(sum(price_sum)), 0)::text AS price_sum
       FROM usage_length_cells WHERE ${w.text}
      GROUP BY model, workflow, measure, bucket
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
