ALTER TABLE "cost_lines" ALTER COLUMN "billed_cost_usd" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "cost_lines" ALTER COLUMN "list_cost_usd" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "usage_daily" ALTER COLUMN "billed_cost_usd" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "usage_daily" ALTER COLUMN "reported_cost_usd" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "usage_events" ALTER COLUMN "billed_cost_usd" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "usage_events" ALTER COLUMN "reported_cost_usd" SET DATA TYPE numeric;