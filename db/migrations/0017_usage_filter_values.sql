CREATE TABLE "usage_filter_values" (
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"value" text,
	"events" bigint NOT NULL,
	CONSTRAINT "usage_filter_values_key" UNIQUE NULLS NOT DISTINCT("day","dimension","value")
);
--> statement-breakpoint
-- Backfill from the rollups already stored, which hold the same event counts per value (usage_daily for the
-- dimensions it keeps, usage_daily_keys for user and API key), so the table is exact from the start
-- (rollup-filter-values.test.ts compares it with a rebuild from the events).
INSERT INTO "usage_filter_values" (day, dimension, value, events)
SELECT day, d.dimension, d.value, sum(events) FROM usage_daily
  CROSS JOIN LATERAL (VALUES ('vendor', vendor), ('model', model), ('model_creator', model_creator), ('team', team),
    ('workflow', workflow), ('project', project), ('environment', environment)) AS d(dimension, value)
  GROUP BY day, d.dimension, d.value
UNION ALL
SELECT day, d.dimension, d.value, sum(events) FROM usage_daily_keys
  CROSS JOIN LATERAL (VALUES ('api_key', api_key), ('user', user_id)) AS d(dimension, value)
  GROUP BY day, d.dimension, d.value;
