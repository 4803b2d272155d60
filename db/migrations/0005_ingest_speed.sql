-- Ingest speed (bench:ingest): nothing reads events by ingest run, so its index only cost insert time.
DROP INDEX "usage_events_ingest_run_id_idx";--> statement-breakpoint
-- Dedupe keys are opaque identifiers: byte order ("C") compares them without locale rules, which makes
-- the unique-index insert of every event cheaper. Hand-added (drizzle-kit does not model collations).
ALTER TABLE "usage_events" ALTER COLUMN "dedupe_key" TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "cost_lines" ALTER COLUMN "dedupe_key" TYPE text COLLATE "C";
