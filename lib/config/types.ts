/**
 * The dependency map (workflows, flat-rate subscriptions, budgets) as the application sees it, after
 * validation. itemized.yaml (lib/config/yaml.ts) and the database tables (db/schema.ts) are two
 * encodings of exactly this shape. Money is exact decimal text in USD.
 *
 * Match rule semantics (attribution of usage to workflows):
 * - A rule is a set of fields, each with one or more accepted values. A usage line matches a rule when
 *   EVERY field of the rule matches, and a field matches when the line's value is ANY of its values
 *   (exact, case-sensitive string equality; a line with no value for the field never matches it).
 * - A workflow has one or more rules and matches a line when ANY of its rules does.
 * - Workflows are tried in declared order; the FIRST matching workflow gets the line. A line no
 *   workflow matches is "unattributed" (workflow null), never guessed.
 * - Fields: `workflow` (the workflow tag of the usage, e.g. log metadata.workflow), `project`, `team`,
 *   `environment`, `vendor` (who bills), `source` (the ingest source id), `api_key`, `user`.
 *   The first six are read from the daily rollup; `api_key` and `user` only exist on raw events, so a
 *   workflow using them makes attribution read the events its rule could apply to (see
 *   db/queries/attribution-sql.ts).
 */
import type { SourceId } from '../ingest/types';

export const CRITICALITIES = ['critical', 'important', 'optional'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** Rank for sorting: critical first. */
export const CRITICALITY_RANK: Record<Criticality, number> = { critical: 0, important: 1, optional: 2 };

export const MATCH_FIELDS = ['workflow', 'project', 'team', 'environment', 'vendor', 'source', 'api_key', 'user'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];
/** Fields only raw usage events carry (not the usage_daily rollup). */
export const EVENT_ONLY_FIELDS: readonly MatchField[] = ['api_key', 'user'];

/** One rule: field -> accepted values (at least one field, each with at least one value). */
export type MatchRule = Partial<Record<MatchField, string[]>>;

export interface Fallback {
  vendor: string;
  model: string;
}

export interface WorkflowConfig {
  /** Unique, e.g. "support/ticket-triage". */
  name: string;
  /** Owner team: pays for the workflow's usage that carries no team tag of its own. */
  team: string;
  criticality: Criticality;
  description: string | null;
  /** Any rule matching attributes a usage line (see the semantics above). */
  match: MatchRule[];
  /** Declared fallbacks, in preference order. */
  fallbacks: Fallback[];
}

/**
 * A flat-rate plan. It covers the usage whose source is one of `covers`, billed by `vendor`, on days
 * within [periodStart, periodEnd] (open ends when null), and, when `users` is not empty, whose user is
 * one of them or is not recorded (coding-agent session logs carry no user: they are read from the seat
 * holders' machines). The first subscription in declared order that covers a usage line gets it.
 * `team` is the team that pays for the plan.
 */
export interface SubscriptionConfig {
  vendor: string;
  plan: string;
  seats: number;
  /** USD per seat per calendar month. */
  monthlyPricePerSeatUsd: string;
  /** First and last UTC day, inclusive ("YYYY-MM-DD"); null = open. */
  periodStart: string | null;
  periodEnd: string | null;
  team: string | null;
  users: string[];
  /** Ingest source ids whose logs the plan covers, e.g. claude_code, codex. */
  covers: SourceId[];
}

export type BudgetScope = 'team' | 'workflow';

export interface BudgetConfig {
  scope: BudgetScope;
  /** The team name, or the workflow's name in this config. */
  name: string;
  /** "YYYY-MM" for one month; null = every month. A month-specific budget wins over the recurring one. */
  month: string | null;
  /** USD per calendar month. */
  amountUsd: string;
}

export interface ItemizedConfig {
  version: 1;
  workflows: WorkflowConfig[];
  subscriptions: SubscriptionConfig[];
  budgets: BudgetConfig[];
}

export const EMPTY_CONFIG: ItemizedConfig = { version: 1, workflows: [], subscriptions: [], budgets: [] };

const SOURCE_ID_SET: Record<SourceId, true> = {
  openai_usage: true,
  openai_costs: true,
  response_log: true,
  anthropic_usage: true,
  anthropic_costs: true,
  claude_code: true,
  codex: true,
  litellm: true,
  langfuse: true,
  focus: true,
  aws_bedrock: true,
  openrouter: true,
  helicone: true,
  otel_genai: true,
  outcomes: true,
  mapped_csv: true,
};
export const SOURCE_IDS = Object.keys(SOURCE_ID_SET) as SourceId[];
export const isSourceId = (s: string): s is SourceId => Object.hasOwn(SOURCE_ID_SET, s);
