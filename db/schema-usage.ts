/**
 * Usage, cost and ingest tables: the events and cost lines the loader writes, the daily rollup the pages
 * read, outcomes, price overrides and ingest runs. Money is numeric(20,10) in USD, carried as decimal
 * strings; token counts are bigint. NULL means "unknown" (reasoning_tokens NULL = the source did not say).
 * usage_events is range-partitioned by month in migration 0012 (drizzle-kit does not model partitions).
 */

import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

const usd = (name: string) => numeric(name, { precision: 20, scale: 10 });
/** Vendor-stated amounts keep every digit the source gave (FOCUS exports carry 11+ decimals). */
const usdExact = (name: string) => numeric(name);
const tok = (name: string) => bigint(name, { mode: 'number' });

export const ingestRuns = pgTable(
  'ingest_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fileName: text('file_name').notNull(),
    /** sha256 of the file's bytes as received (before gunzip). */
    sha256: text('sha256'),
    bytes: bigint('bytes', { mode: 'number' }),
    source: text('source'),
    framing: text('framing'),
    /** running | succeeded | failed | partial (--skip-invalid loaded some, rejected some) */
    status: text('status').notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsInserted: integer('rows_inserted').notNull().default(0),
    rowsDuplicate: integer('rows_duplicate').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    /** True when some record had no timestamp and took --at or the file mtime. */
    timeInferred: boolean('time_inferred').notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    /** The ingesting process (OS pid and host), so a run left 'running' by a killed process can be recognised. */
    processId: integer('process_id'),
    host: text('host'),
    /** Array of { file, line?, record?, field?, message }, capped at 1,000 entries. */
    errors: jsonb('errors').$type<{ file: string; line?: number; record?: number; field?: string; message: string }[]>(),
  },
  (t) => [index('ingest_runs_started_at_idx').on(t.startedAt)],
);

export const usageEvents = pgTable(
  'usage_events',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    /** "<source>:<source-specific identity>"; unique together with occurred_at (partition-safe). */
    dedupeKey: text('dedupe_key').notNull(), // COLLATE "C" (migration 0005: byte order, faster unique index)
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** 0 for one request, else the bucket width in seconds. */
    periodSeconds: integer('period_seconds').notNull().default(0),
    /** NULL when a bucket source does not give a request count. */
    requestCount: integer('request_count'),
    vendor: text('vendor').notNull(),
    model: text('model'),
    modelRaw: text('model_raw'),
    modelCreator: text('model_creator'),
    /** All prompt tokens, cache reads and writes included. */
    inputTokens: tok('input_tokens'),
    cachedInputTokens: tok('cached_input_tokens'),
    cacheWriteTokens: tok('cache_write_tokens'),
    /** All billed output tokens, reasoning included. */
    outputTokens: tok('output_tokens'),
    /** Hidden reasoning tokens (subset of output). NULL = not reported. */
    reasoningTokens: tok('reasoning_tokens'),
    /** USD as the vendor charged it; only from vendor billing sources. Every source digit kept. */
    billedCostUsd: usdExact('billed_cost_usd'),
    /** USD some tool computed (reported_by says which); never presented as billed. */
    reportedCostUsd: usdExact('reported_cost_usd'),
    reportedBy: text('reported_by'),
    /** USD at list price (ours) at occurred_at; overrides win. NULL = model not in the catalog. */
    listCostUsd: usd('list_cost_usd'),
    /** The output price (USD per million tokens) that list_cost_usd used; prices hidden reasoning. NULL = unpriced. */
    outputPricePerMtokUsd: numeric('output_price_per_mtok_usd'),
    /** catalog | override | NULL (unpriced) */
    priceSource: text('price_source'),
    requestId: text('request_id'),
    project: text('project'),
    apiKey: text('api_key'),
    userId: text('user_id'),
    team: text('team'),
    workflow: text('workflow'),
    environment: text('environment'),
    traceId: text('trace_id'),
    tags: jsonb('tags'),
    success: boolean('success'),
    /** 0..1; NULL unknown. */
    score: numeric('score', { precision: 6, scale: 5 }),
    outcomeSource: text('outcome_source'),
    latencyMs: integer('latency_ms'),
    toolCalls: integer('tool_calls'),
    source: text('source').notNull(),
    ingestRunId: integer('ingest_run_id'),
    timeInferred: boolean('time_inferred').notNull().default(false),
  },
  (t) => [
    unique('usage_events_dedupe_key_occurred_at_key').on(t.dedupeKey, t.occurredAt),
    index('usage_events_occurred_at_idx').on(t.occurredAt),
    index('usage_events_trace_id_idx').on(t.traceId),
    // The reasoning page's top hidden requests (db/queries/reasoning.ts getTopHiddenRequests) read this backwards
    // (hidden spend descending, then id ascending) and stop after the limit: no scan of the period's events.
    index('usage_events_hidden_spend_idx')
      .on(sql`(${t.reasoningTokens} * ${t.outputPricePerMtokUsd} / 1000000)`, t.id.desc().nullsFirst())
      .where(sql`${t.periodSeconds} = 0 AND ${t.reasoningTokens} > 0 AND ${t.outputPricePerMtokUsd} IS NOT NULL`),
  ],
);

