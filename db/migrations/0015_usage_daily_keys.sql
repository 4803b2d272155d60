CREATE TABLE "usage_daily_keys" (
	"day" date NOT NULL,
	"user_id" text,
	"api_key" text,
	"vendor" text NOT NULL,
	"model" text,
	"model_creator" text,
	"project" text,
	"team" text,
	"workflow" text,
	"environment" text,
	"source" text NOT NULL,
	"events" bigint NOT NULL,
	"requests" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"cache_write_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"reasoning_tokens" bigint NOT NULL,
	"reasoning_known_events" bigint NOT NULL,
	"reasoning_known_output_tokens" bigint NOT NULL,
	"billed_cost_usd" numeric,
	"list_cost_usd" numeric(20, 10),
	"unpriced_events" bigint NOT NULL,
	"unpriced_tokens" bigint NOT NULL,
	"unverified_list_cost_usd" numeric(20, 10),
	CONSTRAINT "usage_daily_keys_dims_key" UNIQUE NULLS NOT DISTINCT("day","user_id","api_key","vendor","model","model_creator","project","team","workflow","environment","source")
);
--> statement-breakpoint
CREATE INDEX "usage_daily_keys_day_idx" ON "usage_daily_keys" USING btree ("day");--> statement-breakpoint
-- Backfill from the events already stored: the same aggregation as keyRollupSelect (db/queries/rollup-keys.ts),
-- so the table is exact from the start (rollup-keys.test.ts compares it with a rebuild).
INSERT INTO "usage_daily_keys" (day, user_id, api_key, vendor, model, model_creator, project, team, workflow, environment, source,
  events, requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, reasoning_known_events,
  reasoning_known_output_tokens, unpriced_events, unpriced_tokens, billed_cost_usd, list_cost_usd, unverified_list_cost_usd)
SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, user_id, api_key, vendor, model, model_creator, project, team,
  workflow, environment, source,
  count(*),
  coalesce(sum(request_count), 0),
  coalesce(sum(input_tokens), 0),
  coalesce(sum(cached_input_tokens), 0),
  coalesce(sum(cache_write_tokens), 0),
  coalesce(sum(output_tokens), 0),
  coalesce(sum(reasoning_tokens), 0),
  count(*) FILTER (WHERE reasoning_tokens IS NOT NULL),
  coalesce(sum(output_tokens) FILTER (WHERE reasoning_tokens IS NOT NULL), 0),
  count(*) FILTER (WHERE list_cost_usd IS NULL),
  coalesce(sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0)) FILTER (WHERE list_cost_usd IS NULL), 0),
  sum(billed_cost_usd),
  sum(list_cost_usd),
  sum(list_cost_usd) FILTER (WHERE success IS NULL)
FROM usage_events
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
