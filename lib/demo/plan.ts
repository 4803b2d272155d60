/**
 * DEMO_PLAN: the organisation the demo generator writes, and every shape planted in it.
 * The generator reads its parameters from here (single source of truth); tests of later analysis
 * read it to know what they should find. Counts are at scale 1.
 */

import { copyReviewSuccess, dataExtractSuccess, incidentSuccess, MODELS, proofCheckSuccess } from './plan-models';
import { BUDGETS, DEVELOPERS, FOLDERS, SUBSCRIPTIONS, TEAM_USERS } from './plan-org';
import type { BillingOnlyWorkload, DemoWorkflow } from './plan-types';

export { MODELS } from './plan-models';
export type * from './plan-types';

const WORKFLOWS: DemoWorkflow[] = [
  {
    id: 'support/ticket-triage',
    team: 'support',
    workflow: 'ticket-triage',
    project: 'support-bot',
    billingProject: 'proj_support-bot',
    criticality: 'critical',
    description: 'Routes incoming support tickets to a queue and priority (Chat Completions, reasoning models).',
    models: [MODELS.o4mini, MODELS.gpt5mini],
    fallback: { model: MODELS.haiku45, billingProject: 'wrkspc_support', baseShare: 0.035, degradedDays: [41, 42], degradedShare: 0.6 },
    pattern: 'single_call',
    callsPerTrace: { min: 1, max: 1 },
    requests: 5200,
    weekendFactor: 0.55,
    hours: 'round_the_clock',
    stagingShare: 0.06,
    features: ['auto-triage', 'priority-detect'],
    input: { prefix: 1400, median: 600, sigma: 0.7, cacheHitRate: 0.8 },
    reasoning: {
      parts: [
        { weight: 0.3, median: 80, sigma: 0.4, label: 'low' },
        { weight: 0.7, median: 1300, sigma: 0.55, label: 'medium' },
      ],
      min: 0,
      max: 12_000,
    },
    visibleOutput: { median: 45, sigma: 0.35 },
    shape: 'easy',
    outcomeSource: 'user-accept',
    outcomeCoverage: 0.85,
    expect:
      'EASY: success ~0.93 in every reasoning quartile; the median request reasons ~8x the 25th percentile, so most reasoning spend changes nothing. ~5% of tickets go to the declared fallback claude-haiku-4-5 (60% on window days 41-42, an OpenAI degradation).',
    successAt: (r) => (r === null ? 0.91 : 0.93),
  },
  {
    id: 'research/proof-check',
    team: 'research',
    workflow: 'proof-check',
    project: 'proof-lab',
    billingProject: 'wrkspc_research',
    criticality: 'important',
    description: 'Checks proofs step by step with extended thinking (Anthropic Messages).',
    models: [MODELS.sonnet45, MODELS.opus41],
    fallback: null,
    pattern: 'single_call',
    callsPerTrace: { min: 1, max: 1 },
    requests: 4200,
    weekendFactor: 0.3,
    hours: 'office',
    stagingShare: 0.05,
    features: ['lemma-check', 'full-proof'],
    input: { prefix: 3000, median: 2500, sigma: 0.8, cacheHitRate: 0.65 },
    reasoning: { parts: [{ weight: 1, median: 2000, sigma: 1.3 }], min: 64, max: 32_000 },
    visibleOutput: { median: 350, sigma: 0.6 },
    shape: 'helps',
    outcomeSource: 'ci-tests',
    outcomeCoverage: 0.85,
    expect:
      'HELPS: success rises steadily with ln(thinking tokens), ~0.45 at 150 tokens to ~0.90 at 25k; top reasoning quartile beats the bottom one by ~0.3.',
    successAt: proofCheckSuccess,
  },
  {
    id: 'growth/copy-review',
    team: 'growth',
    workflow: 'copy-review',
    project: 'growth-content',
    billingProject: 'proj_growth-content',
    criticality: 'optional',
    description: 'Reviews marketing copy (OpenAI Responses API, gpt-5 with reasoning effort low/medium/high).',
    models: [MODELS.gpt5],
    fallback: null,
    pattern: 'single_call',
    callsPerTrace: { min: 1, max: 1 },
    requests: 2900,
    weekendFactor: 0.2,
    hours: 'office',
    stagingShare: 0.08,
    features: ['email', 'landing-page', 'ad-copy'],
    input: { prefix: 1300, median: 700, sigma: 0.8, cacheHitRate: 0.7 },
    reasoning: {
      parts: [
        { weight: 0.25, median: 450, sigma: 0.5, label: 'low' },
        { weight: 0.5, median: 2600, sigma: 0.45, label: 'medium' },
        { weight: 0.25, median: 6500, sigma: 0.5, label: 'high' },
      ],
      min: 0,
      max: 25_000,
    },
    visibleOutput: { median: 220, sigma: 0.5 },
    shape: 'plateau',
    outcomeSource: 'user-accept',
    outcomeCoverage: 0.85,
    expect:
      'PLATEAU: success rises to ~0.85 by ~2,000 reasoning tokens, then flat (knee ~2k); the top two reasoning quartiles succeed alike.',
    successAt: copyReviewSuccess,
  },
  {
    id: 'platform/incident-agent',
    team: 'platform',
    workflow: 'incident-agent',
    project: 'incident-response',
    billingProject: null,
    criticality: 'critical',
    description: 'An agent loop (5-40 tool calls per incident, shared trace_id) on xAI grok-3-mini via OpenAI-compatible Chat Completions.',
    models: [MODELS.grok3mini],
    fallback: null,
    pattern: 'agent_loop',
    callsPerTrace: { min: 5, max: 40 },
    requests: 3600,
    weekendFactor: 0.8,
    hours: 'round_the_clock',
    stagingShare: 0.1,
    features: ['diagnose', 'remediate'],
    input: { prefix: 2200, median: 800, sigma: 0.6, cacheHitRate: 0.7 },
    reasoning: { parts: [{ weight: 1, median: 1500, sigma: 0.7 }], min: 16, max: 16_000, perTraceSigma: 0.5 },
    visibleOutput: { median: 45, sigma: 0.5 },
    shape: 'hurts',
    outcomeSource: 'eval',
    outcomeCoverage: 0.85,
    expect:
      'HURTS: per-call success ~0.88 up to 1.5k reasoning tokens, then falls with ln(reasoning) (0.38 at 9k, floor 0.2); the bottom reasoning quartile beats the top one by ~0.3. Agent loop: calls share trace_id and the prompt grows call by call.',
    successAt: incidentSuccess,
  },
  {
    id: 'research/data-extract',
    team: 'research',
    workflow: 'data-extract',
    project: 'research-data',
    billingProject: null,
    criticality: 'important',
    description: 'Extracts tables from papers, then verifies them: a fixed chain of 2 calls per document (deepseek-reasoner).',
    models: [MODELS.deepseekR],
    fallback: null,
    pattern: 'fixed_chain',
    callsPerTrace: { min: 2, max: 2 },
    requests: 2800,
    weekendFactor: 0.25,
    hours: 'office',
    stagingShare: 0.05,
    features: ['paper-table', 'invoice'],
    input: { prefix: 1600, median: 3000, sigma: 0.9, cacheHitRate: 0.8 },
    reasoning: { parts: [{ weight: 1, median: 900, sigma: 1.2 }], min: 8, max: 20_000 },
    visibleOutput: { median: 300, sigma: 0.5 },
    shape: 'helps',
    outcomeSource: 'eval',
    outcomeCoverage: 0.85,
    expect:
      'HELPS (second case, another vendor): success rises with ln(reasoning), ~0.45 at 100 tokens to ~0.92 at 8k; top quartile beats bottom by ~0.3.',
    successAt: dataExtractSuccess,
  },
  {
    id: 'growth/summarize',
    team: 'growth',
    workflow: 'summarize',
    project: 'growth-content',
    billingProject: 'proj_growth-content',
    criticality: 'optional',
    description: 'Summarises sales calls and weekly digests (gpt-4.1-mini, no reasoning). No verifier: all of it is unverified spend.',
    models: [MODELS.gpt41mini],
    fallback: null,
    pattern: 'single_call',
    callsPerTrace: { min: 1, max: 1 },
    requests: 1800,
    weekendFactor: 0.15,
    hours: 'office',
    stagingShare: 0.05,
    features: ['call-notes', 'weekly-digest'],
    input: { prefix: 500, median: 2500, sigma: 0.9, cacheHitRate: 0 },
    reasoning: null,
    visibleOutput: { median: 280, sigma: 0.5 },
    shape: 'none',
    outcomeSource: null,
    outcomeCoverage: 0,
    expect: 'NO OUTCOME SIGNAL: no log line carries an outcome; reasoning_tokens is reported as 0 (a non-reasoning model).',
    successAt: () => Number.NaN,
  },
];

