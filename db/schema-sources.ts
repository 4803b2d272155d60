/** How data arrives: push tokens, pull cursors and saved CSV column mappings. */

import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Bearer tokens for the push endpoints (POST /api/ingest, POST /v1/traces). A token is 32 random bytes shown once;
 * only its SHA-256 is stored: with 256 bits of entropy there is nothing to brute-force, so a slow password hash
 * would add latency to every push and no safety.
 */
export const ingestTokens = pgTable(
  'ingest_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Unique among tokens not revoked (revoke and create again to rotate under the same name). */
    name: text('name').notNull(),
    /** SHA-256 of the whole token string (itm_…), hex. */
    tokenHash: text('token_hash').notNull(),
    /**
     * What the token may do: space-separated scopes (OAuth style), `ingest:files` (POST /api/ingest) and
     * `ingest:traces` (POST /v1/traces); legacy 'ingest' means both (lib/tokens.ts parseScopes).
     */
    scope: text('scope').notNull().default('ingest:files ingest:traces'),
    /** `itm_` + the token's first 6 characters, to tell tokens apart in lists; NULL for tokens made before it was kept. */
    prefix: text('prefix'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** NULL = never expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** NULL = active; set once, never cleared. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    unique('ingest_tokens_token_hash_key').on(t.tokenHash),
    uniqueIndex('ingest_tokens_name_active_key').on(t.name).where(sql`revoked_at IS NULL`),
  ],
);
export type IngestTokenRow = typeof ingestTokens.$inferSelect;

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

/**
 * Column mappings saved from the Imports page (lib/ingest/mapping.ts), chosen for later uploads of the same export.
 * Stored as the YAML text that was validated, so a saved mapping reads back exactly as written.
 */
export const csvMappings = pgTable(
  'csv_mappings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The mapping's own `name` (part of its events' dedupe keys); saving the same name again replaces it. */
    name: text('name').notNull(),
    yaml: text('yaml').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('csv_mappings_name_key').on(t.name)],
);

/**
 * Vendor admin keys entered in Settings › Sources (the environment variable wins when both exist). Encrypted with
 * the auth library's symmetric encryption (better-auth/crypto: XChaCha20-Poly1305, key from ITEMIZED_AUTH_SECRET or
 * the generated data-folder secret, lib/pull/keys.ts); only the hint is ever shown, and the key is never logged.
 */
export const pullKeys = pgTable('pull_keys', {
  /** Connection id: openai, anthropic, openrouter. */
  connection: text('connection').primaryKey(),
  encryptedKey: text('encrypted_key').notNull(),
  /** The key's first 3 and last 4 characters ("sk-…9f3c"), to tell keys apart. */
  keyHint: text('key_hint').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Who stored it (audit actor label). */
  updatedBy: text('updated_by'),
});
