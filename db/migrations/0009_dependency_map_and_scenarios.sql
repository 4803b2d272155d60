CREATE TABLE "budgets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "budgets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"position" integer NOT NULL,
	"scope" text NOT NULL,
	"name" text NOT NULL,
	"month" text,
	"amount_usd" numeric NOT NULL,
	CONSTRAINT "budgets_position_key" UNIQUE("position"),
	CONSTRAINT "budgets_scope_name_month_key" UNIQUE NULLS NOT DISTINCT("scope","name","month"),
	CONSTRAINT "budgets_scope_check" CHECK ("budgets"."scope" IN ('team', 'workflow'))
);
--> statement-breakpoint
CREATE TABLE "saved_scenarios" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "saved_scenarios_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_scenarios_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"position" integer NOT NULL,
	"vendor" text NOT NULL,
	"plan" text NOT NULL,
	"seats" integer NOT NULL,
	"monthly_price_per_seat_usd" numeric NOT NULL,
	"period_start" date,
	"period_end" date,
	"team" text,
	"users" jsonb NOT NULL,
	"covers" jsonb NOT NULL,
	CONSTRAINT "subscriptions_position_key" UNIQUE("position"),
	CONSTRAINT "subscriptions_seats_check" CHECK ("subscriptions"."seats" > 0)
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"team" text NOT NULL,
	"criticality" text NOT NULL,
	"description" text,
	"match" jsonb NOT NULL,
	"fallbacks" jsonb NOT NULL,
	CONSTRAINT "workflows_name_key" UNIQUE("name"),
	CONSTRAINT "workflows_position_key" UNIQUE("position"),
	CONSTRAINT "workflows_criticality_check" CHECK ("workflows"."criticality" IN ('critical', 'important', 'optional'))
);
