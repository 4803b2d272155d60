/**
 * usage_task_days (db/schema-rollups.ts): the per-request events of each task (trace_id) per UTC day and filter
 * dimensions (vendor, team, workflow), kept exactly by the loader (an EventRollup, listed in rollups.ts). The loops
 * page and the reasoning page's top tasks merge a task's rows over the period's days at read time (loops.ts,
 * reasoning.ts). Events without a trace fold into one row per (day, vendor, team, workflow) with trace_id NULL:
 * each is a task of one call, so their count, sums and outcome counts are all the pages need of them.
 */
import type { EventRollup } from './rollup';
import { addInto, foldCtes } from './rollup-sql';

const T = 'usage_task_days';
const KEY = 'day, vendor, team, workflow, trace_id';
const VALUES = `calls, input_tokens, output_tokens, reasoning_tokens, list_cost_usd, hidden_usd, outcome_calls, success_calls,
  first_at, last_at, last_outcome_at, last_outcome_id, last_success`;

/**
 * Aggregates rows shaped like usage_events (id included) into usage_task_days' columns. The last call with an
 * outcome, by (occurred_at, id) as loops.ts orders a task's calls, is max() over [epoch seconds, id, success as 0/1]:
 * arrays compare element by element, and max() hashes where an ordered array_agg would sort the batch. float8, not
 * numeric (extract): date_part's epoch keeps distinct microseconds distinct until about 2242 (float8 spacing at 2^33 s
 * is 1.9 us) and ids are exact below 2^53; comparing float8 arrays cost ~15 ms less per 50k-event batch than numeric
 * ones (a third of this aggregate).
 */
export function tasksSelect(from: string): string {
  return `SELECT day, vendor, team, workflow, trace_id, calls, input_tokens, output_tokens, reasoning_tokens, list_cost_usd,
        hidden_usd, outcome_calls, success_calls, first_at, last_at, last_outcome_at, last[2]::bigint AS last_outcome_id,
        last[3] = 1 AS last_success
      FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, vendor, team, workflow, trace_id,
        count(*) AS calls, coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens,
        coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens, sum(list_cost_usd) AS list_cost_usd,
        sum(reasoning_tokens * output_price_per_mtok_usd / 1000000) AS hidden_usd,
        count(*) FILTER (WHERE success IS NOT NULL) AS outcome_calls, count(*) FILTER (WHERE success) AS success_calls,
        min(occurred_at) AS first_at, max(occurred_at) AS last_at,
        max(occurred_at) FILTER (WHERE success IS NOT NULL) AS last_outcome_at,
        max(ARRAY[date_part('epoch', occurred_at), id, success::int]) FILTER (WHERE success IS NOT NULL) AS last
      FROM ${from} WHERE period_seconds = 0
      GROUP BY 1, vendor, team, workflow, trace_id) t`;
}

/** The incoming rows' last outcome wins when it is later (occurred_at, then id) than the stored one, or none is stored. */
const LATER = `(${T}.last_outcome_at IS NULL OR (excluded.last_outcome_at, excluded.last_outcome_id) > (${T}.last_outcome_at, ${T}.last_outcome_id))`;
const takeLater = (c: string) => `${c} = CASE WHEN ${LATER} THEN excluded.${c} ELSE ${T}.${c} END`;

export const taskDaysRollup: EventRollup = {
  table: T,
  columns: [
    'id',
    'occurred_at',
    'vendor',
    'team',
    'workflow',
    'trace_id',
    'input_tokens',
    'output_tokens',
    'reasoning_tokens',
    'list_cost_usd',
    'output_price_per_mtok_usd',
    'success',
    'period_seconds',
  ],
  staged: `${KEY}, ${VALUES}`,
  ctes: (from, prefix) => [
    tasksSelect(from),
    ...foldCtes(
      T,
      `${KEY}, ${VALUES}`,
      `${prefix}0`,
      prefix,
      1,
      `ON CONFLICT ON CONSTRAINT usage_task_days_key DO UPDATE SET
        ${addInto(T, ['calls', 'input_tokens', 'output_tokens', 'reasoning_tokens', 'outcome_calls', 'success_calls'], ['list_cost_usd', 'hidden_usd'])},
        first_at = least(${T}.first_at, excluded.first_at), last_at = greatest(${T}.last_at, excluded.last_at),
        ${['last_success', 'last_outcome_id', 'last_outcome_at'].map(takeLater).join(', ')}`,
    ),
  ],
};
