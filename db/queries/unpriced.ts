/**
 * Models with usage but no list price (list_cost_usd NULL: the catalog does not know the model and no override covers
 * it), over all time, for the Imports page and `summary --json`. The rollup says whether there is any and on which
 * days; the exact figures (requests, first/last seen) come from usage_events within those days only.
 */
import { modelFamily } from '../../lib/ingest/model-family';
import type { Connection } from '../client';
import { toCount, toText } from './sql-params';

export interface UnpricedModel {
  vendor: string;
  /** Stored (normalised) model id; null = the source named no model (nothing to price by). */
  model: string | null;
  /** Raw model strings as the sources gave them (up to 5). */
  modelsRaw: string[];
  /** Sum of known request counts, and the events (records) behind them. */
  requests: number;
  events: number;
  inputTokens: number;
  outputTokens: number;
  /** UTC instants, ISO 8601. */
  firstSeen: string;
  lastSeen: string;
  sources: string[];
  /** Set when the catalog knows the model under its maker (so the gap is this vendor's price, or an alias). */
  hint: string | null;
  /** The `itemized prices set` line that would price it (prices left to fill in); null without a model. */
  fix: string | null;
}

export async function listUnpricedModels(conn: Connection): Promise<UnpricedModel[]> {
  const [span] = await conn.query<{ first: unknown; last: unknown }>(
    'SELECT min(day)::text AS first, max(day)::text AS last FROM usage_daily WHERE unpriced_events > 0',
  );
  if (!span?.first) return [];
  const rows = await conn.query(
    `SELECT vendor, model, (array_agg(DISTINCT model_raw) FILTER (WHERE model_raw IS NOT NULL))[1:5] AS models_raw,
       coalesce(sum(request_count), 0) AS requests, count(*) AS events,
       coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens,
       to_char(min(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first_seen,
       to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_seen,
       array_agg(DISTINCT source ORDER BY source) AS sources
     FROM usage_events
     WHERE list_cost_usd IS NULL
       AND occurred_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
     GROUP BY vendor, model
     ORDER BY coalesce(sum(input_tokens), 0) + coalesce(sum(output_tokens), 0) DESC, vendor, model NULLS LAST`,
    [span.first, span.last],
  );
  return rows.map((r) => {
    const model = toText(r.model);
    const firstSeen = String(r.first_seen);
    return {
      vendor: String(r.vendor),
      model,
      modelsRaw: textArray(r.models_raw),
      requests: toCount(r.requests),
      events: toCount(r.events),
      inputTokens: toCount(r.input_tokens),
      outputTokens: toCount(r.output_tokens),
      firstSeen,
      lastSeen: String(r.last_seen),
      sources: textArray(r.sources),
      hint: unpricedHint(model),
      fix: model ? priceCommand(model, String(r.vendor), firstSeen.slice(0, 10)) : null,
    };
  });
}

/** The override that prices this model from its first day (USD per million tokens left as placeholders). */
export function priceCommand(model: string, vendor: string, fromDay: string): string {
  // The override matches the stored id; a catalog family name, when the id is an alias of a known model, is a hint only.
  const q = (s: string) => (/^[\w.:@/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `npx itemized prices set --model ${q(model)} --vendor ${q(vendor)} --from ${fromDay} --input USD --output USD`;
}

/**
 * What to do about the unpriced usage: with no model named (a usage export made without grouping by model, or a log
 * line without one) no price can apply, so say how to get one; else the catalog family when the model is known under
 * another id there (rare for unpriced models: a priced alias).
 */
export function unpricedHint(model: string | null): string | null {
  if (model === null)
    return 'no model is named, so no price can apply: export the usage again grouped by model (OpenAI Usage API group_by=model, Anthropic group_by[]=model) or log the model with each request';
  const f = modelFamily(model);
  return f?.catalog ? `the catalog knows "${f.family}" (${f.name}) from ${f.catalog}; check the vendor` : null;
}

function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(String);
  return [];
}