export const costLines = pgTable(
  'cost_lines',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    dedupeKey: text('dedupe_key').notNull(), // COLLATE "C" (migration 0005: byte order, faster unique index)
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    vendor: text('vendor').notNull(),
    service: text('service'),
    lineItem: text('line_item'),
    /** usage | subscription | purchase | credit | tax | adjustment */
    chargeCategory: text('charge_category').notNull(),
    model: text('model'),
    /** USD as billed (converted exactly from the source's unit, e.g. cents / 100); every source digit kept. */
    billedCostUsd: usdExact('billed_cost_usd').notNull(),
    listCostUsd: usdExact('list_cost_usd'),
    currency: text('currency').notNull().default('USD'),
    project: text('project'),
    apiKey: text('api_key'),
    quantity: numeric('quantity'),
    quantityUnit: text('quantity_unit'),
    tags: jsonb('tags'),
    source: text('source').notNull(),
    ingestRunId: integer('ingest_run_id'),
  },
  (t) => [
    unique('cost_lines_dedupe_key_period_start_key').on(t.dedupeKey, t.periodStart),
    index('cost_lines_period_start_idx').on(t.periodStart),
  ],
);

/** Negotiated prices and discounts (USD per million tokens) that win over list prices from a date. */
export const priceOverrides = pgTable(
  'price_overrides',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** NULL = any vendor serving this model. */
    vendor: text('vendor'),
    model: text('model').notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    effectiveTo: timestamp('effective_to', { withTimezone: true }),
    inputPerMtokUsd: numeric('input_per_mtok_usd').notNull(),
    cachedInputPerMtokUsd: numeric('cached_input_per_mtok_usd'),
    cacheWritePerMtokUsd: numeric('cache_write_per_mtok_usd'),
    outputPerMtokUsd: numeric('output_per_mtok_usd').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('price_overrides_model_idx').on(t.model, t.effectiveFrom)],
);

/**
 * Daily rollup of usage_events, kept current by the loader in the same transaction as the insert.
 * Dashboards read this, never raw events, for period views.
 */
export const usageDaily = pgTable(
  'usage_daily',
  {
    day: date('day').notNull(),
    vendor: text('vendor').notNull(),
    model: text('model'),
    modelCreator: text('model_creator'),
    project: text('project'),
    team: text('team'),
    workflow: text('workflow'),
    environment: text('environment'),
    source: text('source').notNull(),
    /** true for aggregated-bucket sources (reasoning unknown there, estimated from requests). */
    isBucket: boolean('is_bucket').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
    /** Sum of known request counts. */
    requests: bigint('requests', { mode: 'number' }).notNull(),
    inputTokens: tok('input_tokens').notNull(),
    cachedInputTokens: tok('cached_input_tokens').notNull(),
    cacheWriteTokens: tok('cache_write_tokens').notNull(),
    outputTokens: tok('output_tokens').notNull(),
    /** Sum of known reasoning tokens. */
    reasoningTokens: tok('reasoning_tokens').notNull(),
    /** Events whose reasoning is known (so a sum of 0 can be told from "never reported"). */
    reasoningKnownEvents: bigint('reasoning_known_events', { mode: 'number' }).notNull().default(0),
    /** Output tokens of the events whose reasoning is known (denominator of the measured share). */
    reasoningKnownOutputTokens: tok('reasoning_known_output_tokens').notNull(),
    billedCostUsd: usdExact('billed_cost_usd'),
    reportedCostUsd: usdExact('reported_cost_usd'),
    listCostUsd: usd('list_cost_usd'),
    /** Events with no list price (model unknown to the catalog), and their tokens. */
    unpricedEvents: bigint('unpriced_events', { mode: 'number' }).notNull(),
    unpricedTokens: tok('unpriced_tokens').notNull(),
    /** Events with an outcome signal, and how many succeeded. */
    outcomeEvents: bigint('outcome_events', { mode: 'number' }).notNull(),
    successEvents: bigint('success_events', { mode: 'number' }).notNull(),
    /** List cost of events with no outcome signal (unverified spend). */
    unverifiedListCostUsd: usd('unverified_list_cost_usd'),
    /** Hidden reasoning spend: reasoning tokens x the event's output price, summed (USD). */
    reasoningListCostUsd: usd('reasoning_list_cost_usd'),
    /** List cost of events with success = true (cost per verified success = list cost / success_events). */
    successListCostUsd: usd('success_list_cost_usd'),
    /** Output tokens of events whose reasoning is unknown (NULL): the base of estimated hidden reasoning on buckets. */
    unknownReasoningOutputTokens: tok('unknown_reasoning_output_tokens').notNull().default(0),
    /** Those tokens x each event's output price / 1e6 (USD, unconstrained numeric: exact); NULL = none priced. */
    unknownReasoningOutputCostUsd: numeric('unknown_reasoning_output_cost_usd'),
  },
  (t) => [
    unique('usage_daily_dims_key')
      .on(t.day, t.vendor, t.model, t.modelCreator, t.project, t.team, t.workflow, t.environment, t.source, t.isBucket)
      .nullsNotDistinct(),
    index('usage_daily_day_idx').on(t.day),
  ],
);

