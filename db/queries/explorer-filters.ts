/**
 * The explorer filter panel's value lists: every dimension's values in the period, most used first, in one read of
 * usage_filter_values (rollup-filter-values.ts: events per day, dimension and value). Reading them from usage_daily
 * and usage_daily_keys instead aggregated every rollup row of the period: ~220 ms for all data at 10M events, more
 * than the view itself. model_family is grouped from the model rows through familySqlExpr, as the view groups it.
 * Each list equals listDimensionValues for that dimension (explorer.test.ts, model-families.test.ts).
 */
import { EXPLORER_DIMENSIONS, type ExplorerDimension } from '../../lib/explorer-view';
import type { Connection } from '../client';
import { dimensionColumns } from './explorer';
import { FILTER_VALUES_TABLE } from './rollup-filter-values';
import { Params, toCount, toText } from './sql-params';

export type FilterValues = Record<ExplorerDimension, { value: string | null; events: number }[]>;

/** Every explorer dimension's values in [from, to] (UTC days), at most `limit` each, most events first; null = not set. */
export async function listFilterValues(conn: Connection, q: { from: string; to: string; limit?: number }): Promise<FilterValues> {
  const limit = Math.min(q.limit ?? 100, 1000);
  const family = (await dimensionColumns(conn, ['model_family'])).model_family;
  const p = new Params();
  const rows = await conn.query<{ dim: ExplorerDimension; v: unknown; n: unknown }>(
    `WITH period AS (
        SELECT dimension AS dim, value AS v, sum(events) AS n FROM ${FILTER_VALUES_TABLE}
         WHERE day >= ${p.add(q.from)}::date AND day <= ${p.add(q.to)}::date GROUP BY dimension, value),
      families AS (
        SELECT 'model_family' AS dim, ${family} AS v, sum(n) AS n FROM (SELECT v AS model, n FROM period WHERE dim = 'model') m
         GROUP BY 2),
      ranked AS (
        SELECT dim, v, n, row_number() OVER (PARTITION BY dim ORDER BY n DESC, v NULLS LAST) AS rank
          FROM (SELECT * FROM period UNION ALL SELECT * FROM families) a)
      SELECT dim, v, n FROM ranked WHERE rank <= ${p.add(limit)} ORDER BY dim, rank`,
    p.values,
  );
  const out = Object.fromEntries(EXPLORER_DIMENSIONS.map((d) => [d, []])) as unknown as FilterValues;
  for (const r of rows) out[r.dim]?.push({ value: toText(r.v), events: toCount(r.n) });
  return out;
}
