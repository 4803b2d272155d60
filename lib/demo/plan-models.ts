/**
 * The models the demo uses and the planted success curves (success probability as a function of a
 * request's reasoning tokens). Part of DEMO_PLAN; see plan.ts.
 */
import type { DemoModel } from './plan-types';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export const MODELS = {
  o4mini: {
    vendor: 'openai',
    model: 'o4-mini',
    modelRaw: 'o4-mini-2025-04-16',
    body: 'openai.chat',
    share: 0.65,
    shareEnd: 0.2,
    reportsReasoning: true,
  },
  gpt5mini: {
    vendor: 'openai',
    model: 'gpt-5-mini',
    modelRaw: 'gpt-5-mini-2025-08-07',
    body: 'openai.chat',
    share: 0.35,
    shareEnd: 0.8,
    reportsReasoning: true,
  },
  gpt5: { vendor: 'openai', model: 'gpt-5', modelRaw: 'gpt-5-2025-08-07', body: 'openai.responses', share: 1, reportsReasoning: true },
  gpt41mini: {
    vendor: 'openai',
    model: 'gpt-4.1-mini',
    modelRaw: 'gpt-4.1-mini-2025-04-14',
    body: 'openai.chat',
    share: 1,
    reportsReasoning: true,
  },
  sonnet45: {
    vendor: 'anthropic',
    model: 'claude-sonnet-4-5',
    modelRaw: 'claude-sonnet-4-5-20250929',
    body: 'anthropic.messages',
    share: 0.65,
    reportsReasoning: true,
  },
  opus41: {
    vendor: 'anthropic',
    model: 'claude-opus-4-1',
    modelRaw: 'claude-opus-4-1-20250805',
    body: 'anthropic.messages',
    share: 0.35,
    reportsReasoning: true,
    reasoningFactor: 1.2,
  },
  /** Used without extended thinking: the body has no output_tokens_details, so reasoning is NULL (unknown), not 0. */
  haiku45: {
    vendor: 'anthropic',
    model: 'claude-haiku-4-5',
    modelRaw: 'claude-haiku-4-5-20251001',
    body: 'anthropic.messages',
    share: 1,
    reportsReasoning: false,
  },
  grok3mini: { vendor: 'xai', model: 'grok-3-mini', modelRaw: 'grok-3-mini', body: 'xai.chat', share: 1, reportsReasoning: true },
  deepseekR: {
    vendor: 'deepseek',
    model: 'deepseek-reasoner',
    modelRaw: 'deepseek-reasoner',
    body: 'deepseek.chat',
    share: 1,
    reportsReasoning: true,
  },
} satisfies Record<string, DemoModel>;

/** Proof-check: success rises linearly in ln(thinking) from 0.45 at 150 tokens to 0.90 at 25,000. */
export function proofCheckSuccess(r: number | null): number {
  if (r === null) return 0.6;
  return 0.45 + 0.45 * clamp01(Math.log(r / 150) / Math.log(25_000 / 150));
}

/** Copy-review: rises to 0.85 at 2,000 reasoning tokens, flat after (knee ~2k). */
export function copyReviewSuccess(r: number | null): number {
  if (r === null) return 0.7;
  return 0.35 + 0.5 * Math.min(1, Math.log(1 + r / 100) / Math.log(21));
}

/** Incident agent: 0.88 up to 1,500 reasoning tokens, then falls by 0.5 per ln(6) of reasoning (0.38 at 9k), floor 0.2. */
export function incidentSuccess(r: number | null): number {
  if (r === null || r <= 1500) return 0.88;
  return Math.max(0.2, 0.88 - (0.5 * Math.log(r / 1500)) / Math.log(6));
}

/** Data-extract: rises linearly in ln(reasoning) from 0.45 at 100 tokens to 0.92 at 8,000. */
export function dataExtractSuccess(r: number | null): number {
  if (r === null) return 0.7;
  return 0.45 + 0.47 * clamp01(Math.log(r / 100) / Math.log(80));
}
