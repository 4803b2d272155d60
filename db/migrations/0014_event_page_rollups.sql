CREATE TABLE "usage_length_cells" (
	"day" date NOT NULL,
	"vendor" text NOT NULL,
	"model" text,
	"team" text,
	"workflow" text,
	"measure" text NOT NULL,
	"bucket" integer NOT NULL,
	"bin" integer NOT NULL,
	"requests" bigint NOT NULL,
	"outcomes" bigint NOT NULL,
	"successes" bigint NOT NULL,
	"min_tokens" bigint NOT NULL,
	"max_tokens" bigint NOT NULL,
	"tokens" bigint NOT NULL,
	"token_price_sum" numeric,
	"price_sum" numeric,
	"token_cost_usd" numeric,
	CONSTRAINT "usage_length_cells_key" UNIQUE NULLS NOT DISTINCT("day","vendor","model","team","workflow","measure","bucket","bin")
);
--> statement-breakpoint
CREATE TABLE "usage_task_days" (
	"day" date NOT NULL,
	"vendor" text NOT NULL,
	"team" text,
	"workflow" text,
	"trace_id" text,
	"calls" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"reasoning_tokens" bigint NOT NULL,
	"list_cost_usd" numeric,
	"hidden_usd" numeric,
	"outcome_calls" bigint NOT NULL,
	"success_calls" bigint NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_outcome_at" timestamp with time zone,
	"last_outcome_id" bigint,
	"last_success" boolean,
	CONSTRAINT "usage_task_days_key" UNIQUE NULLS NOT DISTINCT("day","vendor","team","workflow","trace_id")
);
--> statement-breakpoint
ALTER TABLE "usage_daily" ADD COLUMN "unknown_reasoning_output_tokens" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD COLUMN "unknown_reasoning_output_cost_usd" numeric;--> statement-breakpoint
CREATE INDEX "usage_events_hidden_spend_idx" ON "usage_events" USING btree (("reasoning_tokens" * "output_price_per_mtok_usd" / 1000000),"id" DESC NULLS FIRST) WHERE "usage_events"."period_seconds" = 0 AND "usage_events"."reasoning_tokens" > 0 AND "usage_events"."output_price_per_mtok_usd" IS NOT NULL;
--> statement-breakpoint
-- Backfill (issue 8): the new usage_daily columns and the two event rollups, from the stored events, with the same
-- aggregates the loader uses (db/queries/rollup.ts rollupSelect, rollup-cells.ts cellsSelect, rollup-tasks.ts tasksSelect).
UPDATE usage_daily d SET unknown_reasoning_output_tokens = a.tokens, unknown_reasoning_output_cost_usd = a.cost
  FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, vendor, model, model_creator, project, team, workflow,
          environment, source, period_seconds > 0 AS is_bucket,
          coalesce(sum(output_tokens) FILTER (WHERE reasoning_tokens IS NULL), 0) AS tokens,
          sum(output_tokens * output_price_per_mtok_usd / 1000000) FILTER (WHERE reasoning_tokens IS NULL) AS cost
        FROM usage_events GROUP BY day, vendor, model, model_creator, project, team, workflow, environment, source, is_bucket) a
 WHERE (d.day, d.vendor, d.source, d.is_bucket) = (a.day, a.vendor, a.source, a.is_bucket)
   AND d.model IS NOT DISTINCT FROM a.model AND d.model_creator IS NOT DISTINCT FROM a.model_creator
   AND d.project IS NOT DISTINCT FROM a.project AND d.team IS NOT DISTINCT FROM a.team
   AND d.workflow IS NOT DISTINCT FROM a.workflow AND d.environment IS NOT DISTINCT FROM a.environment;
--> statement-breakpoint
INSERT INTO usage_length_cells (day, vendor, model, team, workflow, measure, bucket, bin, requests, outcomes, successes,
  min_tokens, max_tokens, tokens, token_price_sum, price_sum, token_cost_usd)
SELECT day, vendor, model, team, workflow, measure, bucket, bin, count(*) AS requests, count(*) FILTER (WHERE success IS NOT NULL) AS outcomes,
        count(*) FILTER (WHERE success) AS successes, min(tokens) AS min_tokens, max(tokens) AS max_tokens,
        sum(tokens) AS tokens, sum(tokens * price) AS token_price_sum, sum(price) AS price_sum,
        sum(tokens * price / 1000000) AS token_cost_usd
      FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, vendor, model, team, workflow, success,
              output_price_per_mtok_usd AS price,
              CASE WHEN reasoning_tokens IS NULL THEN 'output' ELSE 'reasoning' END AS measure,
              coalesce(reasoning_tokens, output_tokens) AS tokens,
              floor(4 * ln(coalesce(reasoning_tokens, output_tokens) + 1) / ln(2))::int AS bucket,
              (CASE WHEN coalesce(reasoning_tokens, output_tokens) < 1 THEN 0 ELSE 65 - position('1' in coalesce(reasoning_tokens, output_tokens)::bit(64)::text) END) AS bin
         FROM usage_events WHERE period_seconds = 0 AND (reasoning_tokens IS NOT NULL OR output_tokens IS NOT NULL)) c
      GROUP BY day, vendor, model, team, workflow, measure, bucket, bin;
--> statement-breakpoint
INSERT INTO usage_task_days (day, vendor, team, workflow, trace_id, calls, input_tokens, output_tokens, reasoning_tokens,
  list_cost_usd, hidden_usd, outcome_calls, success_calls, first_at, last_at, last_outcome_at, last_outcome_id, last_success)
SELECT day, vendor, team, workflow, trace_id, calls, input_tokens, output_tokens, reasoning_tokens, list_cost_usd,
        hidden_usd, outcome_calls, success_calls, first_at, last_at, last_outcome_at, last[2]::bigint AS last_outcome_id,
        last[3] = 1 AS last_success
      FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, vendor, team, workflow, trace_id,
        count(*) AS calls, coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens,
        coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens, sum(list_cost_usd) AS list_cost_usd,
        sum(reasoning_tokens * output_price_per_mtok_usd / 1000000) AS hidden_usd,
        count(*) FILTER (WHERE success IS NOT NULL) AS outcome_calls, count(*) FILTER (WHERE success) AS success_calls,
        min(occurred_at) AS first_at, max(occurred_at) AS last_at,
        max(occurred_at) FILTER (WHERE success IS NOT NULL) AS last_outcome_at,
        max(ARRAY[extract(epoch FROM occurred_at), id, success::int]) FILTER (WHERE success IS NOT NULL) AS last
      FROM usage_events WHERE period_seconds = 0
      GROUP BY 1, vendor, team, workflow, trace_id) t;
