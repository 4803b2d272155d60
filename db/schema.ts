/**
 * Itemized schema. Money is numeric(20,10) in USD, carried as decimal strings; token counts are
 * bigint. NULL means "unknown" everywhere (reasoning_tokens NULL = the source did not say).
 */

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
  },
  (t) => [
    unique('usage_daily_dims_key')
      .on(t.day, t.vendor, t.model, t.modelCreator, t.project, t.team, t.workflow, t.environment, t.source, t.isBucket)
      .nullsNotDistinct(),
    index('usage_daily_day_idx').on(t.day),
  ],
);

export type IngestRun = typeof ingestRuns.$inferSelect;
export type NewIngestRun = typeof ingestRuns.$inferInsert;
export type UsageEventRow = typeof usageEvents.$inferSelect;
export type NewUsageEventRow = typeof usageEvents.$inferInsert;
export type CostLineRow = typeof costLines.$inferSelect;
export type PriceOverride = typeof priceOverrides.$inferSelect;
export type NewPriceOverride = typeof priceOverrides.$inferInsert;
export type UsageDailyRow = typeof usageDaily.$inferSelect;

/**
 * One row per pulled vendor endpoint (`itemized pull`): the incremental cursor and the last attempt.
 * Only complete UTC days are pulled, so a bucket is never stored half-filled; `cursor` is the
 * exclusive end of the last day loaded.
 */
export const pullState = pgTable('pull_state', {
  /** "<connection>/<endpoint>", e.g. "openai/usage". */
  id: text('id').primaryKey(),
  connection: text('connection').notNull(),
  endpoint: text('endpoint').notNull(),
  cursor: timestamp('cursor', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  /** succeeded | failed | up_to_date */
  lastStatus: text('last_status'),
  /** Redacted: never contains the key. */
  lastError: text('last_error'),
  lastRowsInserted: integer('last_rows_inserted'),
  lastIngestRunId: integer('last_ingest_run_id'),
});

/*
 * Sign-in (better-auth, lib/auth/server.ts). The library owns these four tables and writes them through
 * its drizzle adapter: the TypeScript keys are the field names it expects; ids are the library's own text
 * ids, not identities. Passwords are kept in accounts.password in the library's hash format (scrypt).
 */
const authTime = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Lower-cased by the library; unique. */
  email: text('email').notNull().unique('users_email_key'),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: authTime('created_at').notNull().defaultNow(),
  updatedAt: authTime('updated_at').notNull().defaultNow(),
  /** admin | analyst | finance (lib/auth/policy.ts); set by the admin plugin, never by the user. */
  role: text('role'),
  /** `itemized users disable` sets banned: the user cannot sign in and their sessions are deleted. */
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: authTime('ban_expires'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: authTime('expires_at').notNull(),
    /** The value in the signed session cookie. */
    token: text('token').notNull().unique('sessions_token_key'),
    createdAt: authTime('created_at').notNull().defaultNow(),
    updatedAt: authTime('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/** One row per way to sign in: providerId "credential" (password hash) or the OpenID Connect provider. */
export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: authTime('access_token_expires_at'),
    refreshTokenExpiresAt: authTime('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: authTime('created_at').notNull().defaultNow(),
    updatedAt: authTime('updated_at').notNull().defaultNow(),
  },
  (t) => [index('accounts_user_id_idx').on(t.userId)],
);

/** Short-lived values of the sign-in flows (OpenID Connect state and PKCE verifier). */
export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: authTime('expires_at').notNull(),
    createdAt: authTime('created_at').notNull().defaultNow(),
    updatedAt: authTime('updated_at').notNull().defaultNow(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/** Who did what: sign-ins (and failures), exports, settings, token and user changes. Append-only. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** Email of the signed-in user, "cli:<os user>", "demo" or "anonymous". */
    actor: text('actor').notNull(),
    /** Dotted verb, e.g. sign_in.success, user.create, export (AUDIT_ACTIONS in lib/auth/audit-actions.ts). */
    action: text('action').notNull(),
    /** What it was done to (a user's email, a page, a connection id); null when nothing in particular. */
    target: text('target'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_occurred_at_idx').on(t.occurredAt.desc(), t.id.desc())],
);

export type UserRow = typeof users.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