const BILLING_ONLY: BillingOnlyWorkload[] = [
  {
    id: 'growth/nightly-batch',
    team: 'growth',
    vendor: 'openai',
    billingProject: 'proj_nightly-batch',
    project: 'nightly-batch',
    description: 'A nightly job (standard API, not the Batch API) scoring leads; only in billing/openai-usage and billing/openai-costs.',
    models: [
      { modelRaw: 'gpt-5-mini-2025-08-07', model: 'gpt-5-mini', share: 0.3, shareEnd: 0.8 },
      { modelRaw: 'o4-mini-2025-04-16', model: 'o4-mini', share: 0.7, shareEnd: 0.2 },
    ],
    requestsPerDay: 600,
    weekendFactor: 1,
    perRequest: { input: 2800, cachedShare: 0.45, cacheWriteShare: 0, output: 1900 },
    note: 'Usage API buckets have no reasoning split: estimate it from the same models in logs/openai (ticket-triage).',
  },
  {
    id: 'research/analytics',
    team: 'research',
    vendor: 'anthropic',
    billingProject: 'wrkspc_analytics',
    project: 'analytics',
    description: 'Notebook analytics in Anthropic workspace wrkspc_analytics; only in billing/anthropic-usage and billing/anthropic-costs.',
    models: [
      { modelRaw: 'claude-sonnet-4-5-20250929', model: 'claude-sonnet-4-5', share: 0.7, shareEnd: 0.7 },
      { modelRaw: 'claude-haiku-4-5-20251001', model: 'claude-haiku-4-5', share: 0.3, shareEnd: 0.3 },
    ],
    requestsPerDay: 250,
    weekendFactor: 0.2,
    perRequest: { input: 9000, cachedShare: 0.55, cacheWriteShare: 0.1, output: 700 },
    note: 'The Admin usage report has no thinking breakdown and no request count.',
  },
];

