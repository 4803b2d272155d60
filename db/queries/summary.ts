/**
 * Totals for `itemized summary --json`: usage from the usage_daily rollup, billed money from both
 * usage (vendor-stated per-request costs) and cost lines. Money stays a decimal string end to end.
 */
import Decimal from 'decimal.js';
import type { Connection } from '../client';
import { getCloudAiShare } from './cloud-ai-share';
import { getFamilySummary } from './model-families';
import { getReconciliation } from './reconciliation';
import { listUnpricedModels } from './unpriced';

export interface SummaryRange {
  /** Inclusive UTC day, YYYY-MM-DD. */
  from?: string;
  /** Inclusive UTC day, YYYY-MM-DD. */
  to?: string;
}

export interface SummaryEntry {
  vendor?: string;
  model?: string | null;
  requests: number;
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  /** Sum of known reasoning tokens; null when no event in the group reported reasoning (unknown, not 0). */
  reasoning_tokens: number | null;
  /** null when nothing in the group has a billed amount (unknown, not zero). */
  billed_cost_usd: string | null;
  list_cost_usd: string | null;
  reported_cost_usd: string | null;
  unpriced_events: number;
}

const USAGE_SUMS = `
  coalesce(sum(requests), 0)::bigint AS requests,
  coalesce(sum(input_tokens), 0)::bigint AS input_tokens,
  coalesce(sum(cached_input_tokens), 0)::bigint AS cached_input_tokens,
  coalesce(sum(cache_write_tokens), 0)::bigint AS cache_write_tokens,
  coalesce(sum(output_tokens), 0)::bigint AS output_tokens,
  CASE WHEN sum(reasoning_known_events) > 0 THEN sum(reasoning_tokens)::bigint END AS reasoning_tokens,
  sum(billed_cost_usd)::text AS billed_cost_usd,
  sum(list_cost_usd)::text AS list_cost_usd,
  sum(reported_cost_usd)::text AS reported_cost_usd,
  coalesce(sum(unpriced_events), 0)::bigint AS unpriced_events`;

