/**
 * Pattern audit reads: tasks (trace_id; a request without one is its own task) of per-request events
 * in the period, aggregated in SQL twice: per task, then per (workflow, calls per task), so the
 * result is bounded by the number of distinct call counts. The most expensive multi-call tasks and
 * the calls of one task back the drill-down.
 */
import type { TaskCallsRow } from '../../lib/analysis/loops';
import type { Connection } from '../client';
import type { UsagePeriod } from './overview';
import { eventWhere } from './reasoning';

export type { TaskCallsRow } from '../../lib/analysis/loops';

const TASKS = (where: string) => `
  SELECT e.workflow, coalesce(e.trace_id, 'event:' || e.id::text) AS task, min(e.trace_id) AS trace_id, min(e.team) AS team,
         count(*) AS calls, coalesce(sum(e.input_tokens), 0) AS input_tokens, coalesce(sum(e.output_tokens), 0) AS output_tokens,
         coalesce(sum(e.reasoning_tokens), 0) AS reasoning_tokens, sum(e.list_cost_usd) AS list_cost,
         (array_agg(e.success ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE e.success IS NOT NULL))[1] AS success,
         min(e.occurred_at) AS started_at, max(e.occurred_at) AS ended_at
    FROM usage_events e WHERE ${where}
   GROUP BY e.workflow, 2`;

/** Calls-per-task distribution per workflow, with tokens, money and task outcomes per call count. */
export async function getTaskCallsDistribution(conn: Connection, p: UsagePeriod): Promise<TaskCallsRow[]> {
  const w = eventWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `WITH t AS (${TASKS(w.text)})
     SELECT workflow, calls::int AS calls, count(*)::text AS tasks, sum(input_tokens)::text AS input_tokens,
            sum(output_tokens)::text AS output_tokens, trim_scale(sum(list_cost))::text AS list_cost,
            count(*) FILTER (WHERE success IS NOT NULL)::text AS outcome_tasks, count(*) FILTER (WHERE success)::text AS success_tasks
       FROM t GROUP BY workflow, calls ORDER BY workflow NULLS LAST, calls`,
    w.params,
  );
  return rows.map((r) => ({
    workflow: (r.workflow as string | null) ?? null,
    calls: Number(r.calls),
    tasks: Number(r.tasks),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    listCostUsd: (r.list_cost as string | null) ?? null,
    outcomeTasks: Number(r.outcome_tasks),
    successTasks: Number(r.success_tasks),
  }));
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
  const w = eventWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `WITH t AS (${TASKS(`${w.text} AND e.trace_id IS NOT NULL`)})
     SELECT trace_id, workflow, team, calls::text, input_tokens::text, output_tokens::text, reasoning_tokens::text,
            trim_scale(list_cost)::text AS list_cost, success, started_at, ended_at
       FROM t WHERE calls > 1 ORDER BY list_cost DESC NULLS LAST, trace_id LIMIT ${Math.max(1, Math.floor(limit))}`,
    w.params,
  );
  return rows.map((r) => ({
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
  }));
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
