/**
 * Hidden reasoning reads for the reasoning page and the audit. Period views read rollups kept by the loader:
 * share, spend and the bucket-output cost estimates need from usage_daily, the log2 histogram from
 * usage_length_cells, the top tasks from usage_task_days. The top single requests read an index of usage_events.
 * Hidden spend of an event = reasoning_tokens x output_price_per_mtok_usd / 1e6 (exact numeric text).
 */
import type { Connection } from '../client';
import type { UsagePeriod } from './overview';

export type ReasoningDimension = 'model' | 'team' | 'workflow' | 'day';

/**
 * WHERE clause over usage_events (alias e) for a period of UTC days, inclusive, and the optional
 * filters. perRequest: true = single requests (period_seconds = 0), false = aggregated buckets.
 */
export function eventWhere(p: UsagePeriod, perRequest = true, alias = 'e'): { text: string; params: unknown[] } {
  const params: unknown[] = [p.from, p.to];
  const c = [
    `${alias}.occurred_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'`,
    `${alias}.occurred_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`,
    perRequest ? `${alias}.period_seconds = 0` : `${alias}.period_seconds > 0`,
  ];
  for (const k of ['vendor', 'team', 'workflow'] as const) {
    const v = p[k];
    if (v) {
      params.push(v);
      c.push(`${alias}.${k} = $${params.length}`);
    }
  }
  return { text: c.join(' AND '), params };
}

/** WHERE clause over a rollup keyed by UTC `day` with vendor, team and workflow columns (usage_daily and the event rollups). */
export function rollupWhere(p: UsagePeriod): { text: string; params: unknown[] } {
  const params: unknown[] = [p.from, p.to];
  const c = ['day >= $1::date', 'day <= $2::date'];
  for (const k of ['vendor', 'team', 'workflow'] as const) {
    const v = p[k];
    if (v) {
      params.push(v);
      c.push(`${k} = $${params.length}`);
    }
  }
  return { text: c.join(' AND '), params };
}

const dimDaily = (by: ReasoningDimension) => (by === 'day' ? 'day::text' : by);

export interface HiddenReasoningRow {
  /** Value of the dimension (model id, team, workflow or YYYY-MM-DD); null = not set. */
  key: string | null;
  model: string | null;
  /** Aggregated billing bucket rows (reasoning unknown, estimated) vs per-request rows. */
  isBucket: boolean;
  outputTokens: number;
  reasoningTokens: number;
  reasoningKnownOutputTokens: number;
  listCostUsd: string | null;
  /** Measured hidden reasoning spend (reasoning x output price), exact decimal; null = none priced. */
  reasoningListCostUsd: string | null;
}

/** Share and spend inputs per (dimension, model, bucket-ness) from usage_daily. */
export async function getHiddenReasoningBy(conn: Connection, p: UsagePeriod, by: ReasoningDimension): Promise<HiddenReasoningRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT ${dimDaily(by)} AS key, model, is_bucket,
            coalesce(sum(output_tokens), 0)::text AS output_tokens, coalesce(sum(reasoning_tokens), 0)::text AS reasoning_tokens,
            coalesce(sum(reasoning_known_output_tokens), 0)::text AS known,
            trim_scale(sum(list_cost_usd))::text AS list_cost, trim_scale(sum(reasoning_list_cost_usd))::text AS reasoning_cost
       FROM usage_daily WHERE ${w.text}
      GROUP BY 1, model, is_bucket ORDER BY 1 NULLS LAST, model NULLS LAST, is_bucket`,
    w.params,
  );
  return rows.map((r) => ({
    key: (r.key as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    isBucket: Boolean(r.is_bucket),
    outputTokens: Number(r.output_tokens),
    reasoningTokens: Number(r.reasoning_tokens),
    reasoningKnownOutputTokens: Number(r.known),
    listCostUsd: (r.list_cost as string | null) ?? null,
    reasoningListCostUsd: (r.reasoning_cost as string | null) ?? null,
  }));
}

export interface BucketOutputCostRow {
  key: string | null;
  model: string | null;
  /** Output tokens of bucket events whose reasoning is unknown. */
  outputTokens: number;
  /** Those tokens at the output price they were priced at (USD, exact); null = unpriced. */
  outputCostUsd: string | null;
}

/**
 * What the bucket-only output would cost at its output price: the base of estimated hidden spend. From usage_daily's
 * bucket rows (each event priced at its own output price when folded); only groups with an event whose reasoning is
 * unknown (events > reasoning_known_events), as a sum over such events alone would give.
 */
export async function getBucketOutputCostBy(conn: Connection, p: UsagePeriod, by: ReasoningDimension): Promise<BucketOutputCostRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT ${dimDaily(by)} AS key, model, coalesce(sum(unknown_reasoning_output_tokens), 0)::text AS output_tokens,
            trim_scale(sum(unknown_reasoning_output_cost_usd))::text AS output_cost
       FROM usage_daily WHERE ${w.text} AND is_bucket AND events > reasoning_known_events
      GROUP BY 1, model ORDER BY 1 NULLS LAST, model NULLS LAST`,
    w.params,
  );
  return rows.map((r) => ({
    key: (r.key as string | null) ?? null,
    model: (r.model as string | null) ?? null,
    outputTokens: Number(r.output_tokens),
    outputCostUsd: (r.output_cost as string | null) ?? null,
  }));
}

