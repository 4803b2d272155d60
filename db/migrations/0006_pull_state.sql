CREATE TABLE "pull_state" (
	"id" text PRIMARY KEY NOT NULL,
	"connection" text NOT NULL,
	"endpoint" text NOT NULL,
	"cursor" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_status" text,
	"last_error" text,
	"last_rows_inserted" integer,
	"last_ingest_run_id" integer
);
