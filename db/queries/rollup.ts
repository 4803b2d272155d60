/**
 * The usage_daily rollup: the one definition of how events fold into daily rows, used by the loader
 * (adding freshly inserted events) and by rebuilds (after repricing).
 */
import type { RawTx } from '../client';
import { addInto, FINE_KEYS, foldCtes } from './rollup-sql';
import { EVENT_ROLLUPS } from './rollups';

const DIMS = 'day, vendor, model, model_creator, project, team, workflow, environment, source, is_bucket';
const COUNTS = [
  'events',
  'requests',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'reasoning_known_output_tokens',
  'unpriced_events',
  'unpriced_tokens',
  'outcome_events',
  'success_events',
  'reasoning_known_events',
  'unknown_reasoning_output_tokens',
];
const MONEY = [
  'billed_cost_usd',
  'reported_cost_usd',
  'list_cost_usd',
  'unverified_list_cost_usd',
  'reasoning_list_cost_usd',
  'success_list_cost_usd',
  'unknown_reasoning_output_cost_usd',
];

/** The usage_events columns rollupSelect reads. */
const DAILY_INPUT = [
  'occurred_at',
  'vendor',
  'model',
  'model_creator',
  'project',
  'team',
  'workflow',
  'environment',
  'source',
  'period_seconds',
  'request_count',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'billed_cost_usd',
  'reported_cost_usd',
  'list_cost_usd',
  'success',
  'output_price_per_mtok_usd',
];

/**
 * The usage_events columns every rollup reads, for the row sets the loader and rebuilds aggregate: selecting only
 * these instead of * keeps the wide text columns (dedupe key, request id, tags) out of the materialised CTE that
 * each rollup scans again.
 */
export function rollupInputColumns(): string {
  return [...new Set([...DAILY_INPUT, ...EVENT_ROLLUPS.flatMap((r) => r.columns)])].join(', ');
}

/** Aggregates rows shaped like usage_events (a table or CTE name) into usage_daily's columns. */
export function rollupSelect(from: string): string {
  return dailySelect(from, '');
}

/**
 * usage_daily's aggregate of `from` with `keys` (a column list ending in ', ', or '') as extra leading dimensions.
 * With FINE_KEYS it is the batch aggregate both usage_daily and usage_daily_keys are summed from (rollupCtes).
 */
function dailySelect(from: string, keys: string): string {
  return `SELECT ${keys}(occurred_at AT TIME ZONE 'UTC')::date AS day, vendor, model, model_creator, project, team, workflow,
        environment, source, period_seconds > 0 AS is_bucket,
        count(*) AS events,
        coalesce(sum(request_count), 0) AS requests,
        coalesce(sum(input_tokens), 0) AS input_tokens,
        coalesce(sum(cached_input_tokens), 0) AS cached_input_tokens,
        coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
        coalesce(sum(output_tokens), 0) AS output_tokens,
        coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens,
        coalesce(sum(output_tokens) FILTER (WHERE reasoning_tokens IS NOT NULL), 0) AS reasoning_known_output_tokens,
        sum(billed_cost_usd) AS billed_cost_usd,
        sum(reported_cost_usd) AS reported_cost_usd,
        sum(list_cost_usd) AS list_cost_usd,
        count(*) FILTER (WHERE list_cost_usd IS NULL) AS unpriced_events,
        coalesce(sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) FILTER (WHERE list_cost_usd IS NULL), 0) AS unpriced_tokens,
        count(*) FILTER (WHERE success IS NOT NULL) AS outcome_events,
        count(*) FILTER (WHERE success) AS success_events,
        sum(list_cost_usd) FILTER (WHERE success IS NULL) AS unverified_list_cost_usd,
        sum(reasoning_tokens * output_price_per_mtok_usd / 1000000) AS reasoning_list_cost_usd,
        sum(list_cost_usd) FILTER (WHERE success) AS success_list_cost_usd,
        count(*) FILTER (WHERE reasoning_tokens IS NOT NULL) AS reasoning_known_events,
        coalesce(sum(output_tokens) FILTER (WHERE reasoning_tokens IS NULL), 0) AS unknown_reasoning_output_tokens,
        sum(output_tokens * output_price_per_mtok_usd / 1000000) FILTER (WHERE reasoning_tokens IS NULL) AS unknown_reasoning_output_cost_usd
      FROM ${from} GROUP BY ${keys}${DIMS}`;
}