export interface ReasoningHistogramRow {
  /** log2 bin (lib/analysis/stats.ts log2Bin): 0 holds 0 tokens, b >= 1 holds [2^(b-1), 2^b). */
  bin: number;
  requests: number;
  reasoningTokens: number;
  hiddenSpendUsd: string | null;
}

const HIDDEN = 'e.reasoning_tokens * e.output_price_per_mtok_usd / 1000000';

/**
 * Requests per log2 bin of reasoning tokens (requests that report reasoning), with their hidden spend: the
 * 'reasoning' cells of usage_length_cells (rollup-cells.ts), whose token_cost_usd is that spend.
 */
export async function getReasoningHistogram(conn: Connection, p: UsagePeriod): Promise<ReasoningHistogramRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT bin, sum(requests)::text AS requests, sum(tokens)::text AS reasoning, trim_scale(sum(token_cost_usd))::text AS hidden
       FROM usage_length_cells WHERE ${w.text} AND measure = 'reasoning' GROUP BY bin ORDER BY bin`,
    w.params,
  );
  return rows.map((r) => ({
    bin: Number(r.bin),
    requests: Number(r.requests),
    reasoningTokens: Number(r.reasoning),
    hiddenSpendUsd: (r.hidden as string | null) ?? null,
  }));
}

export interface TopHiddenRequestRow {
  id: number;
  occurredAt: string;
  model: string | null;
  team: string | null;
  workflow: string | null;
  traceId: string | null;
  reasoningTokens: number;
  outputTokens: number;
  hiddenSpendUsd: string;
  listCostUsd: string | null;
  success: boolean | null;
}

/**
 * The requests with the most hidden reasoning spend in the period. Reads usage_events_hidden_spend_idx backwards (a
 * partial index on exactly this ORDER BY and these conditions) and stops after the limit, checking the period and
 * filters on the way: no scan of the period's events. Keep the ORDER BY and the three conditions as the index has them.
 */
export async function getTopHiddenRequests(conn: Connection, p: UsagePeriod, limit = 20): Promise<TopHiddenRequestRow[]> {
  const w = eventWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT e.id::text AS id, e.occurred_at, e.model, e.team, e.workflow, e.trace_id, e.reasoning_tokens::text AS reasoning,
            e.output_tokens::text AS output, trim_scale(${HIDDEN})::text AS hidden, trim_scale(e.list_cost_usd)::text AS list_cost, e.success
       FROM usage_events e WHERE ${w.text} AND e.reasoning_tokens > 0 AND e.output_price_per_mtok_usd IS NOT NULL
      ORDER BY ${HIDDEN} DESC, e.id LIMIT ${Math.max(1, Math.floor(limit))}`,
    w.params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: new Date(r.occurred_at as string).toISOString(),
    model: (r.model as string | null) ?? null,
    team: (r.team as string | null) ?? null,
    workflow: (r.workflow as string | null) ?? null,
    traceId: (r.trace_id as string | null) ?? null,
    reasoningTokens: Number(r.reasoning),
    outputTokens: Number(r.output ?? 0),
    hiddenSpendUsd: String(r.hidden),
    listCostUsd: (r.list_cost as string | null) ?? null,
    success: (r.success as boolean | null) ?? null,
  }));
}

export interface TopHiddenTaskRow {
  traceId: string;
  workflow: string | null;
  team: string | null;
  calls: number;
  reasoningTokens: number;
  outputTokens: number;
  hiddenSpendUsd: string;
  listCostUsd: string | null;
}

/** The tasks (trace_id) with the most hidden reasoning spend in the period, merged over usage_task_days (rollup-tasks.ts). */
export async function getTopHiddenTasks(conn: Connection, p: UsagePeriod, limit = 20): Promise<TopHiddenTaskRow[]> {
  const w = rollupWhere(p);
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT trace_id, min(workflow) AS workflow, min(team) AS team, sum(calls)::text AS calls,
            sum(reasoning_tokens)::text AS reasoning, sum(output_tokens)::text AS output,
            trim_scale(sum(hidden_usd))::text AS hidden, trim_scale(sum(list_cost_usd))::text AS list_cost
       FROM usage_task_days WHERE ${w.text} AND trace_id IS NOT NULL
      GROUP BY trace_id HAVING sum(hidden_usd) > 0
      ORDER BY sum(hidden_usd) DESC, trace_id LIMIT ${Math.max(1, Math.floor(limit))}`,
    w.params,
  );
  return rows.map((r) => ({
    traceId: String(r.trace_id),
    workflow: (r.workflow as string | null) ?? null,
    team: (r.team as string | null) ?? null,
    calls: Number(r.calls),
    reasoningTokens: Number(r.reasoning),
    outputTokens: Number(r.output),
    hiddenSpendUsd: String(r.hidden),
    listCostUsd: (r.list_cost as string | null) ?? null,
  }));
}
