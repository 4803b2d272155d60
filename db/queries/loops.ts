/**
 * Pattern audit reads: tasks (trace_id; a request without one is its own task) of per-request events
 * in the period, from the usage_task_days rollup merged in SQL twice: per task, then per (workflow, calls
 * per task), so the result is bounded by the number of distinct call counts. The most expensive multi-call tasks and
 * the calls of one task back the drill-down.
 */
import type { TaskCallsRow } from '../../lib/analysis/loops';
import type { Connection } from '../client';
import type { UsagePeriod } from './overview';
import { rollupWhere } from './reasoning';

export type { TaskCallsRow } from '../../lib/analysis/loops';

/**
 * Traced tasks of the period from usage_task_days (rollup-tasks.ts): a task's rows (one per day, vendor, team) merged
 * per (workflow, trace_id), as the per-event grouping did. success = the outcome of the task's last call that has
 * one: the row whose last outcome is latest (occurred_at, then event id), picked by max() over [epoch seconds
 * (float8, as rollup-tasks.ts: distinct microseconds stay distinct), event id, success as 0/1]: arrays compare element by element, and max()
 * hashes where an ordered array_agg would sort every row (rows without an outcome are filtered out: an array of
 * NULLs would sort last, i.e. win).
 */
const TASKS = (where: string) => `
  SELECT workflow, trace_id, min(team) AS team, sum(calls) AS calls, sum(input_tokens) AS input_tokens,
         sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens, sum(list_cost_usd) AS list_cost,
         (max(ARRAY[date_part('epoch', last_outcome_at), last_outcome_id, last_success::int]) FILTER (WHERE last_outcome_at IS NOT NULL))[3] = 1 AS success,
         min(first_at) AS started_at, max(last_at) AS ended_at
    FROM usage_task_days WHERE ${where} AND trace_id IS NOT NULL
   GROUP BY workflow, trace_id`;

/**
 * Calls-per-task distribution per workflow, with tokens, money and task outcomes per call count. Events without a
 * trace are tasks of one call each: their rows (trace_id NULL) add calls tasks to the one-call count, and their
 * outcome and success counts as task outcomes.
 */
export async function getTaskCallsDistribution(conn: Connection, p: UsagePeriod): Promise<TaskCallsRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, unknown>>(`WITH traced AS (${TASKS(w.text)}) ${DISTRIBUTION('traced', w.text)}`, w.params);
  return rows.map(toCallsRow);
}

/** The distribution's rows from `traced` (TASKS' output) and the period's untraced rows (`where` on usage_task_days). */
const DISTRIBUTION = (traced: string, where: string) => `
  SELECT workflow, calls::int AS calls, sum(tasks)::text AS tasks, sum(input_tokens)::text AS input_tokens,
         sum(output_tokens)::text AS output_tokens, trim_scale(sum(list_cost))::text AS list_cost,
         sum(outcome_tasks)::text AS outcome_tasks, sum(success_tasks)::text AS success_tasks
    FROM (SELECT workflow, calls, 1 AS tasks, input_tokens, output_tokens, list_cost,
                 (success IS NOT NULL)::int AS outcome_tasks, (success IS TRUE)::int AS success_tasks FROM ${traced}
          UNION ALL
          SELECT workflow, 1, calls, input_tokens, output_tokens, list_cost_usd, outcome_calls, success_calls
            FROM usage_task_days WHERE ${where} AND trace_id IS NULL) t
   GROUP BY workflow, calls ORDER BY workflow NULLS LAST, calls`;

function toCallsRow(r: Record<string, unknown>): TaskCallsRow {
  return {
    workflow: (r.workflow as string | null) ?? null,
    calls: Number(r.calls),
    tasks: Number(r.tasks),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    listCostUsd: (r.list_cost as string | null) ?? null,
    outcomeTasks: Number(r.outcome_tasks),
    successTasks: Number(r.success_tasks),
  };
}

export interface ExpensiveTaskRow {
  traceId: string;
  workflow: string | null;
  team: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  listCostUsd: string | null;
  /** Outcome of the task's last call that has one. */
  success: boolean | null;
  startedAt: string;
  endedAt: string;
}