/** usage_daily's measures in rollupSelect's order. */
const DAILY_MEASURES = [
  ...COUNTS.slice(0, 8),
  ...MONEY.slice(0, 3),
  'unpriced_events',
  'unpriced_tokens',
  'outcome_events',
  'success_events',
  'unverified_list_cost_usd',
  'reasoning_list_cost_usd',
  'success_list_cost_usd',
  'reasoning_known_events',
  'unknown_reasoning_output_tokens',
  'unknown_reasoning_output_cost_usd',
];
/** usage_daily's columns in rollupSelect's order. */
const DAILY_COLUMNS = `${DIMS}, ${DAILY_MEASURES.join(', ')}`;

/**
 * `, daily_N AS (...)` CTE text that adds the aggregated rows of `agg` (the output of rollupSelect) into usage_daily
 * (foldCtes); append it after the CTE that defines `agg`. Call under lockEvents.
 */
function rollupFoldCtes(agg: string): string {
  return foldCtes(
    'usage_daily',
    DAILY_COLUMNS,
    agg,
    'daily_',
    0,
    `ON CONFLICT ON CONSTRAINT usage_daily_dims_key DO UPDATE SET ${addInto('usage_daily', COUNTS, MONEY)}`,
  )
    .map((body, n) => `, daily_${n} AS (${body})`)
    .join('');
}

/**
 * Serialises every writer of usage_events and of the rollups until the transaction ends (loaders, outcome joins,
 * repricing): two loads of overlapping data cannot deadlock on the unique index, what spanHasEvents sees stays true
 * until commit, and rollup rows are written by one transaction at a time (foldCtes relies on it).
 */
export async function lockEvents(tx: RawTx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(724119)');
}

/**
 * A further rollup of usage_events kept exactly like usage_daily: folded from the same inserted rows in the same
 * statement (loader) and recomputed by day (outcomes, repricing). Its table must have a NOT NULL `day` column (UTC date
 * of occurred_at) so that rebuilds can delete by day.
 */
export interface EventRollup {
  /** Table name. */
  table: string;
  /** The usage_events columns its CTEs read (rollupInputColumns): a missing one fails every rollup test. */
  columns: readonly string[];
  /**
   * CTE bodies that add the rows of `from` (shaped like usage_events, every column; or the fine aggregate, see
   * input) into the table (foldCtes), in order; each may name the earlier ones by `${prefix}N` (N from 0).
   */
  ctes(from: string, prefix: string): string[];
  /**
   * 'fine': `from` is the batch's usage_daily aggregate at the finer grain of FINE_KEYS (rollupCtes), for a rollup
   * whose rows are sums of those rows; else (default) the events themselves.
   */
  input?: 'fine';
  /**
   * The columns (in the table's fold order) of the rows the loader may sum itself for a batch copied straight in
   * (lib/ingest/batch-rollups.ts): the loader stages them in a temp table `staging_<table>` and the fold reads them
   * there instead of aggregating the events (rollupCtes with staged = true).
   */
  staged?: string;
}

/**
 * The CTE list (`daily_fine AS (...), agg AS (...), ...`, to follow WITH and a CTE defining `from`) that adds the
 * events of `from` (rows shaped like usage_events, rollupInputColumns at least) into usage_daily and every further
 * rollup, leaving usage_daily's rows for them in `agg`. Call under lockEvents.
 *
 * The events are grouped once at usage_daily's dimensions plus FINE_KEYS, and usage_daily and usage_daily_keys are
 * both summed from that (their measures are sums and counts, so exactly): one pass over the events instead of two,
 * 2.9 against 4.4 s for both rollups of 1M generated events (bench/gen-lines.ts), with the same rows.
 */
