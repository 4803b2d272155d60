/**
 * The path beyond one machine (docs/scale.md): the same schema on Citus. Which tables are distributed
 * and by which column, which are reference tables (copied to every worker), and which stay on the
 * coordinator. citus.test.ts checks the schema and migrations against the rules Citus imposes.
 */

/**
 * Distributed tables and their distribution column. Rules (Citus docs, "Distributed tables"): the
 * column is NOT NULL, every unique key / primary key includes it, and ON CONFLICT targets a key that
 * includes it, so uniqueness and dedupe are checked on one shard.
 *  - usage_events by dedupe_key: high cardinality and even; the dedupe key (dedupe_key, occurred_at)
 *    already includes it, so re-ingest stays a single-shard no-op per row. Monthly range partitioning
 *    stays underneath (Citus distributes partitioned tables; every partition is co-sharded).
 *  - cost_lines by dedupe_key, for the same reason.
 *  - usage_daily by day: NOT NULL and in its unique key; a period view fans out to the shards of its
 *    days, each aggregating its own rows, and the coordinator merges a few rows per group.
 */
export const DISTRIBUTED: Record<string, string> = {
  usage_events: 'dedupe_key',
  cost_lines: 'dedupe_key',
  usage_daily: 'day',
  // The event pages' rollups (db/schema-rollups.ts), as usage_daily: day is NOT NULL and leads their unique keys.
  usage_length_cells: 'day',
  usage_task_days: 'day',
  // The key rollup (db/queries/rollup-keys.ts) as usage_daily: day is NOT NULL and leads its unique key.
  usage_daily_keys: 'day',
  // The filter panel's values (db/queries/rollup-filter-values.ts): day is NOT NULL and leads its unique key.
  usage_filter_values: 'day',
};

/** Small, read by every attribution and pricing query, written rarely: replicated to every worker. */
export const REFERENCE = ['price_overrides', 'workflows', 'subscriptions', 'budgets', 'outcomes'] as const;

/** Bookkeeping and sign-in (db/schema-auth.ts) that only the coordinator (the app's connection) reads and writes: plain local tables. */
export const LOCAL = [
  'ingest_runs',
  'ingest_tokens',
  'statement_exports',
  'saved_scenarios',
  'csv_mappings',
  'pull_state',
  'pull_keys',
  'users',
  'sessions',
  'accounts',
  'verifications',
  'audit_events',
] as const;

/** SQL in migrations that Citus cannot distribute or that would break the plan above. */
export const FORBIDDEN_IN_MIGRATIONS: { pattern: RegExp; why: string }[] = [
  {
    pattern: /\bREFERENCES\s+"?(usage_events|cost_lines|usage_daily)\b/i,
    why: 'a foreign key into a distributed table from a non-colocated table',
  },
  {
    pattern: /\bCREATE\s+TRIGGER\b[\s\S]*?\bON\s+"?(usage_events|cost_lines|usage_daily)\b/i,
    why: 'triggers on distributed tables are off by default',
  },
  { pattern: /\bEXCLUDE\s+USING\b/i, why: 'exclusion constraints must include the distribution column; none are planned' },
  {
    pattern: /\bCREATE\s+(MATERIALIZED\s+)?VIEW\b[\s\S]*?\busage_events\b/i,
    why: 'views over events would hide a fan-out from the plan test',
  },
  { pattern: /\bserial\b/i, why: 'serial columns on distributed tables: use bigint identity' },
];
