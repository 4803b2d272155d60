ALTER TABLE "usage_daily" ADD COLUMN "reasoning_list_cost_usd" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "usage_daily" ADD COLUMN "success_list_cost_usd" numeric(20, 10);--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "output_price_per_mtok_usd" numeric;