/**
 * Daily rollup of usage_events by user and API key (db/queries/rollup-keys.ts), kept like usage_daily. Serves the
 * explorer's user / api_key views and pickers and the baseline's re-read for rules on users or keys. Only the
 * dimensions and measures those reads use: is_bucket and the outcome / reasoning-cost sums stay in usage_daily.
 */
export const usageDailyKeys = pgTable(
  'usage_daily_keys',
  {
    day: date('day').notNull(),
    userId: text('user_id'),
    apiKey: text('api_key'),
    vendor: text('vendor').notNull(),
    model: text('model'),
    modelCreator: text('model_creator'),
    project: text('project'),
    team: text('team'),
    workflow: text('workflow'),
    environment: text('environment'),
    source: text('source').notNull(),
    events: bigint('events', { mode: 'number' }).notNull(),
    requests: bigint('requests', { mode: 'number' }).notNull(),
    inputTokens: tok('input_tokens').notNull(),
    cachedInputTokens: tok('cached_input_tokens').notNull(),
    cacheWriteTokens: tok('cache_write_tokens').notNull(),
    outputTokens: tok('output_tokens').notNull(),
    reasoningTokens: tok('reasoning_tokens').notNull(),
    reasoningKnownEvents: bigint('reasoning_known_events', { mode: 'number' }).notNull(),
    reasoningKnownOutputTokens: tok('reasoning_known_output_tokens').notNull(),
    billedCostUsd: usdExact('billed_cost_usd'),
    listCostUsd: usd('list_cost_usd'),
    unpricedEvents: bigint('unpriced_events', { mode: 'number' }).notNull(),
    unpricedTokens: tok('unpriced_tokens').notNull(),
    unverifiedListCostUsd: usd('unverified_list_cost_usd'),
  },
  (t) => [
    unique('usage_daily_keys_dims_key')
      .on(t.day, t.userId, t.apiKey, t.vendor, t.model, t.modelCreator, t.project, t.team, t.workflow, t.environment, t.source)
      .nullsNotDistinct(),
    index('usage_daily_keys_day_idx').on(t.day),
  ],
);

/**
 * Outcome signals joined to usage by request id or trace id, whichever arrives first (db/queries/outcomes.ts).
 * One row per key: a later outcome for the same key replaces the earlier (received_at and ingest_run_id say which).
 */
export const outcomes = pgTable(
  'outcomes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** request_id (matches usage_events.request_id) | trace_id (every event of the trace). */
    keyKind: text('key_kind').notNull(),
    key: text('key').notNull(),
    /** NULL = not stated (a score-only outcome). */
    success: boolean('success'),
    /** 0..1, as usage_events.score; NULL unknown. */
    score: numeric('score', { precision: 6, scale: 5 }),
    outcomeSource: text('outcome_source'),
    /** When this version of the outcome arrived (a replacement updates it). */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    ingestRunId: integer('ingest_run_id'),
  },
  (t) => [unique('outcomes_key_kind_key_key').on(t.keyKind, t.key)],
);

export type IngestRun = typeof ingestRuns.$inferSelect;
export type NewIngestRun = typeof ingestRuns.$inferInsert;
export type UsageEventRow = typeof usageEvents.$inferSelect;
export type NewUsageEventRow = typeof usageEvents.$inferInsert;
export type CostLineRow = typeof costLines.$inferSelect;
export type PriceOverride = typeof priceOverrides.$inferSelect;
export type NewPriceOverride = typeof priceOverrides.$inferInsert;
export type UsageDailyRow = typeof usageDaily.$inferSelect;
export type OutcomeRow = typeof outcomes.$inferSelect;
