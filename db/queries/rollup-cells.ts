/**
 * usage_length_cells (db/schema-rollups.ts): per-request events binned by token length, kept exactly by the loader
 * (an EventRollup, listed in rollups.ts). Backs getAccuracyCells (accuracy.ts) and getReasoningHistogram
 * (reasoning.ts): both are sums over these cells with the page's filters (vendor, team, workflow).
 */
import type { EventRollup } from './rollup';
import { addInto, foldCtes } from './rollup-sql';

/** 2^0 .. 2^62 as a Postgres array literal: the thresholds of LOG2_BIN. */
const POWERS_OF_TWO = `{${Array.from({ length: 63 }, (_, k) => (1n << BigInt(k)).toString()).join(',')}}`;

/**
 * log2 bin of a bigint token count, as lib/analysis/stats.ts log2Bin: 0 for < 1, else its bit length, i.e. how many
 * powers of two are <= n (width_bucket's binary search over them). Integer comparisons: floor(log(2, n::numeric)) + 1
 * costs ~30 us per row in numeric logarithms, and the bit-string form used before (position of the first '1' in
 * n::bit(64)::text) ~0.27 us against ~0.04 us for this, on every event the loader folds.
 */
export const LOG2_BIN = (col: string) => `width_bucket(${col}, '${POWERS_OF_TWO}'::bigint[])`;

/** Quarter octave of a token count (accuracy cells); float8, as lib/analysis/accuracy.ts expects the bucket ids. */
export const QUARTER_OCTAVE = (col: string) => `floor(4 * ln(${col} + 1) / ln(2))::int`;

const KEY = 'day, vendor, model, team, workflow, measure, bucket, bin';
const VALUES = 'requests, outcomes, successes, min_tokens, max_tokens, tokens, token_price_sum, price_sum, token_cost_usd';

/** Aggregates rows shaped like usage_events into usage_length_cells' columns. */
export function cellsSelect(from: string): string {
  return `SELECT ${KEY}, count(*) AS requests, count(*) FILTER (WHERE success IS NOT NULL) AS outcomes,
        count(*) FILTER (WHERE success) AS successes, min(tokens) AS min_tokens, max(tokens) AS max_tokens,
        sum(tokens) AS tokens, sum(tokens * price) AS token_price_sum, sum(price) AS price_sum,
        sum(tokens * price / 1000000) AS token_cost_usd
      FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, vendor, model, team, workflow, success,
              output_price_per_mtok_usd AS price,
              CASE WHEN reasoning_tokens IS NULL THEN 'output' ELSE 'reasoning' END AS measure,
              coalesce(reasoning_tokens, output_tokens) AS tokens,
              ${QUARTER_OCTAVE('coalesce(reasoning_tokens, output_tokens)')} AS bucket,
              ${LOG2_BIN('coalesce(reasoning_tokens, output_tokens)')} AS bin
         FROM ${from} WHERE period_seconds = 0 AND (reasoning_tokens IS NOT NULL OR output_tokens IS NOT NULL)) c
      GROUP BY ${KEY}`;
}

const T = 'usage_length_cells';

export const lengthCellsRollup: EventRollup = {
  table: T,
  columns: [
    'occurred_at',
    'vendor',
    'model',
    'team',
    'workflow',
    'success',
    'output_price_per_mtok_usd',
    'reasoning_tokens',
    'output_tokens',
    'period_seconds',
  ],
  staged: `${KEY}, ${VALUES}`,
  ctes: (from, prefix) => [
    cellsSelect(from),
    ...foldCtes(
      T,
      `${KEY}, ${VALUES}`,
      `${prefix}0`,
      prefix,
      1,
      `ON CONFLICT ON CONSTRAINT usage_length_cells_key DO UPDATE SET
        ${addInto(T, ['requests', 'outcomes', 'successes', 'tokens'], ['token_price_sum', 'price_sum', 'token_cost_usd'])},
        min_tokens = least(${T}.min_tokens, excluded.min_tokens), max_tokens = greatest(${T}.max_tokens, excluded.max_tokens)`,
    ),
  ],
};
