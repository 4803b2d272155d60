/**
 * Price overrides (negotiated prices, discounts from a date) and repricing: an override added later
 * applies to the events it covers, and the rollup days they fall on are rebuilt in the same transaction.
 */
import type { Connection, RawTx } from '../client';

export interface NewOverride {
  vendor: string | null;
  model: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  inputPerMtokUsd: string;
  cachedInputPerMtokUsd: string | null;
  cacheWritePerMtokUsd: string | null;
  outputPerMtokUsd: string;
  note: string | null;
}

export async function insertPriceOverride(tx: RawTx, o: NewOverride): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO price_overrides (vendor, model, effective_from, effective_to, input_per_mtok_usd, cached_input_per_mtok_usd,
       cache_write_per_mtok_usd, output_per_mtok_usd, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      o.vendor,
      o.model,
      o.effectiveFrom.toISOString(),
      o.effectiveTo?.toISOString() ?? null,
      o.inputPerMtokUsd,
      o.cachedInputPerMtokUsd,
      o.cacheWritePerMtokUsd,
      o.outputPerMtokUsd,
      o.note,
    ],
  );
  return Number(row.id);
}

export async function listPriceOverrideRows(conn: Connection) {
  return conn.query<Record<string, unknown>>(
    `SELECT id, vendor, model, effective_from, effective_to, input_per_mtok_usd::text, cached_input_per_mtok_usd::text,
       cache_write_per_mtok_usd::text, output_per_mtok_usd::text, note FROM price_overrides ORDER BY model, effective_from`,
  );
}

export interface RepriceRow {
  id: number;
  occurredAt: Date;
  vendor: string;
  model: string | null;
  modelRaw: string | null;
  periodSeconds: number;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
}

/** One page (keyset on id) of events an override may cover. */
export async function listEventsToReprice(tx: RawTx, o: NewOverride, afterId: number, limit: number): Promise<RepriceRow[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT id, occurred_at, vendor, model, model_raw, period_seconds, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens
     FROM usage_events
     WHERE (model = $1 OR model_raw = $1) AND ($2::text IS NULL OR vendor = $2) AND occurred_at >= $3
       AND ($4::timestamptz IS NULL OR occurred_at < $4) AND id > $5
     ORDER BY id LIMIT $6`,
    [o.model, o.vendor, o.effectiveFrom.toISOString(), o.effectiveTo?.toISOString() ?? null, afterId, limit],
  );
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: new Date(r.occurred_at as string),
    vendor: String(r.vendor),
    model: (r.model as string | null) ?? null,
    modelRaw: (r.model_raw as string | null) ?? null,
    periodSeconds: Number(r.period_seconds),
    inputTokens: n(r.input_tokens),
    cachedInputTokens: n(r.cached_input_tokens),
    cacheWriteTokens: n(r.cache_write_tokens),
    outputTokens: n(r.output_tokens),
  }));
}

export interface Repriced {
  id: number;
  costUsd: string | null;
  priceSource: string | null;
  outputPerMtokUsd: string | null;
}

/** Rows travel as one JSON parameter (amounts as strings), the same on both drivers. */
export async function updateListCosts(tx: RawTx, rows: Repriced[]): Promise<void> {
  await tx.query(
    `UPDATE usage_events u SET list_cost_usd = (v->>1)::numeric, price_source = v->>2, output_price_per_mtok_usd = (v->>3)::numeric
     FROM jsonb_array_elements($1::jsonb) AS v WHERE u.id = (v->>0)::bigint`,
    [JSON.stringify(rows.map((r) => [r.id, r.costUsd, r.priceSource, r.outputPerMtokUsd]))],
  );
}