export const DEMO_PLAN = {
  /** Window: the 90 UTC days before `end` (exclusive). */
  windowDays: 90,
  teams: ['platform', 'support', 'growth', 'research', 'devtools'],
  environments: ['production', 'staging'],
  workflows: WORKFLOWS,
  billingOnly: BILLING_ONLY,
  /** Volume spike: incident-agent traffic x3 on window days 60-66 (an outage week). */
  spike: { workflow: 'platform/incident-agent', fromDay: 60, toDayExclusive: 67, multiplier: 3 },
  /** Whole-organisation growth: daily volume ramps linearly from 0.8x to 1.25x across the window. */
  growth: { first: 0.8, last: 1.25 },
  teamUsers: TEAM_USERS,
  developers: DEVELOPERS,
  subscriptions: SUBSCRIPTIONS,
  budgets: BUDGETS,
  /**
   * The planted single-vendor risk: a critical workflow served by one vendor (xAI) with no fallback
   * declared, so it must rank first among exposed workflows. ticket-triage, the other critical one,
   * declares a fallback and exercises it (~5% of tickets; 60% on days 41-42).
   */
  singleVendorCritical: 'platform/incident-agent',
  claudeCode: {
    sessions: 110,
    callsPerSession: { min: 20, max: 200 },
    /** Share of assistant messages written on 2-3 lines (one per content block) that repeat the full usage. */
    duplicateMessageRate: 0.35,
    /** Chance that a main-thread call spawns a Task sub-agent (isSidechain lines in the same file). */
    sidechainRate: 0.05,
    models: [
      { modelRaw: 'claude-sonnet-4-5-20250929', share: 0.75 },
      { modelRaw: 'claude-opus-4-1-20250805', share: 0.25 },
    ],
  },
  codex: {
    sessions: 70,
    models: [
      { modelRaw: 'gpt-5-codex', share: 0.8 },
      { modelRaw: 'gpt-5', share: 0.2 },
    ],
    /** Share of token_count events Codex writes twice with an unchanged total_token_usage (sum deltas of the totals, not last_token_usage). */
    repeatedTokenCountRate: 0.03,
  },
  /** Request-level events at scale 1 (API log lines + unique Claude Code messages + unique Codex token_count events). */
  volume: { requestEvents: { min: 25_000, max: 40_000 }, maxBytes: 40_000_000 },
  folders: FOLDERS,
} as const;

export function workflowById(id: string): DemoWorkflow {
  const wf = WORKFLOWS.find((w) => w.id === id);
  if (!wf) throw new Error(`no demo workflow ${id}`);
  return wf;
}
