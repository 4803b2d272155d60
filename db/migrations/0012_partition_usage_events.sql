-- Issue 8: usage_events becomes a table range-partitioned by occurred_at month (UTC), data kept.
-- Period reads then touch only the months they cover, and old months can be detached or dropped whole.
-- Hand-written (drizzle-kit does not model partitioning): db/schema.ts still describes the parent's
-- columns, unique key and indexes by the same names, so drizzle-kit sees no difference to generate.
-- The unique key already includes occurred_at, as every unique key of a partitioned table must.
ALTER TABLE "usage_events" RENAME TO "usage_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "usage_events_unpartitioned" RENAME CONSTRAINT "usage_events_dedupe_key_occurred_at_key" TO "usage_events_unpartitioned_dedupe_key";--> statement-breakpoint
ALTER INDEX "usage_events_occurred_at_idx" RENAME TO "usage_events_unpartitioned_occurred_at_idx";--> statement-breakpoint
ALTER INDEX "usage_events_trace_id_idx" RENAME TO "usage_events_unpartitioned_trace_id_idx";--> statement-breakpoint
-- Renamed so the new identity sequence gets the usual name.
ALTER SEQUENCE "usage_events_id_seq" RENAME TO "usage_events_unpartitioned_id_seq";--> statement-breakpoint
-- LIKE keeps every column's type, collation (dedupe_key is "C", migration 0005), NOT NULL and default.
CREATE TABLE "usage_events" (LIKE "usage_events_unpartitioned" INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE INCLUDING COMMENTS)
  PARTITION BY RANGE ("occurred_at");--> statement-breakpoint
ALTER TABLE "usage_events" ADD CONSTRAINT "usage_events_dedupe_key_occurred_at_key" UNIQUE ("dedupe_key", "occurred_at");--> statement-breakpoint
CREATE INDEX "usage_events_occurred_at_idx" ON "usage_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "usage_events_trace_id_idx" ON "usage_events" USING btree ("trace_id");--> statement-breakpoint
-- Safety net: a row whose month has no partition yet (a direct INSERT that skipped the loader) lands
-- here instead of failing. usage_events_ensure_partition moves such rows into the month's partition
-- when it creates it; it must, because Postgres refuses to create a partition whose range the
-- default partition already holds rows of.
CREATE TABLE "usage_events_default" PARTITION OF "usage_events" DEFAULT;--> statement-breakpoint
-- Creates usage_events_YYYY_MM for the UTC month containing month_start, if missing; true when created.
-- Never called inside an ingest transaction: creating a partition locks the whole parent until commit,
-- and two concurrent ingests then deadlock (one holds the parent, the other the batch lock). The app
-- calls it for the current and next months when a connection opens (db/queries/partitions.ts), so live
-- months exist before their first event; rows of other months land in the default partition and
-- usage_events_split_default moves them out after the ingest commits.
CREATE OR REPLACE FUNCTION usage_events_ensure_partition(month_start timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  lo timestamptz := date_trunc('month', month_start, 'UTC');
  hi timestamptz := ((date_trunc('month', month_start, 'UTC') AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  part text := 'usage_events_' || to_char(date_trunc('month', month_start, 'UTC') AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- Two ingests creating the same month: the second waits, then sees the partition.
  PERFORM pg_advisory_xact_lock(724120);
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- Rows of this month caught by the default partition move into the new one (ids kept).
  CREATE TEMP TABLE IF NOT EXISTS usage_events_moving (LIKE usage_events) ON COMMIT DELETE ROWS;
  TRUNCATE usage_events_moving;
  WITH d AS (DELETE FROM usage_events_default WHERE occurred_at >= lo AND occurred_at < hi RETURNING *)
    INSERT INTO usage_events_moving SELECT * FROM d;
  EXECUTE format('CREATE TABLE %I PARTITION OF usage_events FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  INSERT INTO usage_events OVERRIDING SYSTEM VALUE SELECT * FROM usage_events_moving;
  TRUNCATE usage_events_moving;
  RETURN true;
END
$$;--> statement-breakpoint
-- Gives every month held by the default partition its own partition (moving the rows); returns how many
-- partitions it created. Takes the parent's exclusive lock first, so it never holds half the locks it
-- needs while an ingest waits on it; callers bound the wait with lock_timeout and retry later.
CREATE OR REPLACE FUNCTION usage_events_split_default() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m timestamptz;
  n integer := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM usage_events_default) THEN
    RETURN 0;
  END IF;
  LOCK TABLE usage_events IN ACCESS EXCLUSIVE MODE;
  FOR m IN SELECT DISTINCT date_trunc('month', occurred_at, 'UTC') FROM usage_events_default LOOP
    IF usage_events_ensure_partition(m) THEN
      n := n + 1;
    END IF;
  END LOOP;
  RETURN n;
END
$$;--> statement-breakpoint
-- One partition per month that has data (not min..max: a stray far-off timestamp must not create hundreds).
SELECT usage_events_ensure_partition(m) FROM (SELECT DISTINCT date_trunc('month', occurred_at, 'UTC') AS m FROM "usage_events_unpartitioned") months;--> statement-breakpoint
INSERT INTO "usage_events" OVERRIDING SYSTEM VALUE SELECT * FROM "usage_events_unpartitioned";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('usage_events', 'id'), coalesce((SELECT max(id) FROM "usage_events"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "usage_events_unpartitioned";
