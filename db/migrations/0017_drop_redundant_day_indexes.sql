DROP INDEX "usage_daily_day_idx";--> statement-breakpoint
DROP INDEX "usage_daily_keys_day_idx";