/** The most expensive multi-call tasks (loops and chains) in the period. */
export async function getExpensiveTasks(conn: Connection, p: UsagePeriod, limit = 20): Promise<ExpensiveTaskRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, unknown>>(`WITH traced AS (${TASKS(w.text)}) ${EXPENSIVE('traced', limit)}`, w.params);
  return rows.map(toExpensiveRow);
}

/** The most expensive multi-call tasks of `traced` (TASKS' output; ordered by its numeric list_cost, not the text one). */
const EXPENSIVE = (traced: string, limit: number) => `
  SELECT trace_id, workflow, team, calls::text, input_tokens::text, output_tokens::text, reasoning_tokens::text,
         trim_scale(list_cost)::text AS list_cost, success, started_at, ended_at
    FROM ${traced} WHERE calls > 1 ORDER BY ${traced}.list_cost DESC NULLS LAST, trace_id LIMIT ${Math.max(1, Math.floor(limit))}`;

/**
 * The loops page's two reads in one statement: the period's tasks are merged from usage_task_days once (the costly
 * part: ~100k task rows a month at 10M events) and both the distribution and the most expensive tasks are taken
 * from that, instead of each read merging them again.
 */
export async function getLoopsPage(
  conn: Connection,
  p: UsagePeriod,
  limit = 50,
): Promise<{ distribution: TaskCallsRow[]; expensive: ExpensiveTaskRow[] }> {
  const w = rollupWhere(p);
  const [row] = await conn.query<{ dist: Record<string, unknown>[] | null; top: Record<string, unknown>[] | null }>(
    `WITH traced AS MATERIALIZED (${TASKS(w.text)}),
       dist AS (${DISTRIBUTION('traced', w.text)}), top AS (${EXPENSIVE('traced', limit)})
     SELECT (SELECT json_agg(dist ORDER BY workflow NULLS LAST, calls) FROM dist) AS dist,
            (SELECT json_agg(top ORDER BY list_cost::numeric DESC NULLS LAST, trace_id) FROM top) AS top`,
    w.params,
  );
  return { distribution: (row.dist ?? []).map(toCallsRow), expensive: (row.top ?? []).map(toExpensiveRow) };
}

function toExpensiveRow(r: Record<string, unknown>): ExpensiveTaskRow {
  return {
    traceId: String(r.trace_id),
    workflow: (r.workflow as string | null) ?? null,
    team: (r.team as string | null) ?? null,
    calls: Number(r.calls),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    reasoningTokens: Number(r.reasoning_tokens),
    listCostUsd: (r.list_cost as string | null) ?? null,
    success: (r.success as boolean | null) ?? null,
    startedAt: new Date(r.started_at as string).toISOString(),
    endedAt: new Date(r.ended_at as string).toISOString(),
  };
}

export interface TaskCallRow {
  id: number;
  occurredAt: string;
  vendor: string;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  listCostUsd: string | null;
  success: boolean | null;
  toolCalls: number | null;
  latencyMs: number | null;
}

/** The calls of one task, in order (drill-down; bounded by `limit`). */
export async function getTaskCalls(conn: Connection, traceId: string, limit = 500): Promise<TaskCallRow[]> {
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT id::text, occurred_at, vendor, model, input_tokens::text, output_tokens::text, reasoning_tokens::text,
            trim_scale(list_cost_usd)::text AS list_cost, success, tool_calls, latency_ms
       FROM usage_events WHERE trace_id = $1 AND period_seconds = 0 ORDER BY occurred_at, id LIMIT ${Math.max(1, Math.floor(limit))}`,
    [traceId],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: new Date(r.occurred_at as string).toISOString(),
    vendor: String(r.vendor),
    model: (r.model as string | null) ?? null,
    inputTokens: num(r.input_tokens),
    outputTokens: num(r.output_tokens),
    reasoningTokens: num(r.reasoning_tokens),
    listCostUsd: (r.list_cost as string | null) ?? null,
    success: (r.success as boolean | null) ?? null,
    toolCalls: num(r.tool_calls),
    latencyMs: num(r.latency_ms),
  }));
}
