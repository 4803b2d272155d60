/**
 * Test helper: the event pages' aggregates computed straight from usage_events, as the pages computed them before
 * the rollups (issue 8). event-rollups.test.ts checks that the rollup-backed queries give exactly these rows.
 * Text results as the pages' queries return them (exact decimals), so rows compare with toEqual.
 */
import type { Connection } from '../client';
import type { UsagePeriod } from './overview';
import { eventWhere } from './reasoning';

const HIDDEN = 'e.reasoning_tokens * e.output_price_per_mtok_usd / 1000000';
const LOG2 = (col: string) => `(CASE WHEN ${col} < 1 THEN 0 ELSE floor(log(2, ${col}::numeric))::int + 1 END)`;
const by = (k: string) => (k === 'day' ? `((e.occurred_at AT TIME ZONE 'UTC')::date)::text` : `e.${k}`);

type Row = Record<string, unknown>;

export function refAccuracyCells(conn: Connection, p: UsagePeriod): Promise<Row[]> {
  const w = eventWhere(p);
  return conn.query(
    `WITH ev AS (
       SELECT e.model, e.workflow, e.success, e.output_price_per_mtok_usd AS price,
              CASE WHEN e.reasoning_tokens IS NULL THEN 'output' ELSE 'reasoning' END AS measure,
              coalesce(e.reasoning_tokens, e.output_tokens) AS tokens
         FROM usage_events e WHERE ${w.text} AND (e.reasoning_tokens IS NOT NULL OR e.output_tokens IS NOT NULL))
     SELECT model, workflow, measure, floor(4 * ln(tokens + 1) / ln(2))::int AS bucket,
            min(tokens)::text AS min_tokens, max(tokens)::text AS max_tokens, count(*)::text AS requests,
            count(*) FILTER (WHERE success IS NOT NULL)::text AS outcomes, count(*) FILTER (WHERE success)::text AS successes,
            coalesce(trim_scale(sum(tokens * price)), 0)::text AS token_price_sum, coalesce(trim_scale(sum(price)), 0)::text AS price_sum
       FROM ev GROUP BY model, workflow, measure, bucket ORDER BY workflow NULLS LAST, model NULLS LAST, measure, bucket`,
    w.params,
  );
}

export function refHistogram(conn: Connection, p: UsagePeriod): Promise<Row[]> {
  const w = eventWhere(p);
  return conn.query(
    `SELECT ${LOG2('e.reasoning_tokens')} AS bin, count(*)::text AS requests, sum(e.reasoning_tokens)::text AS reasoning,
            trim_scale(sum(${HIDDEN}))::text AS hidden
       FROM usage_events e WHERE ${w.text} AND e.reasoning_tokens IS NOT NULL GROUP BY 1 ORDER BY 1`,
    w.params,
  );
}

export function refBucketOutputCost(conn: Connection, p: UsagePeriod, k: 'model' | 'team' | 'workflow' | 'day'): Promise<Row[]> {
  const w = eventWhere(p, false);
  return conn.query(
    `SELECT ${by(k)} AS key, e.model, coalesce(sum(e.output_tokens), 0)::text AS output_tokens,
            trim_scale(sum(e.output_tokens * e.output_price_per_mtok_usd / 1000000))::text AS output_cost
       FROM usage_events e WHERE ${w.text} AND e.reasoning_tokens IS NULL
      GROUP BY 1, e.model ORDER BY 1 NULLS LAST, e.model NULLS LAST`,
    w.params,
  );
}

export function refTopHiddenTasks(conn: Connection, p: UsagePeriod, limit = 20): Promise<Row[]> {
  const w = eventWhere(p);
  return conn.query(
    `SELECT e.trace_id, min(e.workflow) AS workflow, min(e.team) AS team, count(*)::text AS calls,
            coalesce(sum(e.reasoning_tokens), 0)::text AS reasoning, coalesce(sum(e.output_tokens), 0)::text AS output,
            trim_scale(sum(${HIDDEN}))::text AS hidden, trim_scale(sum(e.list_cost_usd))::text AS list_cost
       FROM usage_events e WHERE ${w.text} AND e.trace_id IS NOT NULL
      GROUP BY e.trace_id HAVING sum(${HIDDEN}) > 0 ORDER BY sum(${HIDDEN}) DESC, e.trace_id LIMIT ${limit}`,
    w.params,
  );
}

/** Every request with hidden spend, in the page's order (the top-N is a prefix of it). */
export function refHiddenRequests(conn: Connection, p: UsagePeriod): Promise<Row[]> {
  const w = eventWhere(p);
  return conn.query(
    `SELECT e.id::text AS id FROM usage_events e WHERE ${w.text} AND e.reasoning_tokens > 0 AND e.output_price_per_mtok_usd IS NOT NULL
      ORDER BY ${HIDDEN} DESC, e.id`,
    w.params,
  );
}

const TASKS = (where: string) => `
  SELECT e.workflow, coalesce(e.trace_id, 'event:' || e.id::text) AS task, min(e.trace_id) AS trace_id, min(e.team) AS team,
         count(*) AS calls, coalesce(sum(e.input_tokens), 0) AS input_tokens, coalesce(sum(e.output_tokens), 0) AS output_tokens,
         coalesce(sum(e.reasoning_tokens), 0) AS reasoning_tokens, sum(e.list_cost_usd) AS list_cost,
         (array_agg(e.success ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE e.success IS NOT NULL))[1] AS success,
         min(e.occurred_at) AS started_at, max(e.occurred_at) AS ended_at
    FROM usage_events e WHERE ${where} GROUP BY e.workflow, 2`;

export function refTaskCallsDistribution(conn: Connection, p: UsagePeriod): Promise<Row[]> {
  const w = eventWhere(p);
  return conn.query(
    `WITH t AS (${TASKS(w.text)})
     SELECT workflow, calls::int AS calls, count(*)::text AS tasks, sum(input_tokens)::text AS input_tokens,
            sum(output_tokens)::text AS output_tokens, trim_scale(sum(list_cost))::text AS list_cost,
            count(*) FILTER (WHERE success IS NOT NULL)::text AS outcome_tasks, count(*) FILTER (WHERE success)::text AS success_tasks
       FROM t GROUP BY workflow, calls ORDER BY workflow NULLS LAST, calls`,
    w.params,
  );
}

export function refExpensiveTasks(conn: Connection, p: UsagePeriod, limit = 20): Promise<Row[]> {
  const w = eventWhere(p);
  return conn.query(
    `WITH t AS (${TASKS(`${w.text} AND e.trace_id IS NOT NULL`)})
     SELECT trace_id, workflow, team, calls::text, input_tokens::text, output_tokens::text, reasoning_tokens::text,
            trim_scale(list_cost)::text AS list_cost, success, started_at, ended_at
       FROM t WHERE calls > 1 ORDER BY t.list_cost DESC NULLS LAST, trace_id LIMIT ${limit}`,
    w.params,
  );
}