export function rollupCtes(from: string, staged = false): string {
  const keys = `${FINE_KEYS.join(', ')}, `;
  const resum = DAILY_MEASURES.map((c) => `sum(${c}) AS ${c}`).join(', ');
  return `daily_fine AS (${dailySelect(from, keys)}),
      agg AS (SELECT ${DIMS}, ${resum} FROM daily_fine GROUP BY ${DIMS})${rollupFoldCtes('agg')}${extraRollupCtes(from, 'daily_fine', staged)}`;
}

/** The temp table a rollup's loader-summed rows are staged in (EventRollup.staged). */
export const stagingTable = (r: EventRollup) => `staging_${r.table}`;

/**
 * `, name AS (...)` CTE text that folds `from` (or, for a rollup with input 'fine', the CTE `fine`) into every
 * registered further rollup; append it after a CTE list that defines both. Postgres runs every data-modifying CTE
 * once whether or not the main query names it.
 */
function extraRollupCtes(from: string, fine: string, staged: boolean): string {
  return EVENT_ROLLUPS.map((r, i) => {
    const prefix = `xr${i}_`;
    const bodies = r.ctes(r.input === 'fine' ? fine : from, prefix);
    // The first body is the rollup's aggregate of `from`; staged, the loader has summed those rows already.
    if (staged && r.staged) bodies[0] = `SELECT ${r.staged} FROM ${stagingTable(r)}`;
    return bodies.map((body, n) => `, ${prefix}${n} AS (${body})`).join('');
  }).join('');
}

/**
 * Disables sort-based grouping for the rest of the transaction (the loader's, from createStaging). A rollup's input is
 * a batch just written to a partition whose statistics do not know it yet, so the planner expects a handful of rows
 * and groups 25k rows by sorting on up to ten text keys; hashing them measured ~2x faster (EXPLAIN ANALYZE of one
 * 25k-row batch: 95 vs 137 ms for the length cells, 46 vs 71 ms for the task days). jit is off too: enable_sort = off
 * adds a 1e10 penalty to the plan's cost, past jit_above_cost, and compiling cost 1.3 s on a server where jit is on.
 */
export async function preferHashAggregation(tx: RawTx): Promise<void> {
  await tx.query('SET LOCAL enable_sort = off');
  await tx.query('SET LOCAL jit = off');
}

/**
 * Runs `run` under preferHashAggregation, then resets both settings (for a rollup statement outside a load). Not in a
 * `finally`: after an error the transaction is aborted, a RESET would fail with "current transaction is aborted" in
 * place of the statement's own error, and SET LOCAL ends with the transaction anyway.
 */
export async function withHashAggregation<T>(tx: RawTx, run: () => Promise<T>): Promise<T> {
  await preferHashAggregation(tx);
  const out = await run();
  await tx.query('RESET enable_sort');
  await tx.query('RESET jit');
  return out;
}

/** Recomputes usage_daily and every further rollup for UTC days in [fromDay, toDay] from the events themselves. */
export async function rebuildRollupDays(tx: RawTx, fromDay: string, toDay: string): Promise<void> {
  await lockEvents(tx);
  await tx.query('DELETE FROM usage_daily WHERE day BETWEEN $1::date AND $2::date', [fromDay, toDay]);
  for (const r of EVENT_ROLLUPS) await tx.query(`DELETE FROM ${r.table} WHERE day BETWEEN $1::date AND $2::date`, [fromDay, toDay]);
  await tx.query(
    `WITH days AS (SELECT ${rollupInputColumns()} FROM usage_events
        WHERE occurred_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'),
      ${rollupCtes('days')}
      SELECT count(*) FROM agg`,
    [fromDay, toDay],
  );
}
