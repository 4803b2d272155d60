CREATE TABLE "statement_exports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "statement_exports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"month" date NOT NULL,
	"filters" jsonb NOT NULL,
	"filters_key" text NOT NULL,
	"format" text NOT NULL,
	"exported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "statement_exports_month_filters_key_idx" ON "statement_exports" USING btree ("month","filters_key","exported_at");