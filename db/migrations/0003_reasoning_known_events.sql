ALTER TABLE "usage_daily" ADD COLUMN "reasoning_known_events" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill for rows written before this column existed: a group with any reasoning tokens or any output of known-reasoning events had known reasoning.
UPDATE "usage_daily" SET "reasoning_known_events" = "events" WHERE "reasoning_tokens" > 0 OR "reasoning_known_output_tokens" > 0;
