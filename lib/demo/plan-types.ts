/** Types of DEMO_PLAN: what the demo generator plants, so later analysis can be tested against it. */

import type { Criticality } from '../config/types';

export type OutcomeShape = 'easy' | 'helps' | 'plateau' | 'hurts' | 'none';
export type OutcomeSource = 'ci-tests' | 'eval' | 'user-accept';
export type LogVendor = 'openai' | 'anthropic' | 'xai' | 'deepseek';
/** Which real response body a log line carries. */
export type BodyKind = 'openai.chat' | 'openai.responses' | 'anthropic.messages' | 'xai.chat' | 'deepseek.chat';

/** One log-normal component of a mixture (weights need not sum to 1). */
export interface LogNormalPart {
  weight: number;
  median: number;
  /** Standard deviation of ln(x). */
  sigma: number;
  /** e.g. the request's reasoning effort ("low" | "medium" | "high"), echoed in Responses bodies. */
  label?: string;
}

export interface DemoModel {
  /** Who bills; also the log folder logs/<vendor>/. */
  vendor: LogVendor;
  /** Normalised id (lib/ingest/models.ts normaliseModel of modelRaw). */
  model: string;
  /** Exactly as written in the body's "model". */
  modelRaw: string;
  body: BodyKind;
  /** Share of the workflow's primary traffic at the start of the window ... */
  share: number;
  /** ... and at its end (linear drift; a migration from one model to another). Defaults to share. */
  shareEnd?: number;
  /** False when the body does not state reasoning (reasoning_tokens must then be NULL, not 0). */
  reportsReasoning: boolean;
  /** Multiplier on the workflow's reasoning draw for this model. */
  reasoningFactor?: number;
}

export interface DemoWorkflow {
  /** "<team>/<workflow>" */
  id: string;
  team: string;
  /** metadata.workflow in the log lines. */
  workflow: string;
  /** metadata.project in the log lines. */
  project: string;
  /** The vendor-side project (OpenAI proj_...) or workspace (Anthropic wrkspc_...) this traffic bills to; null when the vendor has none. */
  billingProject: string | null;
  criticality: Criticality;
  description: string;
  models: DemoModel[];
  /** Declared fallback, and how it is exercised. */
  fallback: null | {
    model: DemoModel;
    /** Where the fallback's traffic bills (e.g. an Anthropic workspace). */
    billingProject: string;
    /** Share of traffic served by the fallback on ordinary days. */
    baseShare: number;
    /** Window day indexes (0 = first day) when the primary vendor was degraded ... */
    degradedDays: number[];
    /** ... and the fallback's share on those days. */
    degradedShare: number;
  };
  pattern: 'single_call' | 'fixed_chain' | 'agent_loop';
  /** Calls per trace_id (a ticket, a document, an incident). */
  callsPerTrace: { min: number; max: number };
  /** Expected request count at scale 1 over the 90 days. */
  requests: number;
  weekendFactor: number;
  hours: 'office' | 'round_the_clock';
  stagingShare: number;
  /** metadata.feature values. */
  features: string[];
  /** Prompt: a shared prefix (system prompt, cacheable) + a log-normal variable part. */
  input: { prefix: number; median: number; sigma: number; cacheHitRate: number };
  /** Reasoning tokens per request (mixture), clamped to [min, max]; null for a non-reasoning model. */
  reasoning: null | { parts: LogNormalPart[]; min: number; max: number; perTraceSigma?: number };
  /** Visible answer tokens (kept small: messages are short). */
  visibleOutput: { median: number; sigma: number };
  shape: OutcomeShape;
  outcomeSource: OutcomeSource | null;
  /** Share of requests whose log line carries an outcome (0 for no verifier). */
  outcomeCoverage: number;
  /** The planted shape in words. */
  expect: string;
  /** Planted success probability for a request with this many reasoning tokens (null = the body does not say). */
  successAt: (reasoningTokens: number | null) => number;
}

/** Traffic that only appears in aggregated vendor billing files (no request logs). */
export interface BillingOnlyWorkload {
  id: string;
  team: string;
  vendor: 'openai' | 'anthropic';
  /** OpenAI project_id or Anthropic workspace_id as written in the billing files. */
  billingProject: string;
  project: string;
  description: string;
  /** Models with their share at the start and end of the window. */
  models: { modelRaw: string; model: string; share: number; shareEnd: number }[];
  /** Expected requests per day at scale 1 (before weekday/growth factors). */
  requestsPerDay: number;
  weekendFactor: number;
  /** Mean tokens per request. */
  perRequest: { input: number; cachedShare: number; cacheWriteShare: number; output: number };
  /** What is hidden: the billing file has no reasoning split. */
  note: string;
}

export interface DemoDeveloper {
  user: string;
  /** Absolute home directory; cwd = home + "/" + repo. */
  home: string;
  repos: string[];
  /** Relative activity (1 = typical). */
  activity: number;
  usesCodex: boolean;
}

export interface DemoSubscription {
  vendor: 'anthropic' | 'openai';
  plan: string;
  seats: number;
  /** USD per seat per month, exact decimal string. */
  monthlyPricePerSeat: string;
  /** Which local logs the plan covers (ingest source id). */
  covers: 'claude_code' | 'codex';
  team: string;
  users: string[];
}

export interface DemoFolder {
  pattern: RegExp;
  /** What lives there and which ingest source reads it (null: not an ingest input). */
  source: string | null;
  description: string;
}
