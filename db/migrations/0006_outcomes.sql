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
