CREATE TABLE "cost_lines" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "cost_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dedupe_key" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"vendor" text NOT NULL,
	"service" text,
	"line_item" text,
	"charge_category" text NOT NULL,
	"model" text,
	"billed_cost_usd" numeric(20, 10) NOT NULL,
	"list_cost_usd" numeric(20, 10),
	"currency" text DEFAULT 'USD' NOT NULL,
	"project" text,
	"api_key" text,
	"quantity" numeric,
	"quantity_unit" text,
	"tags" jsonb,
	"source" text NOT NULL,
	"ingest_run_id" integer,
	CONSTRAINT "cost_lines_dedupe_key_period_start_key" UNIQUE("dedupe_key","period_start")
);
--> statement-breakpoint
CREATE TABLE "ingest_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"sha256" text,
	"bytes" bigint,
	"source" text,
	"framing" text,
	"status" text NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_inserted" integer DEFAULT 0 NOT NULL,
	"rows_duplicate" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"time_inferred" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"errors" jsonb
);
--> statement-breakpoint
CREATE TABLE "price_overrides" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_overrides_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vendor" text,
	"model" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"effective_to" timestamp with time zone,
	"input_per_mtok_usd" numeric NOT NULL,
	"cached_input_per_mtok_usd" numeric,
	"cache_write_per_mtok_usd" numeric,
	"output_per_mtok_usd" numeric NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"day" date NOT NULL,
	"vendor" text NOT NULL,
	"model" text,
	"model_creator" text,
	"project" text,
	"team" text,
	"workflow" text,
	"environment" text,
	"source" text NOT NULL,
	"is_bucket" boolean NOT NULL,
	"events" bigint NOT NULL,
	"requests" bigint NOT NULL,
	"input_tokens" bigint NOT NULL,
	"cached_input_tokens" bigint NOT NULL,
	"cache_write_tokens" bigint NOT NULL,
	"output_tokens" bigint NOT NULL,
	"reasoning_tokens" bigint NOT NULL,
	"reasoning_known_output_tokens" bigint NOT NULL,
	"billed_cost_usd" numeric(20, 10),
	"reported_cost_usd" numeric(20, 10),
	"list_cost_usd" numeric(20, 10),
	"unpriced_events" bigint NOT NULL,
	"unpriced_tokens" bigint NOT NULL,
	"outcome_events" bigint NOT NULL,
	"success_events" bigint NOT NULL,
	"unverified_list_cost_usd" numeric(20, 10),
	CONSTRAINT "usage_daily_dims_key" UNIQUE NULLS NOT DISTINCT("day","vendor","model","model_creator","project","team","workflow","environment","source","is_bucket")
);
--> statement-breakpoint
CREATE TABLE "usage_events" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "usage_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dedupe_key" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"period_seconds" integer DEFAULT 0 NOT NULL,
	"request_count" integer,
	"vendor" text NOT NULL,
	"model" text,
	"model_raw" text,
	"model_creator" text,
	"input_tokens" bigint,
	"cached_input_tokens" bigint,
	"cache_write_tokens" bigint,
	"output_tokens" bigint,
	"reasoning_tokens" bigint,
	"billed_cost_usd" numeric(20, 10),
	"reported_cost_usd" numeric(20, 10),
	"reported_by" text,
	"list_cost_usd" numeric(20, 10),
	"price_source" text,
	"request_id" text,
	"project" text,
	"api_key" text,
	"user_id" text,
	"team" text,
	"workflow" text,
	"environment" text,
	"trace_id" text,
	"tags" jsonb,
	"success" boolean,
	"score" numeric(6, 5),
	"outcome_source" text,
	"latency_ms" integer,
	"tool_calls" integer,
	"source" text NOT NULL,
	"ingest_run_id" integer,
	"time_inferred" boolean DEFAULT false NOT NULL,
	CONSTRAINT "usage_events_dedupe_key_occurred_at_key" UNIQUE("dedupe_key","occurred_at")
);
--> statement-breakpoint
CREATE INDEX "cost_lines_period_start_idx" ON "cost_lines" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "ingest_runs_started_at_idx" ON "ingest_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "price_overrides_model_idx" ON "price_overrides" USING btree ("model","effective_from");--> statement-breakpoint
CREATE INDEX "usage_daily_day_idx" ON "usage_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "usage_events_occurred_at_idx" ON "usage_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "usage_events_trace_id_idx" ON "usage_events" USING btree ("trace_id");--> statement-breakpoint
CREATE INDEX "usage_events_ingest_run_id_idx" ON "usage_events" USING btree ("ingest_run_id");