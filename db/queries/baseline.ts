/**
 * Baseline cost lines for a period: usage attributed to workflows and flat-rate plans by the
 * dependency map, at the grain (day or month, workflow, team, vendor, model, source, subscription), with tokens
 * per class, list and billed cost, and the list cost split by token class at the model's list price.
 *
 * Reads the usage_daily rollup; only rows that a rule on api_key/user (or a subscription naming users)
 * could concern are read from usage_daily_keys instead, which keeps both fields (attribution-sql.ts explains
 * why deciding those rows there is exact: every rule field is a column of it).
 * Grouping happens in SQL; TypeScript names the workflows, fills the owner team, prices the split
 * per day and, for the month grain, sums days into months.
 */
import { type BaselineLine, priceDayLines, toMonthLines, type UnpricedLine } from '../../lib/analysis/baseline';
import { makePriceBook, type PriceBook } from '../../lib/analysis/cost-split';
import type { ItemizedConfig } from '../../lib/config/types';
import type { Connection } from '../client';
import { attributionNeedsEvents, deferredToEvents, SqlParams, subscriptionCase, workflowCase } from './attribution-sql';
import { listPriceOverrides } from './ingest';

export type { BaselineLine } from '../../lib/analysis/baseline';

export interface BaselinePeriod {
  /** First and last UTC day, inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** Default 'day'. */
  grain?: 'day' | 'month';
}

/** List prices with the stored negotiated overrides winning (for splits and scenario repricing). */
export async function loadPriceBook(conn: Connection): Promise<PriceBook> {
  return makePriceBook(await listPriceOverrides(conn));
}

/** Sums over rollup rows, usage_daily or usage_daily_keys (the loader folds events into exactly these columns). */
const ROLLUP_SUMS = `sum(events) AS events, sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
  sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens, sum(reasoning_tokens) AS reasoning_tokens,
  sum(reasoning_known_output_tokens) AS reasoning_known_output_tokens, sum(billed_cost_usd) AS billed, sum(list_cost_usd) AS list,
  sum(unpriced_events) AS unpriced_events, sum(unpriced_tokens) AS unpriced_tokens`;

/** Attributed day rows, unpriced (no split yet); one SQL statement. */
export async function getAttributedDayRows(conn: Connection, config: ItemizedConfig, p: BaselinePeriod): Promise<UnpricedLine[]> {
  const q = new SqlParams();
  const from = q.add(p.from);
  const to = q.add(p.to);
  const rollup = { kind: 'rollup' as const };
  const parts = [
    `SELECT day, vendor, model, source, team, wf, sub, ${ROLLUP_SUMS}
       FROM (SELECT *, ${workflowCase(config, rollup, q)} AS wf, ${subscriptionCase(config, rollup, q)} AS sub
               FROM usage_daily WHERE day BETWEEN ${from}::date AND ${to}::date) r
      WHERE coalesce(wf, 0) <> -1 AND coalesce(sub, 0) <> -1
      GROUP BY day, vendor, model, source, team, wf, sub`,
  ];
  if (attributionNeedsEvents(config)) {
    // usage_daily_keys has the rollup's day column and the event-only fields (user_id, api_key): the full rules apply.
    const keys = { kind: 'rollup' as const, alias: 'e' };
    parts.push(
      `SELECT day, vendor, model, source, team, wf, sub, ${ROLLUP_SUMS}
         FROM (SELECT e.*, ${workflowCase(config, keys, q, 'events')} AS wf, ${subscriptionCase(config, keys, q, 'events')} AS sub
                 FROM usage_daily_keys e
                WHERE e.day BETWEEN ${from}::date AND ${to}::date AND ${deferredToEvents(config, keys, q)}) e
        GROUP BY day, vendor, model, source, team, wf, sub`,
    );
  }
  // One row holding a JSON array: PGlite hands rows back one by one at ~30 us each, so ~1,300 day
  // lines cost ~100 ms as rows and ~15 ms as one JSON text (Postgres is fast either way). Amounts and
  // counts travel as text, so no number passes through a float.
  const [{ j }] = await conn.query<{ j: string }>(
    `SELECT coalesce(json_agg(json_build_array(day::text, vendor, model, source, team, wf, sub, events::text, input_tokens::text,
              cached_input_tokens::text, cache_write_tokens::text, output_tokens::text, reasoning_tokens::text,
              reasoning_known_output_tokens::text, trim_scale(billed)::text, trim_scale(list)::text, unpriced_events::text,
              unpriced_tokens::text)), '[]')::text AS j
       FROM (${parts.join(' UNION ALL ')}) u`,
    q.values,
  );
  type Row = [string, string, string | null, string, string | null, number | null, number | null, ...(string | null)[]];
  return (JSON.parse(j) as Row[]).map((r) => {
    const [day, vendor, model, source, team, wfPos, sub, events, input, cached, write, output, reasoning, known, billed, list, ue, ut] = r;
    const wf = wfPos === null ? null : config.workflows[wfPos];
    return {
      period: day,
      workflow: wf?.name ?? null,
      team: team ?? wf?.team ?? null,
      vendor,
      model,
      source,
      subscription: sub,
      events: Number(events),
      inputTokens: Number(input),
      cachedInputTokens: Number(cached),
      cacheWriteTokens: Number(write),
      outputTokens: Number(output),
      reasoningTokens: Number(reasoning),
      reasoningUnknownOutputTokens: Number(output) - Number(known),
      listCostUsd: list,
      billedCostUsd: billed,
      unpricedEvents: Number(ue),
      unpricedTokens: Number(ut),
    };
  });
}

/**
 * Baseline lines for [from, to] (UTC days, inclusive), sorted by (period, workflow, team, vendor,
 * model, source, subscription). `prices` defaults to the catalog with stored overrides (loadPriceBook).
 */
export async function getBaselineLines(
  conn: Connection,
  config: ItemizedConfig,
  p: BaselinePeriod,
  prices?: PriceBook,
): Promise<BaselineLine[]> {
  const [rows, book] = await Promise.all([getAttributedDayRows(conn, config, p), prices ?? loadPriceBook(conn)]);
  const days = priceDayLines(rows, book);
  return p.grain === 'month' ? toMonthLines(days) : days;
}
