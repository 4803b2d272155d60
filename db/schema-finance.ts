/** Statement exports (the month-close record) and the dependency map: workflows, subscriptions, budgets, saved scenarios. */

import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { ScenarioRule } from '../lib/analysis/scenario-rules';
import type { BudgetScope, Criticality, Fallback, MatchRule } from '../lib/config/types';
import type { SourceId } from '../lib/ingest/types';

/**
 * One row per exported monthly statement (CLI or download), so the month-close view can show what
 * changed since the last export of the same month and filters. snapshot holds the line totals as
 * exact decimal strings (see db/queries/statement-exports.ts for its shape).
 */
export const statementExports = pgTable(
  'statement_exports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** First day of the statement month (UTC). */
    month: date('month').notNull(),
    /** The statement filters as given ({ vendor?, team?, workflow? } in-lists; null = not set). */
    filters: jsonb('filters').notNull(),
    /** Canonical text of filters (sorted keys and values), the lookup key for "same filters". */
    filtersKey: text('filters_key').notNull(),
    /** csv | xlsx | pdf | focus */
    format: text('format').notNull(),
    exportedAt: timestamp('exported_at', { withTimezone: true }).notNull().defaultNow(),
    /** { version: 1, lines: [{ id, section, kind, key, label, listCostUsd, billedCostUsd }], totals: {...} } */
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [index('statement_exports_month_filters_key_idx').on(t.month, t.filtersKey, t.exportedAt)],
);

/*
 * The dependency map (lib/config/types.ts has the semantics; itemized.yaml is its file form).
 * `config import` replaces all three tables in one transaction. `position` is the declared order
 * (0-based): the first workflow / subscription that matches a usage line gets it.
 */

export const workflows = pgTable(
  'workflows',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** Owner team. */
    team: text('team').notNull(),
    criticality: text('criticality').$type<Criticality>().notNull(),
    description: text('description'),
    /** Array of rules, each { field: [values] } (any rule matches; within a rule every field must). */
    match: jsonb('match').$type<MatchRule[]>().notNull(),
    /** Declared fallbacks [{ vendor, model }], in preference order. */
    fallbacks: jsonb('fallbacks').$type<Fallback[]>().notNull(),
  },
  (t) => [
    unique('workflows_name_key').on(t.name),
    unique('workflows_position_key').on(t.position),
    check('workflows_criticality_check', sql`${t.criticality} IN ('critical', 'important', 'optional')`),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    position: integer('position').notNull(),
    vendor: text('vendor').notNull(),
    plan: text('plan').notNull(),
    seats: integer('seats').notNull(),
    /** USD per seat per calendar month; the scale written is kept ("200.00"). */
    monthlyPricePerSeatUsd: numeric('monthly_price_per_seat_usd').notNull(),
    /** First and last UTC day covered, inclusive; NULL = open-ended. */
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    /** The team that pays for the plan. */
    team: text('team'),
    /** Seat holders; empty = anyone's usage from the covered sources. */
    users: jsonb('users').$type<string[]>().notNull(),
    /** Ingest source ids whose logs the plan covers (e.g. claude_code, codex). */
    covers: jsonb('covers').$type<SourceId[]>().notNull(),
  },
  (t) => [unique('subscriptions_position_key').on(t.position), check('subscriptions_seats_check', sql`${t.seats} > 0`)],
);

export const budgets = pgTable(
  'budgets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    position: integer('position').notNull(),
    scope: text('scope').$type<BudgetScope>().notNull(),
    /** Team name or workflow name (workflows.name). */
    name: text('name').notNull(),
    /** "YYYY-MM"; NULL = every month (a month-specific budget wins over it). */
    month: text('month'),
    /** USD per calendar month. */
    amountUsd: numeric('amount_usd').notNull(),
  },
  (t) => [
    unique('budgets_position_key').on(t.position),
    unique('budgets_scope_name_month_key').on(t.scope, t.name, t.month).nullsNotDistinct(),
    check('budgets_scope_check', sql`${t.scope} IN ('team', 'workflow')`),
  ],
);

/** Saved what-if scenarios: rules as applied (presets already expanded), see lib/analysis/scenario-rules.ts. */
export const savedScenarios = pgTable(
  'saved_scenarios',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    rules: jsonb('rules').$type<ScenarioRule[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('saved_scenarios_name_key').on(t.name)],
);

export type StatementExportRow = typeof statementExports.$inferSelect;
export type WorkflowRow = typeof workflows.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type BudgetRow = typeof budgets.$inferSelect;
export type SavedScenarioRow = typeof savedScenarios.$inferSelect;
