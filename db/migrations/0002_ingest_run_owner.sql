ALTER TABLE "ingest_runs" ADD COLUMN "process_id" integer;--> statement-breakpoint
ALTER TABLE "ingest_runs" ADD COLUMN "host" text;