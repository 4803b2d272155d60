CREATE TABLE "ingest_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"scope" text DEFAULT 'ingest' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "ingest_tokens_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key_kind" text NOT NULL,
	"key" text NOT NULL,
	"success" boolean,
	"score" numeric(6, 5),
	"outcome_source" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ingest_run_id" integer,
	CONSTRAINT "outcomes_key_kind_key_key" UNIQUE("key_kind","key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_tokens_name_active_key" ON "ingest_tokens" USING btree ("name") WHERE revoked_at IS NULL;