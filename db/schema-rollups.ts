/**
 * Further rollups of usage_events for the event pages (issue 8), kept exactly by the loader like usage_daily
 * (db/queries/rollups.ts lists them; db/queries/rollup.ts folds and rebuilds them by day). Both hold only
 * per-request events (period_seconds = 0). Money sums are unconstrained numeric (USD): exact whatever the prices'
 * scale; NULL = no priced event in the row. Token counts are bigint.
 */
import { bigint, boolean, date, integer, numeric, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

const tok = (name: string) => bigint(name, { mode: 'number' });
const count = (name: string) => bigint(name, { mode: 'number' }).notNull();

/**
 * Per-request token-length cells (db/queries/rollup-cells.ts): per UTC day x vendor x model x team x workflow x
 * measure x quarter-octave bucket x log2 bin. Backs the accuracy cells and the reasoning histogram.
 */
export const usageLengthCells = pgTable(
  'usage_length_cells',
  {
    day: date('day').notNull(),
    vendor: text('vendor').notNull(),
    model: text('model'),
    team: text('team'),
    workflow: text('workflow'),
    /** 'reasoning': reasoning tokens (known); 'output': output tokens of events whose reasoning is NULL. */
    measure: text('measure').notNull(),
    /** floor(4 * ln(tokens + 1) / ln(2)): a quarter octave of the measured tokens (accuracy cells). */
    bucket: integer('bucket').notNull(),
    /** log2 bin of the measured tokens (lib/analysis/stats.ts log2Bin): 0 holds 0, b >= 1 holds [2^(b-1), 2^b). */
    bin: integer('bin').notNull(),
    requests: count('requests'),
    /** Requests with an outcome signal, and how many succeeded. */
    outcomes: count('outcomes'),
    successes: count('successes'),
    minTokens: tok('min_tokens').notNull(),
    maxTokens: tok('max_tokens').notNull(),
    /** Sum of the measured tokens. */
    tokens: tok('tokens').notNull(),
    /** Sum of tokens x output price (USD per million tokens x tokens); NULL = none priced. */
    tokenPriceSum: numeric('token_price_sum'),
    /** Sum of output prices (USD per million tokens) of the priced requests. */
    priceSum: numeric('price_sum'),
    /** Sum of tokens x output price / 1e6 per request (USD): hidden reasoning spend for measure 'reasoning'. */
    tokenCostUsd: numeric('token_cost_usd'),
  },
  (t) => [unique('usage_length_cells_key').on(t.day, t.vendor, t.model, t.team, t.workflow, t.measure, t.bucket, t.bin).nullsNotDistinct()],
);

/**
 * Per-request events per UTC day x vendor x team x workflow x trace (db/queries/rollup-tasks.ts): the parts of a
 * task (trace_id) on each day, merged per task at read time (a task may span days). Events without a trace are
 * each their own task of one call: they share one row per (day, vendor, team, workflow) with trace_id NULL.
 */
export const usageTaskDays = pgTable(
  'usage_task_days',
  {
    day: date('day').notNull(),
    vendor: text('vendor').notNull(),
    team: text('team'),
    workflow: text('workflow'),
    traceId: text('trace_id'),
    calls: count('calls'),
    inputTokens: tok('input_tokens').notNull(),
    outputTokens: tok('output_tokens').notNull(),
    reasoningTokens: tok('reasoning_tokens').notNull(),
    listCostUsd: numeric('list_cost_usd'),
    /** Hidden reasoning spend: sum of reasoning tokens x output price / 1e6 per call (USD). */
    hiddenUsd: numeric('hidden_usd'),
    /** Calls with an outcome signal, and how many succeeded (the tasks of the trace_id NULL row). */
    outcomeCalls: count('outcome_calls'),
    successCalls: count('success_calls'),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    /** The last call with an outcome (by occurred_at, then id) and its success: a task's outcome is its last one. */
    lastOutcomeAt: timestamp('last_outcome_at', { withTimezone: true }),
    lastOutcomeId: bigint('last_outcome_id', { mode: 'number' }),
    lastSuccess: boolean('last_success'),
  },
  (t) => [unique('usage_task_days_key').on(t.day, t.vendor, t.team, t.workflow, t.traceId).nullsNotDistinct()],
);

/**
 * Events per UTC day x explorer dimension x value (db/queries/rollup-filter-values.ts): the explorer's filter panel
 * lists each dimension's values for a period from it. dimension is an explorer dimension name (user for user_id);
 * value NULL = events without that field.
 */
export const usageFilterValues = pgTable(
  'usage_filter_values',
  {
    day: date('day').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value'),
    events: count('events'),
  },
  (t) => [unique('usage_filter_values_key').on(t.day, t.dimension, t.value).nullsNotDistinct()],
);
