ALTER TABLE "ingest_tokens" ALTER COLUMN "scope" SET DEFAULT 'ingest:files ingest:traces';--> statement-breakpoint
ALTER TABLE "ingest_tokens" ADD COLUMN "prefix" text;