/**
 * usage_daily_keys: usage_events by UTC day, user and API key, with every other explorer dimension and the attribution
 * fields (source), so that the explorer's user / api_key views and pickers and the baseline's re-read for rules on
 * users or keys are exact sums of it (no event read). Measures are the ones those reads show; usage_daily keeps the
 * rest (outcomes, reasoning cost, is_bucket). Kept by the loader and rebuilt by day through the EventRollup registry.
 *
 * Size: one row per (day, user, key, model, project, workflow, ...) combination that occurs, so it stays far below
 * the events only when a user works in few teams / projects / workflows with few keys, as users do (docs/scale.md).
 */
import type { EventRollup } from './rollup';
import { addInto, foldCtes } from './rollup-sql';

export const KEY_ROLLUP_TABLE = 'usage_daily_keys';

const DIMS = 'day, user_id, api_key, vendor, model, model_creator, project, team, workflow, environment, source';
const COUNTS = [
  'events',
  'requests',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'reasoning_known_events',
  'reasoning_known_output_tokens',
  'unpriced_events',
  'unpriced_tokens',
];
const MONEY = ['billed_cost_usd', 'list_cost_usd', 'unverified_list_cost_usd'];
/** The usage_events measures keyRollupSelect reads (besides DIMS and billed_cost_usd). */
const COUNTS_INPUT = [
  'request_count',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'list_cost_usd',
  'success',
];

/** Aggregates rows shaped like usage_events into usage_daily_keys' columns (same order as DIMS, COUNTS, MONEY). */
export function keyRollupSelect(from: string): string {
  return `SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, user_id, api_key, vendor, model, model_creator, project, team,
        workflow, environment, source,
        count(*) AS events,
        coalesce(sum(request_count), 0) AS requests,
        coalesce(sum(input_tokens), 0) AS input_tokens,
        coalesce(sum(cached_input_tokens), 0) AS cached_input_tokens,
        coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
        coalesce(sum(output_tokens), 0) AS output_tokens,
        coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens,
        count(*) FILTER (WHERE reasoning_tokens IS NOT NULL) AS reasoning_known_events,
        coalesce(sum(output_tokens) FILTER (WHERE reasoning_tokens IS NOT NULL), 0) AS reasoning_known_output_tokens,
        count(*) FILTER (WHERE list_cost_usd IS NULL) AS unpriced_events,
        coalesce(sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) FILTER (WHERE list_cost_usd IS NULL), 0) AS unpriced_tokens,
        sum(billed_cost_usd) AS billed_cost_usd,
        sum(list_cost_usd) AS list_cost_usd,
        sum(list_cost_usd) FILTER (WHERE success IS NULL) AS unverified_list_cost_usd
      FROM ${from} GROUP BY ${DIMS}`;
}

const T = KEY_ROLLUP_TABLE;

/**
 * The same rows summed from the batch's fine usage_daily aggregate (rollupCtes: usage_daily's dimensions plus
 * FINE_KEYS, with every measure here among usage_daily's, defined alike), which the loader computes anyway: the same
 * sums as keyRollupSelect over the events, the is_bucket split added back together.
 */
function keyRollupFromFine(fine: string): string {
  return `SELECT ${DIMS}, ${[...COUNTS, ...MONEY].map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM ${fine} GROUP BY ${DIMS}`;
}

export const keyRollup: EventRollup = {
  table: T,
  columns: ['occurred_at', 'user_id', 'api_key', 'billed_cost_usd', ...DIMS.split(', ').slice(3), ...COUNTS_INPUT],
  input: 'fine',
  ctes: (fine, prefix) => [
    keyRollupFromFine(fine),
    ...foldCtes(
      T,
      `${DIMS}, ${COUNTS.join(', ')}, ${MONEY.join(', ')}`,
      `${prefix}0`,
      prefix,
      1,
      `ON CONFLICT ON CONSTRAINT usage_daily_keys_dims_key DO UPDATE SET ${addInto(T, COUNTS, MONEY)}`,
    ),
  ],
};