function rangeWhere(r: SummaryRange, dayExpr: string, params: unknown[]): string {
  const parts: string[] = [];
  if (r.from) {
    params.push(r.from);
    parts.push(`${dayExpr} >= $${params.length}::date`);
  }
  if (r.to) {
    params.push(r.to);
    parts.push(`${dayExpr} <= $${params.length}::date`);
  }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

type Raw = Record<string, unknown>;

function entry(row: Raw, billedExtra: string | null): SummaryEntry {
  return {
    ...(row.vendor !== undefined ? { vendor: String(row.vendor) } : {}),
    ...(row.model !== undefined ? { model: (row.model as string | null) ?? null } : {}),
    requests: Number(row.requests ?? 0),
    input_tokens: Number(row.input_tokens ?? 0),
    cached_input_tokens: Number(row.cached_input_tokens ?? 0),
    cache_write_tokens: Number(row.cache_write_tokens ?? 0),
    output_tokens: Number(row.output_tokens ?? 0),
    reasoning_tokens: row.reasoning_tokens === null || row.reasoning_tokens === undefined ? null : Number(row.reasoning_tokens),
    billed_cost_usd: addDecimalText((row.billed_cost_usd as string | null) ?? null, billedExtra),
    list_cost_usd: normaliseDecimal((row.list_cost_usd as string | null) ?? null),
    reported_cost_usd: normaliseDecimal((row.reported_cost_usd as string | null) ?? null),
    unpriced_events: Number(row.unpriced_events ?? 0),
  };
}

export async function getSummary(conn: Connection, range: SummaryRange) {
  const p1: unknown[] = [];
  const w1 = rangeWhere(range, 'day', p1);
  const p2: unknown[] = [];
  const w2 = rangeWhere(range, "(period_start AT TIME ZONE 'UTC')::date", p2);
  const [totals, byVendor, byModel, costTotal, costByVendor, costByModel] = await Promise.all([
    conn.query(`SELECT ${USAGE_SUMS} FROM usage_daily ${w1}`, p1),
    conn.query(`SELECT vendor, ${USAGE_SUMS} FROM usage_daily ${w1} GROUP BY vendor ORDER BY vendor`, p1),
    conn.query(`SELECT vendor, model, ${USAGE_SUMS} FROM usage_daily ${w1} GROUP BY vendor, model ORDER BY vendor, model NULLS LAST`, p1),
    conn.query(`SELECT sum(billed_cost_usd)::text AS billed FROM cost_lines ${w2}`, p2),
    conn.query(`SELECT vendor, sum(billed_cost_usd)::text AS billed FROM cost_lines ${w2} GROUP BY vendor`, p2),
    conn.query(`SELECT vendor, model, sum(billed_cost_usd)::text AS billed FROM cost_lines ${w2} GROUP BY vendor, model`, p2),
  ]);
  const vendorCost = new Map(costByVendor.map((r) => [String(r.vendor), r.billed as string | null]));
  const modelCost = new Map(costByModel.map((r) => [`${r.vendor}|${r.model ?? ''}`, r.billed as string | null]));
  const vendors = byVendor.map((r) => entry(r, vendorCost.get(String(r.vendor)) ?? null));
  for (const [v, billed] of vendorCost) if (!byVendor.some((r) => r.vendor === v)) vendors.push(entry({ vendor: v }, billed));
  const models = byModel.map((r) => entry(r, modelCost.get(`${r.vendor}|${r.model ?? ''}`) ?? null));
  for (const r of costByModel)
    if (!byModel.some((m) => m.vendor === r.vendor && (m.model ?? null) === (r.model ?? null)))
      models.push(entry({ vendor: r.vendor, model: r.model ?? null }, r.billed as string | null));
  return {
    range: { from: range.from ?? null, to: range.to ?? null },
    totals: entry(totals[0] ?? {}, (costTotal[0]?.billed as string | null) ?? null),
    by_vendor: vendors.sort((a, b) => String(a.vendor).localeCompare(String(b.vendor))),
    by_model: models,
    // The same model bought through different vendors and snapshots, grouped (lib/ingest/model-family.ts).
    by_model_family: await getFamilySummary(conn, range),
    // All time: models with usage and no list price, and the override that would price each (db/queries/unpriced.ts).
    unpriced_models: (await listUnpricedModels(conn)).map((m) => ({
      vendor: m.vendor,
      model: m.model,
      models_raw: m.modelsRaw,
      requests: m.requests,
      events: m.events,
      input_tokens: m.inputTokens,
      output_tokens: m.outputTokens,
      first_seen: m.firstSeen,
      last_seen: m.lastSeen,
      sources: m.sources,
      hint: m.hint,
      fix: m.fix,
    })),
    // Per cloud, month and currency: the whole FOCUS bill beside its AI services (db/queries/cloud-ai-share.ts).
    cloud_ai_share: (await getCloudAiShare(conn, range)).map((r) => ({
      cloud: r.cloud,
      month: r.month,
      currency: r.currency,
      billed_total: r.billedTotal,
      billed_ai: r.billedAi,
      ai_share_pct: r.aiSharePct,
      lines: r.lines,
      ai_lines: r.aiLines,
      ai_services: r.aiServices,
    })),
    // Per vendor and month: billed against usage at list/override prices (lib/analysis/reconcile.ts).
    reconciliation: (await getReconciliation(conn, range)).map((r) => ({
      vendor: r.vendor,
      month: r.month,
      billed_usd: r.billedUsd,
      billed_basis: r.billedBasis,
      usage_list_cost_usd: r.usageListUsd,
      gap_usd: r.gapUsd,
      gap_pct: r.gapPct,
      status: r.status,
      missing: r.missing,
      other_charges_usd: r.otherChargesUsd,
      usage_events: r.usageEvents,
      unpriced_events: r.unpricedEvents,
      notes: r.notes,
    })),
  };
}

/** Trims trailing zeros from numeric text ("1.2000000000" -> "1.2") without float conversion. */
export function normaliseDecimal(s: string | null): string | null {
  if (s === null) return null;
  if (!s.includes('.')) return s;
  const t = s.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

function addDecimalText(a: string | null, b: string | null): string | null {
  if (a === null) return normaliseDecimal(b);
  if (b === null) return normaliseDecimal(a);
  return new Decimal(a).plus(b).toFixed();
}
